import { describe, expect, test } from 'vitest'
import { PCA } from '../decomposition/PCA.js'
import { ParameterError } from '../errors.js'
import { Random } from '../internal/random.js'
import { LinearRegression } from '../linear/LinearRegression.js'
import { LogisticRegression } from '../linear/LogisticRegression.js'
import { Ridge } from '../linear/Ridge.js'
import { PolynomialFeatures } from '../preprocessing/PolynomialFeatures.js'
import { loadEstimator } from '../serialization/registry.js'
import { syntheticData } from '../testing/checkEstimator.js'
import { crossValidate } from './crossValidate.js'
import { crossValScore } from './crossValScore.js'
import { logUniform, randInt, sample } from './distributions.js'
import { expandGrid, GridSearchCV } from './GridSearchCV.js'
import { Pipeline } from './Pipeline.js'
import { permutationImportance } from './permutationImportance.js'
import { RandomizedSearchCV } from './RandomizedSearchCV.js'

const reg = syntheticData('regression')
const clf = syntheticData('classification')

describe('Pipeline', () => {
  test('fits transformers then the final estimator; equals doing it by hand', () => {
    const pipe = new Pipeline({
      steps: [
        ['poly', new PolynomialFeatures({ degree: 2 })],
        ['ridge', new Ridge({ alpha: 0.1 })],
      ],
    }).fit(reg.X, reg.y)
    const Xp = new PolynomialFeatures({ degree: 2 }).fitTransform(reg.X)
    const byHand = new Ridge({ alpha: 0.1 }).fit(Xp, reg.y)
    expect(Array.from(pipe.predict(reg.X))).toEqual(Array.from(byHand.predict(Xp)))
    expect(pipe.score(reg.X, reg.y)).toBe(byHand.score(Xp, reg.y))
  })

  test("nested options as 'step__option' in getParams/setParams", () => {
    const pipe = new Pipeline({
      steps: [
        ['pca', new PCA()],
        ['clf', new LogisticRegression()],
      ],
    })
    pipe.setParams({ clf__C: 10, pca__nComponents: 2 })
    expect(pipe.getParams().clf__C).toBe(10)
    expect((pipe.namedStep('pca') as PCA).getParams().nComponents).toBe(2)
    expect(() => pipe.setParams({ nope__C: 1 })).toThrow(ParameterError)
    expect(() => pipe.setParams({ clf__nope: 1 })).toThrow(/unknown option 'nope'/)
  })

  test('accepts any object with fit/transform as a step, and says when it cannot be saved', () => {
    // A minimal foreign transformer (like @mlstack/data's scalers) that centres the columns.
    const centre = {
      means: [] as number[],
      fit(X: number[][]) {
        this.means = (X[0] as number[]).map(
          (_, j) => X.reduce((s, r) => s + (r[j] as number), 0) / X.length,
        )
        return this
      },
      transform(X: number[][]) {
        return X.map((r) => r.map((v, j) => v - (this.means[j] as number)))
      },
    }
    const pipe = new Pipeline({
      steps: [
        ['centre', centre as never],
        ['lr', new LinearRegression()],
      ],
    }).fit(reg.X, reg.y)
    const direct = new LinearRegression().fit(reg.X, reg.y)
    const a = pipe.predict(reg.X)
    const b = direct.predict(reg.X)
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] as number, 9)
    expect(() => pipe.toJSON()).toThrow(/step 'centre' cannot be serialized/)
  })

  test('rejects bad steps with ParameterError', () => {
    expect(() => new Pipeline().fit(reg.X, reg.y)).toThrow(ParameterError)
    expect(() =>
      new Pipeline({
        steps: [
          ['lr', new LinearRegression()],
          ['r', new Ridge()],
        ],
      }).fit(reg.X, reg.y),
    ).toThrow(/not last but has no transform/)
  })
})

describe('crossValScore', () => {
  test('returns one score per fold; a named scorer changes the metric', () => {
    const acc = crossValScore(new LogisticRegression(), clf.X, clf.y, { cv: 3 })
    expect(acc.length).toBe(3)
    for (const a of acc) expect(a).toBeGreaterThan(0.9)
    const mse = crossValScore(new Ridge(), reg.X, reg.y, {
      cv: 4,
      scoring: 'neg_mean_squared_error',
    })
    expect(mse.length).toBe(4)
    for (const v of mse) expect(v).toBeLessThan(0)
    expect(() => crossValScore(new Ridge(), reg.X, reg.y, { scoring: 'nope' })).toThrow(
      /expected one of/,
    )
    expect(() => crossValScore(new Ridge(), reg.X, reg.y, { cv: 1 })).toThrow(ParameterError)
  })
})

