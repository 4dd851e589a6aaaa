/** F-beta score: the weighted harmonic mean of precision and recall (recall counts beta times). */
import type { Average, ScoreOptions } from './precisionRecallFscoreSupport.js'
import { prfCore } from './precisionRecallFscoreSupport.js'
import type { LabelArray } from './types.js'

/**
 * F-beta score, as scikit-learn's `fbeta_score` (default `average: 'binary'`, `posLabel: 1`).
 *
 * @example
 * fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], 2) // 0.5555555555555556
 */
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  beta: number,
  options?: ScoreOptions & { average?: Average },
): number
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  beta: number,
  options: ScoreOptions & { average: null },
): number[]
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  beta: number,
  options: ScoreOptions = {},
): number | number[] {
  return prfCore('fbetaScore', yTrue, yPred, {
    ...options,
    beta,
    average: options.average === undefined ? 'binary' : options.average,
  }).fScore
}
