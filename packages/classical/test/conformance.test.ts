/**
 * Runs the shared checkEstimator suite over every estimator of the package (linear engineer's,
 * SVM and tree estimators are added here as they land).
 */
import { StandardScaler } from '@mlstack/data'
import { describe, expect, test } from 'vitest'
import * as classical from '../src/index.js'
import { type CheckableEstimator, type CheckOptions, checkEstimator } from '../src/testing/index.js'

const t = { describe, test, expect }
type Make = () => CheckableEstimator
const cases: [string, Make, CheckOptions][] = [
  ['LinearRegression', () => new classical.LinearRegression(), { task: 'regression' }],
  ['Ridge', () => new classical.Ridge({ alpha: 0.5 }), { task: 'regression' }],
  ['Lasso', () => new classical.Lasso({ alpha: 0.05 }), { task: 'regression' }],
  ['ElasticNet', () => new classical.ElasticNet({ alpha: 0.05 }), { task: 'regression' }],
  ['SGDRegressor', () => new classical.SGDRegressor({ randomState: 0 }), { task: 'regression' }],
  ['LogisticRegression', () => new classical.LogisticRegression(), { task: 'classification' }],
  [
    'LogisticRegression (binary)',
    () => new classical.LogisticRegression({ C: 0.5 }),
    { task: 'classification', binary: true },
  ],
  [
    'LogisticRegression (ovr)',
    () => new classical.LogisticRegression({ multiClass: 'ovr' }),
    { task: 'classification' },
  ],
  [
    'LogisticRegression (binary multinomial)',
    () => new classical.LogisticRegression({ multiClass: 'multinomial' }),
    { task: 'classification', binary: true },
  ],
  [
    'SGDClassifier hinge',
    () => new classical.SGDClassifier({ randomState: 1 }),
    { task: 'classification', predictProba: false },
  ],
  [
    'SGDClassifier log_loss',
    () => new classical.SGDClassifier({ loss: 'log_loss', randomState: 1 }),
    { task: 'classification', binary: true },
  ],
  ['KNeighborsClassifier', () => new classical.KNeighborsClassifier(), { task: 'classification' }],
  [
    'KNeighborsClassifier distance p=1',
    () => new classical.KNeighborsClassifier({ weights: 'distance', p: 1 }),
    { task: 'classification' },
  ],
  ['KNeighborsRegressor', () => new classical.KNeighborsRegressor(), { task: 'regression' }],
  ['GaussianNB', () => new classical.GaussianNB(), { task: 'classification' }],
  ['KMeans', () => new classical.KMeans({ nClusters: 3, randomState: 0 }), { task: 'clustering' }],
  ['PCA', () => new classical.PCA({ nComponents: 2 }), { task: 'transform' }],
  [
    'PCA whiten',
    () => new classical.PCA({ nComponents: 0.9, whiten: true }),
    { task: 'transform' },
  ],
  [
    'PolynomialFeatures',
    () => new classical.PolynomialFeatures({ degree: 3 }),
    { task: 'transform' },
  ],
  [
    'Pipeline(PolynomialFeatures, Ridge)',
    () =>
      new classical.Pipeline({
        steps: [
          ['poly', new classical.PolynomialFeatures()],
          ['ridge', new classical.Ridge()],
        ],
      }),
    { task: 'regression' },
  ],
  [
    'Pipeline(PCA, LogisticRegression)',
    () =>
      new classical.Pipeline({
        steps: [
          ['pca', new classical.PCA({ nComponents: 3 })],
          ['clf', new classical.LogisticRegression()],
        ],
      }),
    { task: 'classification' },
  ],
  [
    'Pipeline(StandardScaler from @mlstack/data, SGDClassifier)',
    () =>
      new classical.Pipeline({
        steps: [
          ['scaler', new StandardScaler() as never],
          ['clf', new classical.SGDClassifier({ loss: 'log_loss', randomState: 0 })],
        ],
      }),
    { task: 'classification' },
  ],
  [
    'GridSearchCV(Ridge)',
    () =>
      new classical.GridSearchCV({
        estimator: new classical.Ridge(),
        paramGrid: { alpha: [0.1, 10] },
        cv: 3,
      }),
    { task: 'regression' },
  ],
  [
    'RandomizedSearchCV(LogisticRegression)',
    () =>
      new classical.RandomizedSearchCV({
        estimator: new classical.LogisticRegression(),
        paramDistributions: { C: classical.logUniform(0.01, 10) },
        nIter: 3,
        cv: 3,
        randomState: 0,
      }),
    { task: 'classification' },
  ],
  // SVM engineer's estimators.
  ['SVC', () => new classical.SVC(), { task: 'classification', predictProba: false }],
  [
    'SVC probability',
    () => new classical.SVC({ probability: true, randomState: 0 }),
    { task: 'classification' },
  ],
  ['SVR', () => new classical.SVR({ C: 10 }), { task: 'regression' }],
  ['LinearSVC', () => new classical.LinearSVC(), { task: 'classification' }],
  // Trees engineer's estimators.
  [
    'DecisionTreeClassifier',
    () => new classical.DecisionTreeClassifier({ randomState: 0 }),
    { task: 'classification' },
  ],
  [
    'DecisionTreeRegressor',
    () => new classical.DecisionTreeRegressor({ randomState: 0 }),
    { task: 'regression' },
  ],
  [
    'RandomForestClassifier',
    () => new classical.RandomForestClassifier({ nEstimators: 10, randomState: 0 }),
    { task: 'classification' },
  ],
  [
    'RandomForestRegressor',
    () => new classical.RandomForestRegressor({ nEstimators: 10, randomState: 0 }),
    { task: 'regression' },
  ],
  [
    'ExtraTreesClassifier',
    () => new classical.ExtraTreesClassifier({ nEstimators: 10, randomState: 0 }),
    { task: 'classification' },
  ],
  [
    'ExtraTreesRegressor',
    () => new classical.ExtraTreesRegressor({ nEstimators: 10, randomState: 0 }),
    { task: 'regression' },
  ],
]

for (const [name, make, opts] of cases) checkEstimator(name, make, opts, t)
