/** Recall, tp / (tp + fn), for binary and multiclass labels. */
import type { Average, ScoreOptions } from './precisionRecallFscoreSupport.js'
import { prfCore } from './precisionRecallFscoreSupport.js'
import type { LabelArray } from './types.js'

/**
 * Recall, tp / (tp + fn), as scikit-learn's `recall_score` (default `average: 'binary'`, `posLabel: 1`).
 *
 * @example
 * recallScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 * recallScore([0, 1, 2], [0, 2, 2], { average: 'macro', zeroDivision: 0 })
 */
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: ScoreOptions & { average?: Average },
): number
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): number[]
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | number[] {
  const r = prfCore('recallScore', yTrue, yPred, {
    ...options,
    average: options.average === undefined ? 'binary' : options.average,
  })
  return r.recall
}
