/** The confusion matrix: counts of (true label, predicted label) pairs. */
import { InvalidOptionError } from './errors.js'
import {
  checkArrayLike,
  checkSameLength,
  labelIndex,
  sortedUnique,
  toLabels,
  toWeights,
} from './internal/validate.js'
import type { Label, LabelArray, NumberArray } from './types.js'

export interface ConfusionMatrixOptions {
  /** Class order of rows and columns; samples with other labels are ignored. Default: sorted union. */
  labels?: LabelArray
  sampleWeight?: NumberArray
  /** Normalize over true labels (rows), predictions (columns) or all entries. */
  normalize?: 'true' | 'pred' | 'all'
}

/**
 * Confusion matrix `C` with `C[i][j]` = number of samples of true class `labels[i]` predicted as
 * `labels[j]`, as scikit-learn's `confusion_matrix`.
 *
 * @example
 * confusionMatrix([0, 1, 1], [0, 0, 1]) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ConfusionMatrixOptions = {},
): number[][] {
  const api = 'confusionMatrix'
  const t = toLabels(api, 'yTrue', yTrue)
  const p = toLabels(api, 'yPred', yPred)
  checkSameLength(api, 'yTrue', t.length, 'yPred', p.length)
  const w = toWeights(api, options.sampleWeight, t.length)
  let labels: Label[]
  if (options.labels === undefined) {
    labels = sortedUnique(api, t, p)
  } else {
    checkArrayLike(api, 'labels', options.labels)
    labels = toLabels(api, 'labels', options.labels)
    const inTrue = new Set(t)
    if (!labels.some((l) => inTrue.has(l))) {
      throw new InvalidOptionError(
        `${api}: none of labels [${labels.join(', ')}] occurs in yTrue; expected at least one`,
      )
    }
  }
  const { normalize } = options
  if (
    normalize !== undefined &&
    normalize !== 'true' &&
    normalize !== 'pred' &&
    normalize !== 'all'
  ) {
    throw new InvalidOptionError(
      `${api}: normalize is ${String(normalize)}; expected 'true', 'pred', 'all' or undefined`,
    )
  }
  const idx = labelIndex(labels)
  const k = labels.length
  const cm: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < t.length; i++) {
    const a = idx.get(t[i]!)
    const b = idx.get(p[i]!)
    if (a === undefined || b === undefined) continue
    cm[a]![b]! += w ? w[i]! : 1
  }
  if (normalize === undefined) return cm
  // As scikit-learn: rows/columns that sum to zero become 0, not NaN.
  const safe = (x: number) => (Number.isFinite(x) ? x : 0)
  if (normalize === 'true') {
    return cm.map((row) => {
      const s = row.reduce((a, b) => a + b, 0)
      return row.map((v) => safe(v / s))
    })
  }
  if (normalize === 'pred') {
    const colSums = new Array<number>(k).fill(0)
    for (const row of cm) for (let j = 0; j < k; j++) colSums[j]! += row[j]!
    return cm.map((row) => row.map((v, j) => safe(v / colSums[j]!)))
  }
  let total = 0
  for (const row of cm) for (const v of row) total += v
  return cm.map((row) => row.map((v) => safe(v / total)))
}
