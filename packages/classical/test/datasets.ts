/** Loads the reference dataset splits committed in fixtures/datasets (copied from shared/reference). */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const fixturesDir = join(here, '..', 'fixtures')

export type DatasetName = 'iris' | 'breast_cancer' | 'digits' | 'diabetes'

export interface Split {
  Xtrain: number[][]
  ytrain: number[]
  Xtest: number[][]
  ytest: number[]
}

function readCsv(path: string): { X: number[][]; y: number[] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1)
  const X: number[][] = []
  const y: number[] = []
  for (const line of lines) {
    const v = line.split(',').map(Number)
    y.push(v.pop() as number)
    X.push(v)
  }
  return { X, y }
}

/** The fixed train/test split; `prep: 'std'` standardises with the train mean/scale from the split file. */
export function loadSplit(name: DatasetName, prep: 'raw' | 'std' = 'raw'): Split {
  const train = readCsv(join(fixturesDir, 'datasets', `${name}_train.csv`))
  const test = readCsv(join(fixturesDir, 'datasets', `${name}_test.csv`))
  if (prep === 'raw') return { Xtrain: train.X, ytrain: train.y, Xtest: test.X, ytest: test.y }
  const split = JSON.parse(
    readFileSync(join(fixturesDir, 'datasets', `${name}_split.json`), 'utf8'),
  )
  let mu = split.std_mean as number[] | undefined
  let sc = split.std_scale as number[] | undefined
  if (!mu || !sc) {
    // diabetes ships no scaler: StandardScaler fitted on the train part (population std).
    const d = (train.X[0] as number[]).length
    const n = train.X.length
    mu = Array.from({ length: d }, (_, j) => train.X.reduce((s, r) => s + (r[j] as number), 0) / n)
    const m = mu
    sc = Array.from({ length: d }, (_, j) => {
      const v = train.X.reduce((s, r) => s + ((r[j] as number) - (m[j] as number)) ** 2, 0) / n
      return v === 0 ? 1 : Math.sqrt(v)
    })
  }
  const mu2 = mu
  const sc2 = sc
  const std = (X: number[][]) =>
    X.map((r) => r.map((v, j) => (v - (mu2[j] as number)) / (sc2[j] as number)))
  return { Xtrain: std(train.X), ytrain: train.y, Xtest: std(test.X), ytest: test.y }
}

interface ResultRow {
  dataset: string
  prep?: string
  model: string
  acc?: number
  r2?: number
  [k: string]: unknown
}

/** scikit-learn 1.2.1's published result for one dataset/prep/model row. */
export function sklearnResult(dataset: string, model: string, prep?: string): ResultRow {
  const all = JSON.parse(readFileSync(join(fixturesDir, 'sklearn_results.json'), 'utf8'))
    .rows as ResultRow[]
  const row = all.find(
    (r) => r.dataset === dataset && r.model === model && (prep === undefined || r.prep === prep),
  )
  if (!row) throw new Error(`no sklearn result for ${dataset}/${prep}/${model}`)
  return row
}
