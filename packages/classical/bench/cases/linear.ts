/**
 * Bench cases of the linear engineer's estimators: linear/logistic regression, k-NN and
 * Gaussian naive Bayes against scikit-learn and the ml.js packages that do the same job.
 */
import { createRequire } from 'node:module'
import { Matrix } from 'ml-matrix'
import { LinearRegression } from '../../src/linear/LinearRegression.js'
import { LogisticRegression } from '../../src/linear/LogisticRegression.js'
import { Ridge } from '../../src/linear/Ridge.js'
import { SGDClassifier } from '../../src/linear/SGDClassifier.js'
import { GaussianNB } from '../../src/naive_bayes/GaussianNB.js'
import { KNeighborsClassifier } from '../../src/neighbors/KNeighborsClassifier.js'
import type { Split } from '../datasets.js'
import type { BenchCase, Contender, PredictFn } from '../types.js'

const require = createRequire(import.meta.url)
const plain = (X: Float64Array[]) => X.map((r) => Array.from(r))

interface Fitted {
  predict(X: Float64Array[]): Float64Array
}

function mlstack(make: () => { fit(X: Float64Array[], y: Float64Array): Fitted }): Contender {
  return {
    system: 'mlstack',
    fit(d: Split): PredictFn {
      const m = make().fit(d.Xtrain, d.ytrain)
      return (X) => m.predict(X)
    },
  }
}

// ml-logistic-regression: one-vs-rest batch gradient descent (its README's settings).
const mlLogistic: Contender = {
  system: 'ml-logistic-regression',
  // 1000 full-batch steps per one-vs-rest class: ≈ 24 s per fit on digits (measured once, test
  // accuracy 0.63 std / 0.91 raw); warm-ups and repeats there would take minutes of a shared machine.
  skip: (d) =>
    d.name === 'digits' ? 'about 24 s per fit on digits (measured once); skipped' : null,
  fit(d: Split): PredictFn {
    const LR = require('ml-logistic-regression') as new (
      o: object,
    ) => {
      train(X: Matrix, Y: Matrix): void
      predict(X: Matrix): number[]
    }
    const m = new LR({ numSteps: 1000, learningRate: 5e-3 })
    m.train(new Matrix(plain(d.Xtrain)), Matrix.columnVector(Array.from(d.ytrain)))
    return (X) => m.predict(new Matrix(plain(X)))
  },
}

const mlLinear: Contender = {
  system: 'ml-regression-multivariate-linear',
  fit(d: Split): PredictFn {
    const MLR = require('ml-regression-multivariate-linear') as new (
      x: number[][],
      y: number[][],
    ) => { predict(x: number[][]): number[][] }
    const m = new MLR(
      plain(d.Xtrain),
      Array.from(d.ytrain, (v) => [v]),
    )
    return (X) => m.predict(plain(X)).map((r) => r[0] as number)
  },
}

const mlKnn: Contender = {
  system: 'ml-knn',
  fit(d: Split): PredictFn {
    const KNN = require('ml-knn') as new (
      X: number[][],
      y: number[],
      o: object,
    ) => { predict(X: number[][]): number[] }
    const m = new KNN(plain(d.Xtrain), Array.from(d.ytrain), { k: 5 })
    return (X) => m.predict(plain(X))
  },
}

const mlGaussianNB: Contender = {
  system: 'ml-naivebayes',
  fit(d: Split): PredictFn {
    const { GaussianNB: NB } = require('ml-naivebayes') as {
      GaussianNB: new () => {
        train(X: number[][], y: number[]): void
        predict(X: number[][]): number[]
      }
    }
    const m = new NB()
    m.train(plain(d.Xtrain), Array.from(d.ytrain))
    return (X) => m.predict(plain(X))
  },
}

const cases: BenchCase[] = [
  {
    model: 'LogisticRegression lbfgs',
    task: 'classification',
    datasets: [
      ['digits', 'std'],
      ['digits', 'raw'],
      ['breast_cancer', 'std'],
      ['iris', 'std'],
    ],
    sklearn: 'LogisticRegression()',
    contenders: [mlstack(() => new LogisticRegression()), mlLogistic],
    repeats: 3,
  },
  {
    model: 'LinearRegression',
    task: 'regression',
    datasets: [['diabetes', 'raw']],
    sklearn: 'LinearRegression()',
    contenders: [mlstack(() => new LinearRegression()), mlLinear],
  },
  {
    model: 'Ridge alpha=1',
    task: 'regression',
    datasets: [['diabetes', 'raw']],
    sklearn: 'Ridge(alpha=1.0)',
    contenders: [mlstack(() => new Ridge({ alpha: 1 }))],
  },
  {
    model: 'SGDClassifier hinge',
    task: 'classification',
    datasets: [['digits', 'std']],
    sklearn: 'SGDClassifier(random_state=0)',
    contenders: [mlstack(() => new SGDClassifier({ randomState: 0 }))],
    repeats: 3,
  },
  {
    model: 'KNeighborsClassifier k=5',
    task: 'classification',
    datasets: [
      ['digits', 'raw'],
      ['breast_cancer', 'std'],
    ],
    sklearn: 'KNeighborsClassifier(n_neighbors=5)',
    contenders: [mlstack(() => new KNeighborsClassifier()), mlKnn],
    repeats: 3,
  },
  {
    model: 'GaussianNB',
    task: 'classification',
    datasets: [
      ['digits', 'raw'],
      ['breast_cancer', 'raw'],
    ],
    sklearn: 'GaussianNB()',
    contenders: [mlstack(() => new GaussianNB()), mlGaussianNB],
  },
]

export default cases
