/** Precision, tp / (tp + fp), for binary and multiclass labels. */
import type { Average, ScoreOptions } from './precisionRecallFscoreSupport.js'
import { prfCore } from './precisionRecallFscoreSupport.js'
import type { LabelArray } from './types.js'

/**
 * Precision, tp / (tp + fp), as scikit-learn's `precision_score` (default `average: 'binary'`, `posLabel: 1`).
 *
 * @example
 * precisionScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 * precisionScore([0, 1, 2], [0, 2, 2], { average: 'macro', zeroDivision: 0 })
 */
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: ScoreOptions & { average?: Average },
): number
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): number[]
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | number[] {
  const r = prfCore('precisionScore', yTrue, yPred, {
    ...options,
    average: options.average === undefined ? 'binary' : options.average,
  })
  return r.precision
}
