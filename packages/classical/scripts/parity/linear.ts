/** Parity rows of the linear engineer's estimators (linear models, neighbours, naive Bayes, clustering, PCA, model selection). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  crossValScore,
  ElasticNet,
  GaussianNB,
  GridSearchCV,
  KFold,
  KMeans,
  KNeighborsClassifier,
  KNeighborsRegressor,
  Lasso,
  LinearRegression,
  LogisticRegression,
  PCA,
  Ridge,
  SGDClassifier,
  SGDRegressor,
} from '../../src/index.js'
import { fixturesDir, loadSplit, sklearnResult } from '../../test/datasets.js'
import type { ParityCase } from './types.js'

const extra = JSON.parse(readFileSync(join(fixturesDir, 'sklearn_extra.json'), 'utf8'))
const CLS = ['iris', 'breast_cancer', 'digits'] as const
const PREPS = ['raw', 'std'] as const
const cases: ParityCase[] = []
const family = 'linear & others'

const diabetes = () => loadSplit('diabetes')
cases.push(
  {
    family,
    estimator: 'LinearRegression',
    dataset: 'diabetes',
    prep: 'raw',
    metric: 'test R²',
    sklearn: sklearnResult('diabetes', 'LinearRegression').r2 as number,
    tolerance: 0.005,
    run: () => {
      const d = diabetes()
      return { value: new LinearRegression().fit(d.Xtrain, d.ytrain).score(d.Xtest, d.ytest) }
    },
  },
  {
    family,
    estimator: 'Ridge (alpha=1)',
    dataset: 'diabetes',
    prep: 'raw',
    metric: 'test R²',
    sklearn: sklearnResult('diabetes', 'Ridge alpha=1').r2 as number,
    tolerance: 0.005,
    run: () => {
      const d = diabetes()
      return { value: new Ridge({ alpha: 1 }).fit(d.Xtrain, d.ytrain).score(d.Xtest, d.ytest) }
    },
  },
)
for (const [key, make] of [
  ['Lasso alpha=0.1', () => new Lasso({ alpha: 0.1 })],
  ['Lasso alpha=1', () => new Lasso({ alpha: 1 })],
  ['ElasticNet alpha=0.01 l1_ratio=0.5', () => new ElasticNet({ alpha: 0.01, l1Ratio: 0.5 })],
] as const) {
  cases.push({
    family,
    estimator: key.replace('alpha', '(alpha').replace(/$/, ')'),
    dataset: 'diabetes',
    prep: 'raw',
    metric: 'test R²',
    sklearn: extra.regression_diabetes[key].r2,
    tolerance: 0.005,
    run: () => {
      const d = diabetes()
      const m = make().fit(d.Xtrain, d.ytrain)
      const nz = Array.from(m.coef).filter((v) => v !== 0).length
      const refNz = (extra.regression_diabetes[key].coef as number[]).filter((v) => v !== 0).length
      return { value: m.score(d.Xtest, d.ytest), note: `non-zero coefs ${nz} vs ${refNz}` }
    },
  })
}
cases.push({
  family,
  estimator: 'SGDRegressor',
  dataset: 'diabetes',
  prep: 'std',
  metric: 'test R²',
  sklearn: extra.regression_diabetes['SGDRegressor std'].r2,
  tolerance: 0.02,
  run: () => {
    const d = loadSplit('diabetes', 'std')
    return {
      value: new SGDRegressor({ randomState: 0 }).fit(d.Xtrain, d.ytrain).score(d.Xtest, d.ytest),
      note: 'own shuffling RNG',
    }
  },
})
for (const ds of CLS) {
  for (const prep of PREPS) {
    cases.push({
      family,
      estimator: 'LogisticRegression (lbfgs)',
      dataset: ds,
      prep,
      metric: 'test accuracy',
      sklearn: sklearnResult(ds, 'LogisticRegression lbfgs', prep).acc as number,
      tolerance: 0.005,
      run: () => {
        const s = loadSplit(ds, prep)
        const m = new LogisticRegression().fit(s.Xtrain, s.ytrain)
        return { value: m.score(s.Xtest, s.ytest), note: `${m.nIter} iterations` }
      },
    })
  }
}
for (const ds of CLS) {
  for (const loss of ['hinge', 'log_loss'] as const) {
    cases.push({
      family,
      estimator: `SGDClassifier (${loss})`,
      dataset: ds,
      prep: 'std',
      metric: 'test accuracy',
      sklearn: extra.sgd_classifier_std_acc[ds][loss],
      tolerance: 0.03,
      run: () => {
        const s = loadSplit(ds, 'std')
        return {
          value: new SGDClassifier({ loss, randomState: 0 })
            .fit(s.Xtrain, s.ytrain)
            .score(s.Xtest, s.ytest),
          note: 'own shuffling RNG',
        }
      },
    })
  }
}
for (const ds of CLS) {
  for (const prep of PREPS) {
    cases.push({
      family,
      estimator: 'KNeighborsClassifier (k=5)',
      dataset: ds,
      prep,
      metric: 'test accuracy',
      sklearn: extra.knn[`${ds} ${prep} uniform p=2`].acc,
      tolerance: 0.005,
      run: () => {
        const s = loadSplit(ds, prep)
        return { value: new KNeighborsClassifier().fit(s.Xtrain, s.ytrain).score(s.Xtest, s.ytest) }
      },
    })
  }
}
cases.push({
  family,
  estimator: 'KNeighborsRegressor (k=5, distance)',
  dataset: 'diabetes',
  prep: 'raw',
  metric: 'test R²',
  sklearn: extra.knn['diabetes regressor distance'].r2,
  tolerance: 0.005,
  run: () => {
    const d = diabetes()
    return {
      value: new KNeighborsRegressor({ weights: 'distance' })
        .fit(d.Xtrain, d.ytrain)
        .score(d.Xtest, d.ytest),
    }
  },
})
for (const ds of CLS) {
  cases.push({
    family,
    estimator: 'GaussianNB',
    dataset: ds,
    prep: 'raw',
    metric: 'test accuracy',
    sklearn: extra.gaussian_nb[ds].acc,
    tolerance: 0.005,
    run: () => {
      const s = loadSplit(ds)
      return { value: new GaussianNB().fit(s.Xtrain, s.ytrain).score(s.Xtest, s.ytest) }
    },
  })
}
for (const ds of ['iris', 'digits'] as const) {
  const ref = extra.kmeans[ds]
  cases.push({
    family,
    estimator: `KMeans (k=${ref.k}, init = first ${ref.k} rows)`,
    dataset: ds,
    prep: 'raw',
    metric: 'inertia (relative Δ)',
    sklearn: 0,
    tolerance: 1e-9,
    run: () => {
      const s = loadSplit(ds)
      const m = new KMeans({ nClusters: ref.k, init: s.Xtrain.slice(0, ref.k) }).fit(s.Xtrain)
      return {
        value: (m.inertia - ref.inertia_fixed_init) / ref.inertia_fixed_init,
        note: `inertia ${m.inertia.toFixed(3)} vs ${ref.inertia_fixed_init.toFixed(3)}, ${m.nIter} vs ${ref.n_iter_fixed_init} iterations`,
      }
    },
  })
  cases.push({
    family,
    estimator: `KMeans (k=${ref.k}, k-means++, nInit=10)`,
    dataset: ds,
    prep: 'raw',
    metric: 'inertia (relative Δ)',
    sklearn: 0,
    tolerance: 0.01,
    run: () => {
      const s = loadSplit(ds)
      const m = new KMeans({ nClusters: ref.k, randomState: 0 }).fit(s.Xtrain)
      return {
        value: (m.inertia - ref.inertia_kmeanspp_ninit10) / ref.inertia_kmeanspp_ninit10,
        note: `inertia ${m.inertia.toFixed(3)} vs ${ref.inertia_kmeanspp_ninit10.toFixed(3)}`,
      }
    },
  })
}
cases.push({
  family,
  estimator: 'PCA (10 components)',
  dataset: 'digits',
  prep: 'std',
  metric: 'explained variance ratio (sum)',
  sklearn: (extra.pca_digits_std.explained_variance_ratio as number[]).reduce((a, b) => a + b, 0),
  tolerance: 1e-9,
  run: () => {
    const s = loadSplit('digits', 'std')
    const p = new PCA({ nComponents: 10 }).fit(s.Xtrain)
    const ref = (extra.pca_digits_std.components as number[][]).flat()
    const got = p.components.to1DArray()
    const maxDiff = Math.max(...got.map((v, i) => Math.abs(v - (ref[i] as number))))
    return {
      value: p.explainedVarianceRatio.reduce((a, b) => a + b, 0),
      note: `max abs Δ of components ${maxDiff.toExponential(1)}`,
    }
  },
})
cases.push({
  family,
  estimator: 'crossValScore (LogisticRegression, 5-fold)',
  dataset: 'iris',
  prep: 'std',
  metric: 'mean CV accuracy (train part)',
  sklearn: (extra.cross_val_score_iris_std_logreg_cv5 as number[]).reduce((a, b) => a + b, 0) / 5,
  tolerance: 0.005,
  run: () => {
    const s = loadSplit('iris', 'std')
    const v = crossValScore(new LogisticRegression({ maxIter: 1000 }), s.Xtrain, s.ytrain, {
      cv: 5,
    })
    return { value: v.reduce((a, b) => a + b, 0) / v.length }
  },
})
cases.push({
  family,
  estimator: 'GridSearchCV (Ridge alpha, 5-fold)',
  dataset: 'diabetes',
  prep: 'raw',
  metric: 'refit test R²',
  sklearn: extra.grid_search_diabetes_ridge.test_r2,
  tolerance: 0.005,
  run: () => {
    const d = diabetes()
    const g = new GridSearchCV({
      estimator: new Ridge(),
      paramGrid: { alpha: [0.001, 0.01, 0.1, 1, 10] },
      cv: new KFold({ nSplits: 5 }),
    }).fit(d.Xtrain, d.ytrain)
    return {
      value: g.score(d.Xtest, d.ytest),
      note: `best alpha ${g.bestParams.alpha} vs ${extra.grid_search_diabetes_ridge.best_alpha}`,
    }
  },
})

export default cases
