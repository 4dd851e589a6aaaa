/** Top-k accuracy: a prediction counts when the true class is among the k highest scores. */
import { InvalidOptionError, InvalidValueError } from './errors.js'
import {
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

export interface TopKAccuracyOptions {
  /** Number of top scores considered. Default 2. */
  k?: number
  /** Fraction (default) or (weighted) count of hits. */
  normalize?: boolean
  sampleWeight?: NumberArray
  /** Class of each column of `yScore`. Default: sorted labels of yTrue. */
  labels?: LabelArray
}

/**
 * Top-k accuracy, as scikit-learn's `top_k_accuracy_score`: `yScore` is samples × classes
 * (ties rank the later column first, as scikit-learn's stable argsort reversed).
 *
 * @example
 * topKAccuracyScore([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]], { k: 2 }) // 0.75
 */
export function topKAccuracyScore(
  yTrue: LabelArray,
  yScore: Matrix2D | NumberArray,
  options: TopKAccuracyOptions = {},
): number {
  const api = 'topKAccuracyScore'
  const k = options.k ?? 2
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidOptionError(`${api}: k is ${k}; expected an integer >= 1`)
  }
  const t = toLabels(api, 'yTrue', yTrue)
  const w = toWeights(api, options.sampleWeight, t.length)
  const classes: Label[] =
    options.labels !== undefined ? toLabels(api, 'labels', options.labels) : sortedUnique(api, t)
  const col = new Map<Label, number>()
  for (const [j, c] of classes.entries()) col.set(c, j)
  const hits = new Float64Array(t.length)
  if (!is2D(yScore)) {
    // Binary: one score per sample for the greater class.
    const s = toFinite(api, 'yScore', yScore as NumberArray)
    checkSameLength(api, 'yTrue', t.length, 'yScore', s.length)
    if (classes.length > 2) {
      throw new InvalidValueError(
        `${api}: ${classes.length} classes need a samples × classes yScore`,
      )
    }
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (const v of s) {
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
    const threshold = lo >= 0 && hi <= 1 ? 0.5 : 0
    for (let i = 0; i < t.length; i++) {
      const code = col.get(t[i]!)
      if (code === undefined) throw unknown(api, i, t[i]!)
      hits[i] = k >= 2 ? 1 : (s[i]! > threshold ? 1 : 0) === code ? 1 : 0
    }
  } else {
    const rows = toRows(api, 'yScore', yScore as Matrix2D)
    checkSameLength(api, 'yTrue', t.length, 'yScore', rows.length)
    const m = rows[0]!.length
    if (m !== classes.length) {
      throw new InvalidValueError(
        `${api}: yScore has ${m} columns but there are ${classes.length} classes; expected one column per class (pass labels)`,
      )
    }
    for (let i = 0; i < t.length; i++) {
      const code = col.get(t[i]!)
      if (code === undefined) throw unknown(api, i, t[i]!)
      const r = rows[i]!
      const s = r[code]!
      // Rank of the true class: columns scoring higher, or equal and later (stable argsort reversed).
      let above = 0
      for (let j = 0; j < m; j++) if (r[j]! > s || (r[j] === s && j > code)) above++
      hits[i] = above < k ? 1 : 0
    }
  }
  let sum = 0
  let wsum = 0
  for (let i = 0; i < t.length; i++) {
    const wi = w ? w[i]! : 1
    sum += hits[i]! * wi
    wsum += wi
  }
  if (options.normalize === false) return sum
  checkWeightTotal(api, wsum)
  return sum / wsum
}

function unknown(api: string, i: number, label: Label): InvalidValueError {
  return new InvalidValueError(
    `${api}: yTrue[${i}] is ${formatLabel(label)}, not one of the classes (pass labels)`,
  )
}
