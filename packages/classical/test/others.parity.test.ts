/** Parity of KMeans, PCA, GaussianNB, KNeighbors, PolynomialFeatures and model selection with scikit-learn 1.2.1. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  crossValScore,
  GaussianNB,
  GridSearchCV,
  KFold,
  KMeans,
  KNeighborsClassifier,
  KNeighborsRegressor,
  LogisticRegression,
  PCA,
  PolynomialFeatures,
  Ridge,
} from '../src/index.js'
import { type DatasetName, fixturesDir, loadSplit } from './datasets.js'

const extra = JSON.parse(readFileSync(join(fixturesDir, 'sklearn_extra.json'), 'utf8'))

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let m = 0
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)))
  return m
}

describe('KMeans vs scikit-learn', () => {
  for (const ds of ['iris', 'digits'] as const) {
    test(`${ds}: fixed initial centres give the same labels, centres, inertia and iterations`, () => {
      const ref = extra.kmeans[ds]
      const s = loadSplit(ds)
      const m = new KMeans({ nClusters: ref.k, init: s.Xtrain.slice(0, ref.k) }).fit(s.Xtrain)
      expect(Array.from(m.labels)).toEqual(ref.labels_fixed_init)
      expect(
        maxAbsDiff(m.clusterCenters.to1DArray(), (ref.centers_fixed_init as number[][]).flat()),
      ).toBeLessThan(1e-9)
      expect(m.inertia).toBeCloseTo(ref.inertia_fixed_init, 6)
      expect(m.nIter).toBe(ref.n_iter_fixed_init)
    })

    test(`${ds}: k-means++ with 10 restarts reaches scikit-learn's inertia within 1%`, () => {
      const ref = extra.kmeans[ds]
      const s = loadSplit(ds)
      const m = new KMeans({ nClusters: ref.k, randomState: 0 }).fit(s.Xtrain)
      expect(m.inertia).toBeLessThan(ref.inertia_kmeanspp_ninit10 * 1.01)
    })
  }
})

describe('PCA vs scikit-learn (full SVD) on standardised digits', () => {
  const ref = extra.pca_digits_std
  const s = loadSplit('digits', 'std')

  test('components (with the same signs), variances, singular values and projections', () => {
    const p = new PCA({ nComponents: 10 }).fit(s.Xtrain)
    expect(
      maxAbsDiff(p.components.to1DArray(), (ref.components as number[][]).flat()),
    ).toBeLessThan(1e-8)
    expect(maxAbsDiff(p.explainedVariance, ref.explained_variance)).toBeLessThan(1e-8)
    expect(maxAbsDiff(p.explainedVarianceRatio, ref.explained_variance_ratio)).toBeLessThan(1e-12)
    expect(maxAbsDiff(p.singularValues, ref.singular_values)).toBeLessThan(1e-8)
    expect(
      maxAbsDiff(
        p.transform(s.Xtest.slice(0, 5)).to1DArray(),
        (ref.transform_head as number[][]).flat(),
      ),
    ).toBeLessThan(1e-8)
  })

  test('whitening and a variance fraction for nComponents', () => {
    const w = new PCA({ nComponents: 5, whiten: true }).fit(s.Xtrain)
    expect(
      maxAbsDiff(
        w.transform(s.Xtest.slice(0, 5)).to1DArray(),
        (ref.whiten5_transform_head as number[][]).flat(),
      ),
    ).toBeLessThan(1e-8)
    expect(new PCA({ nComponents: 0.8 }).fit(s.Xtrain).explainedVariance.length).toBe(
      ref['n_components_0.8'],
    )
  })
})

describe('GaussianNB vs scikit-learn', () => {
  for (const ds of ['iris', 'breast_cancer', 'digits'] as const) {
    test(`${ds}: accuracy, means, variances and probabilities`, () => {
      const ref = extra.gaussian_nb[ds]
      const s = loadSplit(ds)
      const m = new GaussianNB().fit(s.Xtrain, s.ytrain)
      expect(m.score(s.Xtest, s.ytest)).toBe(ref.acc)
      const st = m.toJSON().state as { theta: { $f64: number[] }; variance: { $f64: number[] } }
      expect(maxAbsDiff(st.theta.$f64, (ref.theta as number[][]).flat())).toBeLessThan(1e-9)
      expect(maxAbsDiff(st.variance.$f64, (ref.var as number[][]).flat())).toBeLessThan(1e-9)
      expect(
        maxAbsDiff(
          m.predictProba(s.Xtest.slice(0, 10)).to1DArray(),
          (ref.proba_head as number[][]).flat(),
        ),
      ).toBeLessThan(1e-6)
    })
  }
})

describe('KNeighbors vs scikit-learn', () => {
  for (const ds of ['iris', 'breast_cancer', 'digits'] as DatasetName[]) {
    for (const prep of ['raw', 'std'] as const) {
      for (const weights of ['uniform', 'distance'] as const) {
        for (const p of [2, 1]) {
          test(`${ds} ${prep} ${weights} p=${p}: same predictions (ties aside) and accuracy`, () => {
            const ref = extra.knn[`${ds} ${prep} ${weights} p=${p}`]
            const s = loadSplit(ds, prep)
            const m = new KNeighborsClassifier({ weights, p }).fit(s.Xtrain, s.ytrain)
            const pred = m.predict(s.Xtest)
            let agree = 0
            for (let i = 0; i < pred.length; i++) if (pred[i] === ref.pred[i]) agree++
            // Equidistant neighbours (integer-valued digits) may be ordered differently.
            expect(agree / pred.length).toBeGreaterThanOrEqual(0.995)
            expect(Math.abs(m.score(s.Xtest, s.ytest) - ref.acc)).toBeLessThanOrEqual(0.005)
          })
        }
      }
    }
  }

  for (const weights of ['uniform', 'distance'] as const) {
    test(`regressor on diabetes (${weights}): same predictions`, () => {
      const ref = extra.knn[`diabetes regressor ${weights}`]
      const s = loadSplit('diabetes')
      const m = new KNeighborsRegressor({ weights }).fit(s.Xtrain, s.ytrain)
      expect(maxAbsDiff(m.predict(s.Xtest), ref.pred)).toBeLessThan(1e-9)
      expect(m.score(s.Xtest, s.ytest)).toBeCloseTo(ref.r2, 10)
    })
  }
})

describe('PolynomialFeatures vs scikit-learn', () => {
  for (const [key, ref] of Object.entries(extra.polynomial_features) as [
    string,
    { X: number[][]; out: number[][]; names: string[] },
  ][]) {
    test(key, () => {
      const [degree, interactionOnly, includeBias] = key.split(' ').map((kv) => kv.split('=')[1])
      const m = new PolynomialFeatures({
        degree: Number(degree),
        interactionOnly: interactionOnly === 'True',
        includeBias: includeBias === 'True',
      }).fit(ref.X)
      expect(m.transform(ref.X).to2DArray()).toEqual(ref.out)
      expect(m.featureNames(['a', 'b', 'c'])).toEqual(ref.names)
    })
  }
})

describe('model selection vs scikit-learn', () => {
  test('crossValScore: the same per-fold accuracies (stratified 5-fold)', () => {
    const s = loadSplit('iris', 'std')
    const scores = crossValScore(new LogisticRegression({ maxIter: 1000 }), s.Xtrain, s.ytrain, {
      cv: 5,
    })
    expect(maxAbsDiff(scores, extra.cross_val_score_iris_std_logreg_cv5)).toBeLessThan(1e-12)
  })

  test('GridSearchCV over Ridge alpha: same best alpha, CV scores and refit test R²', () => {
    const ref = extra.grid_search_diabetes_ridge
    const s = loadSplit('diabetes')
    const g = new GridSearchCV({
      estimator: new Ridge(),
      paramGrid: { alpha: [0.001, 0.01, 0.1, 1, 10] },
      cv: new KFold({ nSplits: 5 }),
    }).fit(s.Xtrain, s.ytrain)
    expect(g.bestParams).toEqual({ alpha: ref.best_alpha })
    expect(maxAbsDiff(g.cvResults.meanTestScore, ref.mean_test_score)).toBeLessThan(1e-9)
    expect(g.score(s.Xtest, s.ytest)).toBeCloseTo(ref.test_r2, 9)
  })
})
