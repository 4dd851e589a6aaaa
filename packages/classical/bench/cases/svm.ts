/**
 * SVM bench cases: SVC (RBF, scikit-learn defaults), LinearSVC and epsilon-SVR against
 * scikit-learn, LIBSVM's CLI and libsvm-js (LIBSVM 3.22 compiled to WebAssembly, ml.js).
 */
import { createRequire } from 'node:module'
import { LinearSVC } from '../../src/svm/LinearSVC.js'
import { SVC } from '../../src/svm/SVC.js'
import { SVR } from '../../src/svm/SVR.js'
import type { Split } from '../datasets.js'
import type { BenchCase, PredictFn } from '../types.js'

const require = createRequire(import.meta.url)

interface LibsvmJs {
  new (
    options: Record<string, unknown>,
  ): {
    train(X: number[][], y: number[]): void
    predict(X: number[][]): number[]
    free(): void
  }
  SVM_TYPES: Record<string, number>
  KERNEL_TYPES: Record<string, number>
}
// libsvm-js ships its wasm inside the package (no download at install); loading is async.
const libsvmJs = (require('libsvm-js') as Promise<LibsvmJs>).catch(() => null)

/** scikit-learn's gamma='scale': 1 / (nFeatures · Var(X)) over every entry of the train set. */
export function scaleGamma(d: Split): number {
  let n = 0
  let mean = 0
  for (const r of d.Xtrain) for (const v of r) mean += v
  n = d.Xtrain.length * d.nFeatures
  mean /= n
  let v = 0
  for (const r of d.Xtrain) for (const x of r) v += (x - mean) ** 2
  return 1 / (d.nFeatures * (v / n))
}

/**
 * svm-train arguments for an RBF model with scikit-learn's gamma='scale', tolerance 1e-3 and a
 * 200 MB cache (its defaults), after the model-specific `args` (e.g. '-s 0 -c 1').
 */
function rbfTrainArgs(d: Split, args: string): string[] {
  return [...args.split(' '), '-t', '2', '-g', String(scaleGamma(d)), '-e', '0.001', '-m', '200']
}

const plain = (X: Float64Array[]) => X.map((r) => Array.from(r))

function libsvmJsContender(type: 'C_SVC' | 'EPSILON_SVR', extra: Record<string, number>) {
  let current: { free(): void } | null = null
  return {
    system: 'libsvm-js (ml.js)',
    async fit(d: Split): Promise<PredictFn> {
      const SVM = await libsvmJs
      if (!SVM) throw new Error('libsvm-js failed to load')
      current?.free()
      const svm = new SVM({
        type: SVM.SVM_TYPES[type],
        kernel: SVM.KERNEL_TYPES.RBF,
        gamma: scaleGamma(d),
        cacheSize: 200,
        tolerance: 0.001,
        quiet: true,
        ...extra,
      })
      svm.train(plain(d.Xtrain), Array.from(d.ytrain))
      current = svm
      return (X) => svm.predict(plain(X))
    },
  }
}

const datasets: BenchCase['datasets'] = [
  ['digits', 'raw'],
  ['digits', 'std'],
  ['breast_cancer', 'raw'],
  ['breast_cancer', 'std'],
  ['iris', 'raw'],
  ['iris', 'std'],
]

const cases: BenchCase[] = [
  {
    model: 'SVC rbf C=1 gamma=scale',
    task: 'classification',
    datasets,
    sklearn: "SVC(C=1.0, kernel='rbf', gamma='scale')",
    libsvm: {
      trainArgs: (d) => rbfTrainArgs(d, '-s 0 -c 1'),
    },
    contenders: [
      {
        system: 'mlstack',
        fit(d) {
          const m = new SVC({ C: 1, kernel: 'rbf', gamma: 'scale' }).fit(d.Xtrain, d.ytrain)
          return (X) => m.predict(X)
        },
      },
      libsvmJsContender('C_SVC', { cost: 1 }),
    ],
    repeats: 7,
  },
  {
    model: 'LinearSVC C=1',
    task: 'classification',
    datasets: [
      ['digits', 'std'],
      ['breast_cancer', 'std'],
      ['iris', 'std'],
    ],
    sklearn: 'LinearSVC(C=1.0, random_state=0)',
    contenders: [
      {
        system: 'mlstack',
        fit(d) {
          const m = new LinearSVC({ C: 1, randomState: 0 }).fit(d.Xtrain, d.ytrain)
          return (X) => m.predict(X)
        },
      },
    ],
  },
  {
    model: 'SVR rbf C=100 eps=5',
    task: 'regression',
    datasets: [['diabetes', 'raw']],
    sklearn: "SVR(C=100.0, epsilon=5.0, gamma='scale')",
    libsvm: {
      trainArgs: (d) => rbfTrainArgs(d, '-s 3 -c 100 -p 5'),
    },
    contenders: [
      {
        system: 'mlstack',
        fit(d) {
          const m = new SVR({ C: 100, epsilon: 5 }).fit(d.Xtrain, d.ytrain)
          return (X) => m.predict(X)
        },
      },
      libsvmJsContender('EPSILON_SVR', { cost: 100, epsilon: 5 }),
    ],
  },
]

export default cases
