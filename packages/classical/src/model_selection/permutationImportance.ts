/** Permutation feature importance (scikit-learn's permutation_importance): score drop when one column is shuffled. */
import { Matrix } from 'ml-matrix'
import { meanStd, takeRows } from '../internal/modelSelection.js'
import { Random } from '../internal/random.js'
import {
  checkRange,
  checkXyDense,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { getScorer, type Scorable, type Scorer } from './scorers.js'

/** Options of permutationImportance. */
export interface PermutationImportanceOptions {
  /** Shuffles per feature. Default 5. */
  nRepeats?: number
  scoring?: string | Scorer
  randomState?: number
}

/** Result: mean/std of the score drop per feature, and every repeat. */
export interface PermutationImportanceResult {
  importancesMean: Float64Array
  importancesStd: Float64Array
  /** features × nRepeats. */
  importances: Matrix
}

/**
 * Importance of each feature for a fitted estimator on (X, y).
 * @example
 * const r = permutationImportance(model, Xtest, ytest, { nRepeats: 10, randomState: 0 })
 * r.importancesMean
 */
export function permutationImportance(
  estimator: Scorable,
  X: MatrixLike,
  y: VectorLike,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const api = 'permutationImportance'
  const nRepeats = checkRange(options.nRepeats ?? 5, 'nRepeats', api, 1, Number.POSITIVE_INFINITY, {
    integer: true,
  })
  const data = checkXyDense(X, y, api)
  const scorer = getScorer(options.scoring, api)
  const all = Array.from({ length: data.X.rows }, (_, i) => i)
  const base = scorer(estimator, takeRows(data.X, all), data.y)
  const rng = new Random(options.randomState)
  const d = data.X.cols
  const n = data.X.rows
  const importances = new Matrix(d, nRepeats)
  const work = { data: Float64Array.from(data.X.data), rows: n, cols: d }
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < nRepeats; r++) {
      const perm = rng.permutation(n)
      for (let i = 0; i < n; i++)
        work.data[i * d + j] = data.X.data[(perm[i] as number) * d + j] as number
      importances.set(j, r, base - scorer(estimator, takeRows(work, all), data.y))
    }
    for (let i = 0; i < n; i++) work.data[i * d + j] = data.X.data[i * d + j] as number
  }
  const importancesMean = new Float64Array(d)
  const importancesStd = new Float64Array(d)
  for (let j = 0; j < d; j++) {
    const { mean, std } = meanStd(importances.getRow(j))
    importancesMean[j] = mean
    importancesStd[j] = std
  }
  return { importancesMean, importancesStd, importances }
}
