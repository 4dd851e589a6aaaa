/**
 * Loads the shared reference datasets (fixed scikit-learn train/test splits) for benchmarks
 * and parity checks, raw or standardized with the scaler fitted on the train part.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type DatasetName = 'iris' | 'breast_cancer' | 'digits' | 'diabetes'
export type Prep = 'raw' | 'std'

export interface Split {
  name: DatasetName
  prep: Prep
  Xtrain: Float64Array[]
  ytrain: Float64Array
  Xtest: Float64Array[]
  ytest: Float64Array
  nFeatures: number
}

const here = dirname(fileURLToPath(import.meta.url))

/** The reference folder: $MLSTACK_REFERENCE, else ../shared/reference beside the repo root. */
export function referenceDir(): string {
  const env = process.env.MLSTACK_REFERENCE
  if (env) return env
  const candidates = [resolve(here, '../../../../shared/reference'), '/work/shared/reference']
  for (const c of candidates) if (existsSync(c)) return c
  throw new Error(
    `reference data not found; set MLSTACK_REFERENCE (tried ${candidates.join(', ')})`,
  )
}

function readCsv(path: string): { X: Float64Array[]; y: Float64Array } {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1)
  const X: Float64Array[] = []
  const y = new Float64Array(lines.length)
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number)
    y[i] = v.pop() as number
    X.push(Float64Array.from(v))
  })
  return { X, y }
}

const cache = new Map<string, Split>()

/** Train/test split of a reference dataset; 'std' applies the train-fitted StandardScaler. */
export function loadSplit(name: DatasetName, prep: Prep = 'raw'): Split {
  const key = `${name}/${prep}`
  const hit = cache.get(key)
  if (hit) return hit
  const dir = join(referenceDir(), 'datasets')
  const train = readCsv(join(dir, `${name}_train.csv`))
  const test = readCsv(join(dir, `${name}_test.csv`))
  if (prep === 'std') {
    const meta = JSON.parse(readFileSync(join(dir, `${name}_split.json`), 'utf8')) as {
      std_mean: number[]
      std_scale: number[]
    }
    for (const X of [train.X, test.X]) {
      for (const row of X) {
        for (let j = 0; j < row.length; j++)
          row[j] = (row[j] - meta.std_mean[j]) / meta.std_scale[j]
      }
    }
  }
  const split: Split = {
    name,
    prep,
    Xtrain: train.X,
    ytrain: train.y,
    Xtest: test.X,
    ytest: test.y,
    nFeatures: train.X[0].length,
  }
  cache.set(key, split)
  return split
}

/** Accuracy of integer-valued predictions. */
export function accuracy(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let ok = 0
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) ok++
  return ok / y.length
}
