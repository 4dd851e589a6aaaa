/**
 * Every estimator the tour runs: how to build it, on which task, and which scikit-learn result
 * row (same data, same settings) it is compared with. Estimators that need scaled features run
 * in a Pipeline behind @mlstack/data's StandardScaler, fitted on the training part only.
 */
import * as classical from '@mlstack/classical'
import { StandardScaler } from '@mlstack/data'

/** What the tour needs from an estimator. */
export interface TourModel {
  fit(X: number[][], y: number[]): unknown
  predict(X: number[][]): Float64Array
}

/** One catalog entry. */
export interface Entry {
  name: string
  task: 'classification' | 'regression' | 'clustering'
  /** Features standardized first (via Pipeline). */
  scaled: boolean
  /** scikit-learn result row to compare with: model name (prep follows `scaled`). */
  sklearn?: string
  make: (nClasses: number) => TourModel
}

// Looked up by name so the tour keeps running while estimators are still landing in the package.
const lib = classical as unknown as Record<string, new (o?: object) => TourModel>

function build(cls: string, options: object, scaled: boolean): TourModel {
  const Ctor = lib[cls]
  if (!Ctor) throw new Error(`@mlstack/classical does not export ${cls}`)
  const model = new Ctor(options)
  if (!scaled) return model
  return new classical.Pipeline({
    steps: [
      ['scaler', new StandardScaler() as never],
      ['model', model as never],
    ],
  }) as unknown as TourModel
}

const entry = (
  name: string,
  task: Entry['task'],
  scaled: boolean,
  options: object = {},
  sklearn?: string,
  cls = name,
): Entry => ({ name, task, scaled, sklearn, make: () => build(cls, options, scaled) })

/** The full catalog, in display order. */
export const CATALOG: Entry[] = [
  entry('LogisticRegression', 'classification', true, {}, 'LogisticRegression lbfgs'),
  entry('SGDClassifier', 'classification', true, { randomState: 0 }),
  entry('LinearSVC', 'classification', true, {}, 'LinearSVC (default)'),
  entry('SVC', 'classification', true, {}, 'SVC rbf C=1 gamma=scale'),
  entry('KNeighborsClassifier', 'classification', true),
  entry('GaussianNB', 'classification', false),
  entry('DecisionTreeClassifier', 'classification', false, { randomState: 0 }, 'DecisionTree gini'),
  entry(
    'RandomForestClassifier',
    'classification',
    false,
    { randomState: 0, nJobs: -1 },
    'RandomForest 100 n_jobs=1',
  ),
  entry('ExtraTreesClassifier', 'classification', false, { randomState: 0, nJobs: -1 }),
  {
    name: 'PCA + LogisticRegression',
    task: 'classification',
    scaled: true,
    make: () =>
      new classical.Pipeline({
        steps: [
          ['scaler', new StandardScaler() as never],
          ['pca', new classical.PCA({ nComponents: 0.95 } as never) as never],
          ['clf', new classical.LogisticRegression() as never],
        ],
      }) as unknown as TourModel,
  },
  {
    name: 'GridSearchCV(DecisionTree maxDepth 2-8, cv 5)',
    task: 'classification',
    scaled: false,
    make: () =>
      new classical.GridSearchCV({
        estimator: new classical.DecisionTreeClassifier({ randomState: 0 }),
        paramGrid: { maxDepth: [2, 4, 6, 8], criterion: ['gini', 'entropy'] },
        cv: 5,
      } as never) as unknown as TourModel,
  },
  {
    name: 'KMeans (purity)',
    task: 'clustering',
    scaled: true,
    make: (k) => build('KMeans', { nClusters: k, randomState: 0 }, true),
  },
  entry('LinearRegression', 'regression', false, {}, 'LinearRegression'),
  entry('Ridge', 'regression', false, { alpha: 1 }, 'Ridge alpha=1'),
  {
    name: 'PolynomialFeatures(2) + Ridge',
    task: 'regression',
    scaled: true,
    make: () =>
      new classical.Pipeline({
        steps: [
          ['scaler', new StandardScaler() as never],
          ['poly', new classical.PolynomialFeatures({ degree: 2 }) as never],
          ['ridge', new classical.Ridge({ alpha: 10 }) as never],
        ],
      }) as unknown as TourModel,
  },
  entry('Lasso', 'regression', false, { alpha: 0.1 }),
  entry('ElasticNet', 'regression', false, { alpha: 0.01 }),
  entry('SGDRegressor', 'regression', true, { randomState: 0 }),
  entry('SVR', 'regression', true, { C: 100 }),
  entry('KNeighborsRegressor', 'regression', true),
  entry('DecisionTreeRegressor', 'regression', false, { randomState: 0, maxDepth: 4 }),
  entry('RandomForestRegressor', 'regression', false, { randomState: 0, nJobs: -1 }),
  entry('ExtraTreesRegressor', 'regression', false, { randomState: 0, nJobs: -1 }),
]
