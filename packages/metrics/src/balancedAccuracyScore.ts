/** Balanced accuracy: the mean of per-class recall, robust to class imbalance. */
import { confusionMatrix } from './confusionMatrix.js'
import { warnUndefined } from './internal/warn.js'
import type { LabelArray, NumberArray } from './types.js'

export interface BalancedAccuracyOptions {
  sampleWeight?: NumberArray
  /** Rescale so chance scores 0 and perfect scores 1. Default false. */
  adjusted?: boolean
}

/**
 * Average recall over the classes present in `yTrue`, as scikit-learn's
 * `balanced_accuracy_score`.
 *
 * @example
 * balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]) // 0.625
 */
export function balancedAccuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: BalancedAccuracyOptions = {},
): number {
  const cm = confusionMatrix(yTrue, yPred, { sampleWeight: options.sampleWeight })
  const perClass: number[] = []
  for (let i = 0; i < cm.length; i++) {
    const row = cm[i]!.reduce((a, b) => a + b, 0)
    if (row > 0) perClass.push(cm[i]![i]! / row)
  }
  if (perClass.length < cm.length) {
    warnUndefined('balancedAccuracyScore: yPred contains classes not in yTrue')
  }
  let score = perClass.reduce((a, b) => a + b, 0) / perClass.length
  if (options.adjusted) {
    const chance = 1 / perClass.length
    score = (score - chance) / (1 - chance)
  }
  return score
}
