/** Matthews correlation coefficient: a balanced single-number summary of the confusion matrix. */
import { confusionMatrix } from './confusionMatrix.js'
import type { LabelArray, NumberArray } from './types.js'

/**
 * Matthews correlation coefficient (multiclass R_K statistic), as scikit-learn's
 * `matthews_corrcoef`: 1 perfect, 0 chance, -1 total disagreement; 0 when undefined.
 *
 * @example
 * matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]) // -0.3333333333333333
 */
export function matthewsCorrcoef(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: { sampleWeight?: NumberArray } = {},
): number {
  const cm = confusionMatrix(yTrue, yPred, { sampleWeight: options.sampleWeight })
  const k = cm.length
  const t = new Array<number>(k).fill(0)
  const p = new Array<number>(k).fill(0)
  let correct = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      t[i]! += cm[i]![j]!
      p[j]! += cm[i]![j]!
    }
    correct += cm[i]![i]!
  }
  const n = p.reduce((a, b) => a + b, 0)
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0)
  const covTP = correct * n - dot(t, p)
  const covPP = n * n - dot(p, p)
  const covTT = n * n - dot(t, t)
  if (covPP * covTT === 0) return 0
  return covTP / Math.sqrt(covTT * covPP)
}
