/** Precision-recall curve and average precision of binary scores. */
import { InvalidOptionError, InvalidValueError } from './errors.js'
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
import { warnUndefined } from './internal/warn.js'
import { binaryClfCurve } from './rocCurve.js'
import type { Label, LabelArray, Matrix2D, NumberArray } from './types.js'

export interface PrecisionRecallCurve {
  /** Precision at each threshold, ending with 1. */
  precision: number[]
  /** Recall at each threshold (decreasing), ending with 0. */
  recall: number[]
  /** Increasing score thresholds (one fewer than precision/recall). */
  thresholds: number[]
}

export interface PrecisionRecallOptions {
  /** Positive class. Default 1 when labels are {0, 1} or {-1, 1}; required otherwise. */
  posLabel?: Label
  sampleWeight?: NumberArray
}

function positives(api: string, t: Label[], posLabel: Label | undefined): Uint8Array {
  const classes = sortedUnique(api, t)
  if (classes.length > 2) {
    throw new InvalidOptionError(
      `${api}: yTrue has ${classes.length} classes; expected binary labels`,
    )
  }
  let pos = posLabel
  if (pos === undefined) {
    if (!classes.every((c) => c === 0 || c === 1 || c === -1)) {
      throw new InvalidOptionError(
        `${api}: labels are ${classes.map(formatLabel).join(', ')}; pass posLabel (default 1 applies only to {0, 1} or {-1, 1})`,
      )
    }
    pos = 1
  } else if (classes.length === 2 && !classes.includes(pos)) {
    throw new InvalidOptionError(
      `${api}: posLabel ${formatLabel(pos)} is not a label; expected one of ${classes.map(formatLabel).join(', ')}`,
    )
  }
  return Uint8Array.from(t, (v) => (v === pos ? 1 : 0))
}

function curve(
  isPos: Uint8Array,
  s: Float64Array,
  w: Float64Array | null,
  api: string,
): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryClfCurve(isPos, s, w)
  const m = tps.length
  const tpLast = tps[m - 1]!
  if (tpLast === 0) warnUndefined(`${api}: no positive samples in yTrue; recall is set to 1`)
  const precision: number[] = []
  const recall: number[] = []
  for (let i = m - 1; i >= 0; i--) {
    const ps = tps[i]! + fps[i]!
    precision.push(ps === 0 ? 0 : tps[i]! / ps)
    recall.push(tpLast === 0 ? 1 : tps[i]! / tpLast)
  }
  precision.push(1)
  recall.push(0)
  return { precision, recall, thresholds: thresholds.reverse() }
}

/**
 * Precision-recall pairs for every distinct score threshold, as scikit-learn's
 * `precision_recall_curve`.
 *
 * @example
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * // precision [0.5, 0.6667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(
  yTrue: LabelArray,
  probasPred: NumberArray,
  options: PrecisionRecallOptions = {},
): PrecisionRecallCurve {
  const api = 'precisionRecallCurve'
  const t = toLabels(api, 'yTrue', yTrue)
  const s = toFinite(api, 'probasPred', probasPred)
  checkSameLength(api, 'yTrue', t.length, 'probasPred', s.length)
  const w = toWeights(api, options.sampleWeight, t.length)
  return curve(positives(api, t, options.posLabel), s, w, api)
}

function ap(isPos: Uint8Array, s: Float64Array, w: Float64Array | null, api: string): number {
  const { precision, recall } = curve(isPos, s, w, api)
  let sum = 0
  for (let i = 0; i + 1 < recall.length; i++) sum += (recall[i + 1]! - recall[i]!) * precision[i]!
  return -sum
}

export interface AveragePrecisionOptions extends PrecisionRecallOptions {
  /** Multiclass (samples × classes yScore): 'macro' (default) or 'weighted' one-vs-rest mean. */
  average?: 'macro' | 'weighted'
  /** Multiclass: class of each column. Default: sorted labels of yTrue. */
  labels?: LabelArray
}

/**
 * Average precision (area under the step precision-recall curve), as scikit-learn's
 * `average_precision_score`; multiclass scores are averaged one-vs-rest.
 *
 * @example
 * averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333333333333333
 */
export function averagePrecisionScore(
  yTrue: LabelArray,
  yScore: NumberArray | Matrix2D,
  options: AveragePrecisionOptions = {},
): number {
  const api = 'averagePrecisionScore'
  const t = toLabels(api, 'yTrue', yTrue)
  const w = toWeights(api, options.sampleWeight, t.length)
  if (!is2D(yScore)) {
    const s = toFinite(api, 'yScore', yScore as NumberArray)
    checkSameLength(api, 'yTrue', t.length, 'yScore', s.length)
    return ap(positives(api, t, options.posLabel), s, w, api)
  }
  const rows = toRows(api, 'yScore', yScore as Matrix2D)
  checkSameLength(api, 'yTrue', t.length, 'yScore', rows.length)
  const classes =
    options.labels !== undefined ? toLabels(api, 'labels', options.labels) : sortedUnique(api, t)
  const k = rows[0]!.length
  if (classes.length !== k) {
    throw new InvalidValueError(
      `${api}: yScore has ${k} columns but there are ${classes.length} classes; expected one column per class (pass labels)`,
    )
  }
  const average = options.average ?? 'macro'
  if (average !== 'macro' && average !== 'weighted') {
    throw new InvalidOptionError(
      `${api}: average is ${String(average)}; expected 'macro' or 'weighted'`,
    )
  }
  let total = 0
  let wsum = 0
  for (let c = 0; c < k; c++) {
    const isPos = Uint8Array.from(t, (v) => (v === classes[c] ? 1 : 0))
    let support = 0
    for (let i = 0; i < t.length; i++) if (isPos[i]) support += w ? w[i]! : 1
    const score = ap(
      isPos,
      Float64Array.from(rows, (r) => r[c]!),
      w,
      api,
    )
    const weight = average === 'weighted' ? support : 1
    total += score * weight
    wsum += weight
  }
  return total / wsum
}
