/**
 * Parity of the linear models with scikit-learn 1.2.1 on the shared reference splits
 * (fixtures/sklearn_results.json) and the extra fixtures from fixtures/make_fixtures.py.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  Ridge,
  SGDClassifier,
  SGDRegressor,
} from '../src/index.js'
import { fixturesDir, loadSplit, sklearnResult } from './datasets.js'

const extra = JSON.parse(readFileSync(join(fixturesDir, 'sklearn_extra.json'), 'utf8'))

/** max |a - b| / max(1, max |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0
  let den = 1
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs((a[i] as number) - (b[i] as number)))
    den = Math.max(den, Math.abs(b[i] as number))
  }
  return num / den
}

describe('linear regressors on diabetes vs scikit-learn', () => {
  const d = loadSplit('diabetes')
  const reg = extra.regression_diabetes

  test('LinearRegression: R² within 0.005 of the published result, coefficients to 1e-9', () => {
    const m = new LinearRegression().fit(d.Xtrain, d.ytrain)
    expect(
      Math.abs(
        m.score(d.Xtest, d.ytest) - (sklearnResult('diabetes', 'LinearRegression').r2 as number),
      ),
    ).toBeLessThan(0.005)
    expect(relErr(m.coef, reg.LinearRegression.coef)).toBeLessThan(1e-9)
    expect(m.intercept).toBeCloseTo(reg.LinearRegression.intercept, 6)
  })

  test('Ridge: R² within 0.005 of the published result, coefficients to 1e-9', () => {
    const m = new Ridge({ alpha: 1 }).fit(d.Xtrain, d.ytrain)
    expect(
      Math.abs(
        m.score(d.Xtest, d.ytest) - (sklearnResult('diabetes', 'Ridge alpha=1').r2 as number),
      ),
    ).toBeLessThan(0.005)
    expect(relErr(m.coef, reg['Ridge alpha=1'].coef)).toBeLessThan(1e-9)
    const m01 = new Ridge({ alpha: 0.1 }).fit(d.Xtrain, d.ytrain)
    expect(relErr(m01.coef, reg['Ridge alpha=0.1'].coef)).toBeLessThan(1e-9)
  })

  test.each([
    ['Lasso alpha=0.1', () => new Lasso({ alpha: 0.1 })],
    ['Lasso alpha=1', () => new Lasso({ alpha: 1 })],
    ['ElasticNet alpha=0.01 l1_ratio=0.5', () => new ElasticNet({ alpha: 0.01, l1Ratio: 0.5 })],
    ['ElasticNet alpha=0.001 l1_ratio=0.2', () => new ElasticNet({ alpha: 0.001, l1Ratio: 0.2 })],
  ])('%s: same sparsity, coefficients and R²', (key, make) => {
    const ref = reg[key]
    const m = make().fit(d.Xtrain, d.ytrain)
    expect(relErr(m.coef, ref.coef)).toBeLessThan(2e-3)
    for (let j = 0; j < ref.coef.length; j++) expect(m.coef[j] === 0).toBe(ref.coef[j] === 0)
    expect(Math.abs(m.score(d.Xtest, d.ytest) - ref.r2)).toBeLessThan(1e-3)
  })

  test('SGDRegressor on standardised features: R² within 0.02 of scikit-learn (different shuffling RNG)', () => {
    const s = loadSplit('diabetes', 'std')
    const m = new SGDRegressor({ randomState: 0 }).fit(s.Xtrain, s.ytrain)
    expect(Math.abs(m.score(s.Xtest, s.ytest) - reg['SGDRegressor std'].r2)).toBeLessThan(0.02)
  })
})

describe('LogisticRegression (lbfgs) vs scikit-learn', () => {
  for (const ds of ['iris', 'breast_cancer', 'digits'] as const) {
    for (const prep of ['raw', 'std'] as const) {
      test(`${ds} ${prep}: test accuracy within 0.5 points`, () => {
        const s = loadSplit(ds, prep)
        const m = new LogisticRegression().fit(s.Xtrain, s.ytrain)
        const ref = sklearnResult(ds, 'LogisticRegression lbfgs', prep).acc as number
        expect(Math.abs(m.score(s.Xtest, s.ytest) - ref)).toBeLessThanOrEqual(0.005)
      })
    }
  }

  for (const key of ['iris', 'iris C=0.1', 'breast_cancer', 'breast_cancer C=0.1']) {
    test(`${key} std, converged: coefficients and probabilities match`, () => {
      const ds = key.split(' ')[0] as 'iris' | 'breast_cancer'
      const C = key.includes('C=0.1') ? 0.1 : 1
      const s = loadSplit(ds, 'std')
      const ref = extra.logistic_converged_std[key]
      const m = new LogisticRegression({ C, maxIter: 10000, tol: 1e-8 }).fit(s.Xtrain, s.ytrain)
      expect(relErr(m.coef.to1DArray(), (ref.coef as number[][]).flat())).toBeLessThan(1e-4)
      expect(relErr(m.intercept, ref.intercept)).toBeLessThan(1e-4)
      if (ref.proba_head) {
        const P = m.predictProba(s.Xtest.slice(0, 10)).to1DArray()
        expect(relErr(P, (ref.proba_head as number[][]).flat())).toBeLessThan(1e-5)
      }
      expect(m.score(s.Xtest, s.ytest)).toBeCloseTo(ref.acc, 10)
    })
  }
})

describe('LogisticRegression multiClass vs scikit-learn (converged)', () => {
  for (const [ds, multiClass] of [
    ['iris', 'ovr'],
    ['breast_cancer', 'multinomial'],
  ] as const) {
    test(`${ds} multiClass=${multiClass}: coefficients, probabilities, accuracy`, () => {
      const s = loadSplit(ds, 'std')
      const ref = extra.logistic_converged_std[`${ds} multi_class=${multiClass}`]
      const m = new LogisticRegression({ multiClass, maxIter: 10000, tol: 1e-8 }).fit(
        s.Xtrain,
        s.ytrain,
      )
      expect(relErr(m.coef.to1DArray(), (ref.coef as number[][]).flat())).toBeLessThan(1e-4)
      expect(relErr(m.intercept, ref.intercept)).toBeLessThan(1e-4)
      const P = m.predictProba(s.Xtest.slice(0, 10)).to1DArray()
      expect(relErr(P, (ref.proba_head as number[][]).flat())).toBeLessThan(1e-5)
      expect(m.score(s.Xtest, s.ytest)).toBeCloseTo(ref.acc, 10)
    })
  }
})

describe('SGDClassifier vs scikit-learn (standardised; different RNG, so accuracy within 3 points)', () => {
  for (const ds of ['iris', 'breast_cancer', 'digits'] as const) {
    for (const loss of ['hinge', 'log_loss'] as const) {
      test(`${ds} ${loss}`, () => {
        const s = loadSplit(ds, 'std')
        const m = new SGDClassifier({ loss, randomState: 0 }).fit(s.Xtrain, s.ytrain)
        expect(
          Math.abs(m.score(s.Xtest, s.ytest) - extra.sgd_classifier_std_acc[ds][loss]),
        ).toBeLessThanOrEqual(0.03)
      })
    }
  }
})

describe('sampleWeight vs scikit-learn (w_i = 1 + i mod 3)', () => {
  const sw = extra.sample_weight
  const weights = (n: number) => Array.from({ length: n }, (_, i) => 1 + (i % 3))

  test('LinearRegression and Ridge: weighted coefficients to 1e-9', () => {
    const d = loadSplit('diabetes')
    const w = weights(d.ytrain.length)
    const lr = new LinearRegression().fit(d.Xtrain, d.ytrain, w)
    expect(relErr(lr.coef, sw.LinearRegression.coef)).toBeLessThan(1e-9)
    expect(lr.intercept).toBeCloseTo(sw.LinearRegression.intercept, 6)
    const r = new Ridge().fit(d.Xtrain, d.ytrain, w)
    expect(relErr(r.coef, sw['Ridge alpha=1'].coef)).toBeLessThan(1e-9)
    expect(r.intercept).toBeCloseTo(sw['Ridge alpha=1'].intercept, 6)
  })

  for (const ds of ['iris', 'breast_cancer'] as const) {
    test(`LogisticRegression ${ds}: weighted coefficients to 1e-4`, () => {
      const s = loadSplit(ds, 'std')
      const ref = sw[`LogisticRegression ${ds}`]
      const m = new LogisticRegression({ maxIter: 10000, tol: 1e-8 }).fit(
        s.Xtrain,
        s.ytrain,
        weights(s.ytrain.length),
      )
      expect(relErr(m.coef.to1DArray(), (ref.coef as number[][]).flat())).toBeLessThan(1e-4)
      expect(relErr(m.intercept, ref.intercept)).toBeLessThan(1e-4)
    })
  }

  for (const [ds, classWeight] of [
    ['breast_cancer', 'balanced'],
    ['iris', { 0: 1, 1: 3, 2: 0.5 }],
  ] as const) {
    test(`LogisticRegression classWeight on ${ds}: coefficients to 1e-4, same accuracy`, () => {
      const s = loadSplit(ds, 'std')
      const ref = sw[`LogisticRegression class_weight ${ds}`]
      const m = new LogisticRegression({ classWeight, maxIter: 10000, tol: 1e-8 }).fit(
        s.Xtrain,
        s.ytrain,
      )
      expect(relErr(m.coef.to1DArray(), (ref.coef as number[][]).flat())).toBeLessThan(1e-4)
      expect(relErr(m.intercept, ref.intercept)).toBeLessThan(1e-4)
      expect(m.score(s.Xtest, s.ytest)).toBeCloseTo(ref.acc, 10)
    })
  }

  test('integer weights equal repeating the samples; bad weights throw InputError', () => {
    const X = [[0], [1], [2], [3]]
    const y = [0, 1, 1, 3]
    const a = new Ridge({ alpha: 0.3 }).fit(X, y, [1, 2, 1, 3])
    const b = new Ridge({ alpha: 0.3 }).fit(
      [[0], [1], [1], [2], [3], [3], [3]],
      [0, 1, 1, 1, 3, 3, 3],
    )
    expect(a.coef[0]).toBeCloseTo(b.coef[0] as number, 12)
    expect(a.intercept).toBeCloseTo(b.intercept, 12)
    expect(() => new Ridge().fit(X, y, [1, 1])).toThrow(
      /sampleWeight has 2 values but X has 4 samples/,
    )
    expect(() => new Ridge().fit(X, y, [1, -1, 1, 1])).toThrow(/non-negative/)
    expect(() => new LogisticRegression().fit(X, [0, 1, 0, 1], [0, 0, 0, 0])).toThrow(/sums to 0/)
  })
})