describe('crossValidate', () => {
  test('several named scores, train scores, timings and the fold estimators; equals crossValScore', () => {
    const r = crossValidate(new Ridge(), reg.X, reg.y, {
      cv: 4,
      scoring: { r2: 'r2', mse: 'neg_mean_squared_error' },
      returnTrainScore: true,
      returnEstimator: true,
    })
    expect(Object.keys(r.testScores)).toEqual(['r2', 'mse'])
    expect(Array.from(r.testScores.r2 as Float64Array)).toEqual(
      Array.from(crossValScore(new Ridge(), reg.X, reg.y, { cv: 4, scoring: 'r2' })),
    )
    expect(r.trainScores?.r2?.length).toBe(4)
    expect(r.estimators?.length).toBe(4)
    expect(r.fitTime.every((t) => t >= 0)).toBe(true)
    const plain = crossValidate(new LogisticRegression(), clf.X, clf.y, { cv: 3 })
    expect(Object.keys(plain.testScores)).toEqual(['score'])
    expect(plain.trainScores).toBeUndefined()
  })

  test('a search is a classifier when what it tunes is (stratified folds in nested CV)', () => {
    const search = new GridSearchCV({
      estimator: new LogisticRegression(),
      paramGrid: { C: [1] },
      cv: 2,
    })
    // 3 sorted classes x 20 samples: stratified 3-fold keeps every class in every fold.
    const sorted = clf.y.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
    const X = sorted.map(([, i]) => clf.X[i] as number[])
    const y = sorted.map(([v]) => v)
    const scores = crossValScore(search, X, y, { cv: 3 })
    for (const s of scores) expect(s).toBeGreaterThan(0.9)
  })
})

describe('searches', () => {
  test("expandGrid follows scikit-learn's order (sorted keys, last varies fastest)", () => {
    expect(expandGrid({ b: [1, 2], a: ['x', 'y'] }, 't')).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
    ])
    expect(() => expandGrid({ a: [] }, 't')).toThrow(ParameterError)
  })

  test('GridSearchCV finds the best option, refits, round-trips through JSON', () => {
    const g = new GridSearchCV({
      estimator: new LogisticRegression(),
      paramGrid: { C: [1e-4, 1] },
      cv: 3,
    }).fit(clf.X, clf.y)
    expect(g.bestParams).toEqual({ C: 1 })
    expect(g.cvResults.rankTestScore).toEqual([2, 1])
    const back = loadEstimator(JSON.stringify(g.toJSON())) as GridSearchCV
    expect(Array.from(back.predict(clf.X))).toEqual(Array.from(g.predict(clf.X)))
    expect(back.bestScore).toBe(g.bestScore)
  })

  test('GridSearchCV tunes pipeline steps', () => {
    const pipe = new Pipeline({
      steps: [
        ['poly', new PolynomialFeatures()],
        ['ridge', new Ridge()],
      ],
    })
    const g = new GridSearchCV({
      estimator: pipe,
      paramGrid: { poly__degree: [1, 2], ridge__alpha: [0.1, 1000] },
      cv: 3,
    })
    g.fit(reg.X, reg.y)
    expect(g.bestParams.ridge__alpha).toBe(0.1)
  })

  test('RandomizedSearchCV is seeded and samples inside the distributions', () => {
    const make = () =>
      new RandomizedSearchCV({
        estimator: new Ridge(),
        paramDistributions: { alpha: logUniform(1e-3, 1e2), fitIntercept: [true, false] },
        nIter: 6,
        cv: 3,
        randomState: 7,
      }).fit(reg.X, reg.y)
    const a = make()
    expect(make().cvResults.params).toEqual(a.cvResults.params)
    for (const p of a.cvResults.params) {
      expect(p.alpha as number).toBeGreaterThanOrEqual(1e-3)
      expect(p.alpha as number).toBeLessThan(1e2)
    }
    const rng = new Random(1)
    const seen = new Set<unknown>()
    for (let i = 0; i < 200; i++) seen.add(sample(randInt(1, 4), rng))
    expect([...seen].sort()).toEqual([1, 2, 3])
  })
})

describe('permutationImportance', () => {
  test('an informative feature matters, a pure-noise feature does not', () => {
    const X = reg.X.map((r, i) => [r[0] as number, ((i * 7919) % 13) / 13])
    const y = X.map((r) => 3 * (r[0] as number))
    const model = new LinearRegression().fit(X, y)
    const r = permutationImportance(model, X, y, { nRepeats: 4, randomState: 0 })
    expect(r.importancesMean[0]).toBeGreaterThan(0.5)
    expect(Math.abs(r.importancesMean[1] as number)).toBeLessThan(1e-9)
    expect(r.importances.columns).toBe(4)
  })
})
