/** Logarithmic (cross-entropy) loss of predicted class probabilities. */
import { InvalidOptionError, InvalidValueError } from './errors.js'
import {
  checkArrayLike,
  checkSameLength,
  checkWeightTotal,
  formatLabel,
  is2D,
  sortedUnique,
  toFinite,
  toLabels,
  toRows,
  toWeights,
} from './internal/validate.js'
import type { Label, LabelArray, Matrix2D, NumberArray } from './types.js'

export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 - eps]. Default: float64 machine epsilon (2^-52). */
  eps?: number
  /** Mean loss per sample (default) or, when false, the sum. */
  normalize?: boolean
  sampleWeight?: NumberArray
  /** Class of each column of `yPred`. Default: sorted labels of yTrue. */
  labels?: LabelArray
}

/**
 * Log loss, as scikit-learn's `log_loss`: `yPred` is samples × classes probabilities (rows are
 * renormalized after clipping), or for binary labels one probability of the greater label.
 *
 * @example
 * logLoss([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]]) // 0.22839300363692283
 */
export function logLoss(
  yTrue: LabelArray,
  yPred: NumberArray | Matrix2D,
  options: LogLossOptions = {},
): number {
  const api = 'logLoss'
  const eps = options.eps ?? Number.EPSILON
  if (!(eps > 0 && eps < 0.5)) {
    throw new InvalidOptionError(`${api}: eps is ${eps}; expected a number in (0, 0.5)`)
  }
  const t = toLabels(api, 'yTrue', yTrue)
  const w = toWeights(api, options.sampleWeight, t.length)
  let classes: Label[]
  if (options.labels !== undefined) {
    checkArrayLike(api, 'labels', options.labels)
    classes = sortedUnique(api, toLabels(api, 'labels', options.labels))
  } else classes = sortedUnique(api, t)
  if (classes.length < 2) {
    throw new InvalidValueError(
      `${api}: only one label (${formatLabel(classes[0]!)}) is known; pass labels with at least two classes`,
    )
  }
  let rows: Float64Array[]
  if (is2D(yPred)) {
    rows = toRows(api, 'yPred', yPred as Matrix2D)
    if (rows[0]!.length === 1) rows = rows.map((r) => Float64Array.of(1 - r[0]!, r[0]!))
  } else {
    const p = toFinite(api, 'yPred', yPred as NumberArray)
    rows = Array.from(p, (v) => Float64Array.of(1 - v, v))
  }
  checkSameLength(api, 'yTrue', t.length, 'yPred', rows.length)
  const k = rows[0]!.length
  if (k !== classes.length) {
    throw new InvalidValueError(
      `${api}: yPred has ${k} columns but there are ${classes.length} classes (${classes.map(formatLabel).join(', ')}); expected one column per class`,
    )
  }
  const col = new Map<Label, number>()
  for (const [j, c] of classes.entries()) col.set(c, j)
  let total = 0
  let weightSum = 0
  for (let i = 0; i < t.length; i++) {
    const j = col.get(t[i]!)
    if (j === undefined) {
      throw new InvalidValueError(
        `${api}: yTrue[${i}] is ${formatLabel(t[i]!)}, not one of the classes ${classes.map(formatLabel).join(', ')}`,
      )
    }
    // Clip first, then renormalize the row, exactly as scikit-learn does.
    const r = rows[i]!
    let sum = 0
    for (let c = 0; c < k; c++) sum += Math.min(Math.max(r[c]!, eps), 1 - eps)
    const pTrue = Math.min(Math.max(r[j]!, eps), 1 - eps) / sum
    const loss = -Math.log(pTrue)
    const wi = w ? w[i]! : 1
    total += loss * wi
    weightSum += wi
  }
  if (options.normalize === false) return total
  checkWeightTotal(api, weightSum)
  return total / weightSum
}
