/** Area under the ROC curve, for binary scores or multiclass probabilities (one-vs-rest). */
import { InvalidOptionError, InvalidValueError, UndefinedMetricError } from './errors.js'
import {
  checkSameLength,
  formatLabel,
  is2D,
  sortedUnique,
  toFinite,
  toLabels,
  toRows,
  toWeights,
} from './internal/validate.js'
import { rocFromFlags } from './rocCurve.js'
import type { Label, LabelArray, Matrix2D, NumberArray } from './types.js'

export interface RocAucOptions {
  sampleWeight?: NumberArray
  /** Multiclass only: 'ovr' (one-vs-rest). Binary input ignores it. */
  multiClass?: 'ovr'
  /** Multiclass only: mean of per-class AUCs ('macro', default) or weighted by prevalence. */
  average?: 'macro' | 'weighted'
  /** Multiclass only: class of each column of `yScore`. Default: sorted labels of yTrue. */
  labels?: LabelArray
}

/** Trapezoidal area under the curve (x increasing). */
function trapezoid(x: number[], y: number[]): number {
  let a = 0
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2
  return a
}

function binaryAuc(isPos: Uint8Array, s: Float64Array, w: Float64Array | null, api: string) {
  let nPos = 0
  for (let i = 0; i < isPos.length; i++) nPos += isPos[i]!
  if (nPos === 0 || nPos === isPos.length) {
    throw new UndefinedMetricError(
      `${api}: only one class is present in yTrue; ROC AUC is undefined, expected both classes`,
    )
  }
  const { fpr, tpr } = rocFromFlags(isPos, s, w, true, api)
  return trapezoid(fpr, tpr)
}

/**
 * ROC AUC, as scikit-learn's `roc_auc_score`. Binary: `yScore` holds one score per sample for
 * the greater label. Multiclass: `yScore` is samples × classes probabilities (rows sum to 1),
 * scored one-vs-rest and averaged.
 *
 * @example
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore(
  yTrue: LabelArray,
  yScore: NumberArray | Matrix2D,
  options: RocAucOptions = {},
): number {
  const api = 'rocAucScore'
  const t = toLabels(api, 'yTrue', yTrue)
  const w = toWeights(api, options.sampleWeight, t.length)
  const classes =
    options.labels !== undefined ? toLabels(api, 'labels', options.labels) : sortedUnique(api, t)
  if (!is2D(yScore)) {
    const s = toFinite(api, 'yScore', yScore as NumberArray)
    checkSameLength(api, 'yTrue', t.length, 'yScore', s.length)
    if (classes.length > 2) {
      throw new InvalidValueError(
        `${api}: yTrue has ${classes.length} classes but yScore is 1-D; expected a samples × classes probability matrix`,
      )
    }
    if (classes.length < 2) {
      throw new UndefinedMetricError(
        `${api}: only one class (${formatLabel(classes[0]!)}) is present in yTrue; ROC AUC is undefined, expected both classes`,
      )
    }
    const pos = classes[1]
    const isPos = new Uint8Array(t.length)
    for (let i = 0; i < t.length; i++) isPos[i] = t[i] === pos ? 1 : 0
    return binaryAuc(isPos, s, w, api)
  }
  const rows = toRows(api, 'yScore', yScore as Matrix2D)
  checkSameLength(api, 'yTrue', t.length, 'yScore', rows.length)
  const k = rows[0]!.length
  if (k === 2 && classes.length === 2) {
    // Two columns: scikit-learn scores the second (positive) column as a binary problem.
    const s = Float64Array.from(rows, (r) => r[1]!)
    const isPos = new Uint8Array(t.length)
    for (let i = 0; i < t.length; i++) isPos[i] = t[i] === classes[1] ? 1 : 0
    return binaryAuc(isPos, s, w, api)
  }
  if ((options.multiClass ?? 'ovr') !== 'ovr') {
    throw new InvalidOptionError(`${api}: multiClass is ${options.multiClass}; expected 'ovr'`)
  }
  const average = options.average ?? 'macro'
  if (average !== 'macro' && average !== 'weighted') {
    throw new InvalidOptionError(`${api}: average is ${average}; expected 'macro' or 'weighted'`)
  }
  if (classes.length !== k) {
    throw new InvalidValueError(
      `${api}: yScore has ${k} columns but there are ${classes.length} classes (${classes.map(formatLabel).join(', ')}); expected one column per class`,
    )
  }
  for (let i = 0; i < rows.length; i++) {
    let sum = 0
    for (const v of rows[i]!) sum += v
    if (Math.abs(sum - 1) > 1e-8 + 1e-5) {
      throw new InvalidValueError(
        `${api}: row ${i} of yScore sums to ${sum}; multiclass ROC AUC expects probabilities summing to 1`,
      )
    }
  }
  const known = new Set<Label>(classes)
  for (let i = 0; i < t.length; i++) {
    if (!known.has(t[i]!)) {
      throw new InvalidValueError(
        `${api}: yTrue[${i}] is ${formatLabel(t[i]!)}, not one of the ${k} classes of yScore's columns`,
      )
    }
  }
  let total = 0
  let weightSum = 0
  for (let c = 0; c < k; c++) {
    const isPos = new Uint8Array(t.length)
    let prevalence = 0
    for (let i = 0; i < t.length; i++) {
      if (t[i] === classes[c]) {
        isPos[i] = 1
        prevalence += w ? w[i]! : 1
      }
    }
    const s = Float64Array.from(rows, (r) => r[c]!)
    const auc = binaryAuc(isPos, s, w, api)
    const weight = average === 'weighted' ? prevalence : 1
    total += auc * weight
    weightSum += weight
  }
  return total / weightSum
}
