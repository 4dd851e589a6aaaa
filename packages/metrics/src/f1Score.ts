/** F1 score: the harmonic mean of precision and recall. */
import type { Average, ScoreOptions } from './precisionRecallFscoreSupport.js'
import { prfCore } from './precisionRecallFscoreSupport.js'
import type { LabelArray } from './types.js'

/**
 * F1 score, as scikit-learn's `f1_score` (default `average: 'binary'`, `posLabel: 1`).
 *
 * @example
 * f1Score([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 * f1Score([0, 1, 2, 2], [0, 2, 2, 1], { average: 'weighted' })
 */
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: ScoreOptions & { average?: Average },
): number
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): number[]
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | number[] {
  return prfCore('f1Score', yTrue, yPred, {
    ...options,
    beta: 1,
    average: options.average === undefined ? 'binary' : options.average,
  }).fScore
}
