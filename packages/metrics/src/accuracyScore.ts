/** Classification accuracy: the (weighted) fraction of samples whose label is predicted exactly. */
import { checkSameLength, checkWeightTotal, toLabels, toWeights } from './internal/validate.js'
import type { LabelArray, NumberArray } from './types.js'

export interface AccuracyOptions {
  /** Return the fraction (default) or, when false, the (weighted) number of correct samples. */
  normalize?: boolean
  sampleWeight?: NumberArray
}

/**
 * Fraction of correctly classified samples, as scikit-learn's `accuracy_score`.
 *
 * @example
 * accuracyScore([0, 1, 2, 2], [0, 2, 2, 2]) // 0.75
 */
export function accuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: AccuracyOptions = {},
): number {
  const api = 'accuracyScore'
  const t = toLabels(api, 'yTrue', yTrue)
  const p = toLabels(api, 'yPred', yPred)
  checkSameLength(api, 'yTrue', t.length, 'yPred', p.length)
  const w = toWeights(api, options.sampleWeight, t.length)
  let correct = 0
  let total = 0
  for (let i = 0; i < t.length; i++) {
    const wi = w ? w[i]! : 1
    if (t[i] === p[i]) correct += wi
    total += wi
  }
  if (options.normalize === false) return correct
  checkWeightTotal(api, total)
  return correct / total
}
