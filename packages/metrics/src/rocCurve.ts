/** Receiver operating characteristic curve of a binary classifier's scores. */
import { InvalidOptionError } from './errors.js'
import {
  checkSameLength,
  formatLabel,
  sortedUnique,
  toFinite,
  toLabels,
  toWeights,
} from './internal/validate.js'
import { warnUndefined } from './internal/warn.js'
import type { Label, LabelArray, NumberArray } from './types.js'

export interface RocCurveOptions {
  /** The positive class. Default 1 when the labels are {0, 1} or {-1, 1}; required otherwise. */
  posLabel?: Label
  sampleWeight?: NumberArray
  /** Drop thresholds that do not change the curve's shape. Default true. */
  dropIntermediate?: boolean
}

export interface RocCurve {
  /** False-positive rate at each threshold (increasing, starts at 0). */
  fpr: number[]
  /** True-positive rate at each threshold (increasing, starts at 0). */
  tpr: number[]
  /** Decreasing score thresholds; the first is Infinity (no sample is predicted positive). */
  thresholds: number[]
}

/** @internal fps/tps at each distinct threshold, scores descending (scikit-learn's helper). */
export function binaryClfCurve(
  isPos: Uint8Array,
  score: Float64Array,
  w: Float64Array | null,
): { fps: number[]; tps: number[]; thresholds: number[] } {
  const n = score.length
  const order = Array.from({ length: n }, (_, i) => i)
  // Stable sort descending: ties keep their relative order, as scikit-learn's mergesort does.
  order.sort((a, b) => score[b]! - score[a]!)
  const fps: number[] = []
  const tps: number[] = []
  const thresholds: number[] = []
  let tp = 0
  let fp = 0
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    const wi = w ? w[i]! : 1
    if (isPos[i]) tp += wi
    else fp += wi
    if (k === n - 1 || score[order[k + 1]!] !== score[i]) {
      tps.push(tp)
      fps.push(fp)
      thresholds.push(score[i]!)
    }
  }
  return { fps, tps, thresholds }
}

/** @internal the ROC curve from positive flags and scores (no validation). */
export function rocFromFlags(
  isPos: Uint8Array,
  score: Float64Array,
  w: Float64Array | null,
  dropIntermediate: boolean,
  api: string,
): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(isPos, score, w)
  if (dropIntermediate && fps.length > 2) {
    // Keep only points where the curve bends (second differences non-zero) plus both ends.
    const keep: number[] = [0]
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!
      if (d2f !== 0 || d2t !== 0) keep.push(i)
    }
    keep.push(fps.length - 1)
    fps = keep.map((i) => fps[i]!)
    tps = keep.map((i) => tps[i]!)
    thresholds = keep.map((i) => thresholds[i]!)
  }
  fps.unshift(0)
  tps.unshift(0)
  thresholds.unshift(Number.POSITIVE_INFINITY)
  const fpLast = fps[fps.length - 1]!
  const tpLast = tps[tps.length - 1]!
  if (fpLast <= 0) warnUndefined(`${api}: no negative samples, so the false-positive rate is NaN`)
  if (tpLast <= 0) warnUndefined(`${api}: no positive samples, so the true-positive rate is NaN`)
  return {
    fpr: fps.map((v) => (fpLast <= 0 ? Number.NaN : v / fpLast)),
    tpr: tps.map((v) => (tpLast <= 0 ? Number.NaN : v / tpLast)),
    thresholds,
  }
}

/**
 * ROC curve of binary scores, as scikit-learn's `roc_curve`. Unlike scikit-learn 1.2 (which
 * used `max(score) + 1`) the first threshold is `Infinity`, as in scikit-learn 1.3 and later.
 *
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * // { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1] }
 */
export function rocCurve(
  yTrue: LabelArray,
  yScore: NumberArray,
  options: RocCurveOptions = {},
): RocCurve {
  const api = 'rocCurve'
  const t = toLabels(api, 'yTrue', yTrue)
  const s = toFinite(api, 'yScore', yScore)
  checkSameLength(api, 'yTrue', t.length, 'yScore', s.length)
  const w = toWeights(api, options.sampleWeight, t.length)
  const classes = sortedUnique(api, t)
  if (classes.length > 2) {
    throw new InvalidOptionError(
      `${api}: yTrue has ${classes.length} classes; expected binary labels (use rocAucScore with multiClass 'ovr' for multiclass)`,
    )
  }
  let pos = options.posLabel
  if (pos === undefined) {
    const standard = classes.every((c) => c === 0 || c === 1 || c === -1)
    if (!standard) {
      throw new InvalidOptionError(
        `${api}: labels are ${classes.map(formatLabel).join(', ')}; pass posLabel (default 1 applies only to {0, 1} or {-1, 1})`,
      )
    }
    pos = 1
  }
  const isPos = new Uint8Array(t.length)
  for (let i = 0; i < t.length; i++) isPos[i] = t[i] === pos ? 1 : 0
  return rocFromFlags(isPos, s, w, options.dropIntermediate ?? true, api)
}
