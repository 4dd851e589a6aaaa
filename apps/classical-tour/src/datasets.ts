/**
 * The reference datasets of the tour: scikit-learn's iris, breast_cancer, digits and diabetes
 * with the fixed train/test splits committed in packages/classical/fixtures (override the folder
 * with MLSTACK_REFERENCE_DIR, e.g. /work/shared/reference).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Names of the bundled datasets. */
export const DATASETS = ['iris', 'breast_cancer', 'digits', 'diabetes'] as const
export type DatasetName = (typeof DATASETS)[number]

/** One dataset split, ready for fit/score. */
export interface Dataset {
  name: DatasetName
  task: 'classification' | 'regression'
  Xtrain: number[][]
  ytrain: number[]
  Xtest: number[][]
  ytest: number[]
}

const here = dirname(fileURLToPath(import.meta.url))

/** Folder holding `datasets/` and `sklearn_results.json`. */
export function referenceDir(): string {
  return (
    process.env.MLSTACK_REFERENCE_DIR ??
    join(here, '..', '..', '..', 'packages', 'classical', 'fixtures')
  )
}

function readCsv(path: string): { X: number[][]; y: number[] } {
  if (!existsSync(path)) {
    throw new Error(`classical-tour: dataset file ${path} not found; set MLSTACK_REFERENCE_DIR`)
  }
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

/** Loads one dataset's train and test parts. */
export function loadDataset(name: DatasetName): Dataset {
  const dir = join(referenceDir(), 'datasets')
  const train = readCsv(join(dir, `${name}_train.csv`))
  const test = readCsv(join(dir, `${name}_test.csv`))
  return {
    name,
    task: name === 'diabetes' ? 'regression' : 'classification',
    Xtrain: train.X,
    ytrain: train.y,
    Xtest: test.X,
    ytest: test.y,
  }
}

interface SklearnRow {
  dataset: string
  prep: string
  model: string
  acc?: number
  r2?: number
  fit_s?: number
  predict_s?: number
}

/** scikit-learn 1.2.1's results on the same splits (empty if the file is missing). */
export function sklearnResults(): SklearnRow[] {
  const path = join(referenceDir(), 'sklearn_results.json')
  if (!existsSync(path)) return []
  return (JSON.parse(readFileSync(path, 'utf8')) as { rows: SklearnRow[] }).rows
}
