/**
 * Tree bench cases: random forests (1 and 2 threads) and decision trees against scikit-learn,
 * ml-random-forest and ml-cart (ml.js).
 *
 * The ml.js packages search every threshold with an O(n) pass each, so they take minutes where
 * mlstack and scikit-learn take milliseconds (ml-random-forest: ~400 s for 100 trees on digits).
 * Their cases therefore use fewer trees, with mlstack and scikit-learn run at the same size:
 * the ratios compare equal work. ml-random-forest draws its feature subset once per tree
 * (`maxFeatures`), not once per split; it is given the same fraction sqrt(p)/p.
 */
import { createRequire } from 'node:module'
import { ExtraTreesClassifier } from '../../src/ensemble/ExtraTreesClassifier.js'
import { RandomForestClassifier } from '../../src/ensemble/RandomForestClassifier.js'
import { RandomForestRegressor } from '../../src/ensemble/RandomForestRegressor.js'
import { DecisionTreeClassifier } from '../../src/tree/DecisionTreeClassifier.js'
import type { Split } from '../datasets.js'
import type { BenchCase, Contender, PredictFn } from '../types.js'

const require = createRequire(import.meta.url)
const plain = (X: Float64Array[]) => X.map((r) => Array.from(r))

interface Model {
  fit(X: Float64Array[], y: Float64Array): { predict(X: Float64Array[]): Float64Array }
}

function mlstack(system: string, make: () => Model): Contender {
  return {
    system,
    fit(d: Split): PredictFn {
      const m = make().fit(d.Xtrain, d.ytrain)
      return (X) => m.predict(X)
    },
  }
}

interface MlModel {
  train(X: number[][], y: number[]): void
  predict(X: number[][]): number[]
}

function mlRandomForest(nEstimators: number, regression: boolean): Contender {
  return {
    system: 'ml-random-forest',
    fit(d: Split): PredictFn {
      const lib = require('ml-random-forest') as Record<string, new (o: object) => MlModel>
      const Ctor = lib[regression ? 'RandomForestRegression' : 'RandomForestClassifier'] as new (
        o: object,
      ) => MlModel
      const rf = new Ctor({
        nEstimators,
        maxFeatures: regression ? 1.0 : Math.sqrt(d.nFeatures) / d.nFeatures,
        replacement: false,
        useSampleBagging: true,
        noOOB: true,
        seed: 0,
      })
      rf.train(plain(d.Xtrain), Array.from(d.ytrain))
      return (X) => rf.predict(plain(X))
    },
  }
}

const mlCart: Contender = {
  system: 'ml-cart',
  skip: (d) =>
    d.name === 'digits' ? 'skipped: ml-cart takes ~30 s per fit on digits (run it by hand)' : null,
  fit(d: Split): PredictFn {
    const { DecisionTreeClassifier: Cart } = require('ml-cart') as {
      DecisionTreeClassifier: new (o: object) => MlModel
    }
    const tree = new Cart({})
    tree.train(plain(d.Xtrain), Array.from(d.ytrain))
    return (X) => tree.predict(plain(X))
  },
}

const classification = [
  ['digits', 'raw'],
  ['breast_cancer', 'raw'],
  ['iris', 'raw'],
] as BenchCase['datasets']

const cases: BenchCase[] = [
  {
    model: 'RandomForest 100 (1 thread)',
    task: 'classification',
    datasets: classification,
    sklearn: 'RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1)',
    contenders: [
      mlstack('mlstack', () => new RandomForestClassifier({ randomState: 0, nJobs: 1 }) as Model),
    ],
  },
  {
    model: 'RandomForest 100 (2 threads)',
    task: 'classification',
    datasets: classification,
    sklearn: 'RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2)',
    contenders: [
      mlstack('mlstack', () => new RandomForestClassifier({ randomState: 0, nJobs: 2 }) as Model),
    ],
    // CPU time sums both threads: only wall time shows what the second core buys.
    ratio: 'wall',
  },
  {
    model: 'ExtraTrees 100 (1 thread)',
    task: 'classification',
    datasets: classification,
    sklearn: 'ExtraTreesClassifier(n_estimators=100, random_state=0, n_jobs=1)',
    contenders: [
      mlstack('mlstack', () => new ExtraTreesClassifier({ randomState: 0, nJobs: 1 }) as Model),
    ],
  },
  {
    model: 'RandomForest 10 (vs ml.js)',
    task: 'classification',
    datasets: [
      ['breast_cancer', 'raw'],
      ['iris', 'raw'],
    ],
    sklearn: 'RandomForestClassifier(n_estimators=10, random_state=0, n_jobs=1)',
    contenders: [
      mlstack(
        'mlstack',
        () => new RandomForestClassifier({ nEstimators: 10, randomState: 0 }) as Model,
      ),
      mlRandomForest(10, false),
    ],
    repeats: 3,
  },
  {
    model: 'RandomForest 2 (vs ml.js)',
    task: 'classification',
    datasets: [['digits', 'raw']],
    sklearn: 'RandomForestClassifier(n_estimators=2, random_state=0, n_jobs=1)',
    contenders: [
      mlstack(
        'mlstack',
        () => new RandomForestClassifier({ nEstimators: 2, randomState: 0 }) as Model,
      ),
      mlRandomForest(2, false),
    ],
    repeats: 1,
  },
  {
    model: 'DecisionTree gini',
    task: 'classification',
    datasets: classification,
    sklearn: 'DecisionTreeClassifier(random_state=0)',
    contenders: [
      mlstack('mlstack', () => new DecisionTreeClassifier({ randomState: 0 }) as Model),
      mlCart,
    ],
  },
  {
    model: 'RandomForestRegressor 100 (1 thread)',
    task: 'regression',
    datasets: [['diabetes', 'raw']],
    sklearn: 'RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=1)',
    contenders: [
      mlstack('mlstack', () => new RandomForestRegressor({ randomState: 0, nJobs: 1 }) as Model),
    ],
  },
  {
    model: 'RandomForestRegressor 10 (vs ml.js)',
    task: 'regression',
    datasets: [['diabetes', 'raw']],
    sklearn: 'RandomForestRegressor(n_estimators=10, random_state=0, n_jobs=1)',
    contenders: [
      mlstack(
        'mlstack',
        () => new RandomForestRegressor({ nEstimators: 10, randomState: 0 }) as Model,
      ),
      mlRandomForest(10, true),
    ],
    repeats: 3,
  },
]

export default cases
