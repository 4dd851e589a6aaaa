/**
 * Precision, recall, F-beta and support per class or averaged: the engine behind
 * precisionScore, recallScore, f1Score, fbetaScore and classificationReport. Follows
 * scikit-learn 1.2's `precision_recall_fscore_support`, including its zero-division rules.
 */
import { InvalidOptionError } from './errors.js'
import {
  checkArrayLike,
  checkSameLength,
  checkZeroDivision,
  formatLabel,
  labelIndex,
  sortedUnique,
  toLabels,
  toWeights,
} from './internal/validate.js'
import { warnUndefined } from './internal/warn.js'
import type { Label, LabelArray, NumberArray, ZeroDivision } from './types.js'

/** How per-class scores are combined. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted'

export interface PrfOptions {
  /** The class scored when `average` is `'binary'`. Default 1. */
  posLabel?: Label
  /** Classes to score (and their order for per-class results). Default: sorted union of labels. */
  labels?: LabelArray
  sampleWeight?: NumberArray
  /** Value for ill-defined ratios. Default `'warn'` (0 plus a process warning). */
  zeroDivision?: ZeroDivision
}

export interface PrfPerClass {
  labels: Label[]
  precision: number[]
  recall: number[]
  fScore: number[]
  /** Number (or total weight) of true samples of each class. */
  support: number[]
}

export interface PrfAveraged {
  precision: number
  recall: number
  fScore: number
}

const AVERAGES = new Set(['binary', 'micro', 'macro', 'weighted'])

/**
 * Per-class precision, recall, F-beta and support (`average` null/undefined, the default), or
 * their average.
 *
 * @example
 * precisionRecallFscoreSupport([0, 1, 2, 0], [0, 2, 2, 0]).precision // [1, 0, 0.5]
 * precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0], { average: 'macro' }).fScore
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: PrfOptions & { beta?: number; average?: null },
): PrfPerClass
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { beta?: number; average: Average },
): PrfAveraged
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: PrfOptions & { beta?: number; average?: Average | null },
): PrfPerClass | PrfAveraged
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { beta?: number; average?: Average | null } = {},
): PrfPerClass | PrfAveraged {
  return prfCore('precisionRecallFscoreSupport', yTrue, yPred, options)
}

/** @internal shared by the score functions so errors name the API the user called. */
export function prfCore(
  api: string,
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { beta?: number; average?: Average | null },
): PrfPerClass | PrfAveraged {
  const beta = options.beta ?? 1
  if (typeof beta !== 'number' || !(beta >= 0)) {
    throw new InvalidOptionError(`${api}: beta is ${String(beta)}; expected a number >= 0`)
  }
  const average = options.average ?? null
  if (average !== null && !AVERAGES.has(average)) {
    throw new InvalidOptionError(
      `${api}: average is ${String(average)}; expected 'binary', 'micro', 'macro', 'weighted' or null`,
    )
  }
  const zeroDivision = checkZeroDivision(api, options.zeroDivision ?? 'warn')
  const t = toLabels(api, 'yTrue', yTrue)
  const p = toLabels(api, 'yPred', yPred)
  checkSameLength(api, 'yTrue', t.length, 'yPred', p.length)
  const w = toWeights(api, options.sampleWeight, t.length)
  const present = sortedUnique(api, t, p)

  let labels: Label[]
  if (average === 'binary') {
    if (present.length > 2) {
      throw new InvalidOptionError(
        `${api}: the labels are multiclass (${present.length} classes) but average is 'binary'; ` +
          `expected average 'micro', 'macro', 'weighted' or null`,
      )
    }
    const pos = options.posLabel ?? 1
    if (!present.includes(pos) && present.length >= 2) {
      throw new InvalidOptionError(
        `${api}: posLabel ${formatLabel(pos)} is not a label; expected one of ${present.map(formatLabel).join(', ')}`,
      )
    }
    labels = [pos]
  } else if (options.labels !== undefined) {
    checkArrayLike(api, 'labels', options.labels)
    labels = toLabels(api, 'labels', options.labels)
  } else {
    labels = present
  }

  const idx = labelIndex(labels)
  const k = labels.length
  const tp = new Float64Array(k)
  const predSum = new Float64Array(k)
  const trueSum = new Float64Array(k)
  for (let i = 0; i < t.length; i++) {
    const wi = w ? w[i]! : 1
    const a = idx.get(t[i]!)
    const b = idx.get(p[i]!)
    if (a !== undefined) trueSum[a]! += wi
    if (b !== undefined) predSum[b]! += wi
    if (a !== undefined && a === b) tp[a]! += wi
  }

  let tpS: Float64Array = tp
  let predS: Float64Array = predSum
  let trueS: Float64Array = trueSum
  if (average === 'micro') {
    tpS = Float64Array.of(tp.reduce((s, v) => s + v, 0))
    predS = Float64Array.of(predSum.reduce((s, v) => s + v, 0))
    trueS = Float64Array.of(trueSum.reduce((s, v) => s + v, 0))
  }

  const m = tpS.length
  const fill = zeroDivision === 1 ? 1 : 0
  const precision = new Array<number>(m)
  const recall = new Array<number>(m)
  const fScore = new Array<number>(m)
  let illP = false
  let illR = false
  const beta2 = beta * beta
  for (let j = 0; j < m; j++) {
    if (predS[j] === 0) {
      precision[j] = fill
      illP = true
    } else precision[j] = tpS[j]! / predS[j]!
    if (trueS[j] === 0) {
      recall[j] = fill
      illR = true
    } else recall[j] = tpS[j]! / trueS[j]!
    const pj = precision[j]!
    const rj = recall[j]!
    if (beta === Number.POSITIVE_INFINITY) fScore[j] = rj
    else {
      const denom = beta2 * pj + rj
      fScore[j] = ((1 + beta2) * pj * rj) / (denom === 0 ? 1 : denom)
    }
  }
  if (zeroDivision === 'warn' && (illP || illR)) {
    warnUndefined(
      `${api}: ${illP ? 'precision' : 'recall'} is ill-defined for some labels and set to 0 ` +
        `(no ${illP ? 'predicted' : 'true'} samples); pass zeroDivision to control this`,
    )
  }

  if (average === null) {
    return {
      labels,
      precision,
      recall,
      fScore,
      support: Array.from(trueSum),
    }
  }
  if (average === 'weighted') {
    const total = trueSum.reduce((s, v) => s + v, 0)
    if (total === 0) {
      const z = zeroDivision === 1 ? 1 : 0
      const predTotal = predSum.reduce((s, v) => s + v, 0)
      if (predTotal === 0) return { precision: z, recall: z, fScore: z }
      return { precision: 0, recall: z, fScore: 0 }
    }
    let sp = 0
    let sr = 0
    let sf = 0
    for (let j = 0; j < m; j++) {
      sp += precision[j]! * trueSum[j]!
      sr += recall[j]! * trueSum[j]!
      sf += fScore[j]! * trueSum[j]!
    }
    return { precision: sp / total, recall: sr / total, fScore: sf / total }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length
  return { precision: mean(precision), recall: mean(recall), fScore: mean(fScore) }
}

/** Options of precisionScore, recallScore, f1Score and fbetaScore. */
export interface ScoreOptions extends PrfOptions {
  /** Default `'binary'` (scores `posLabel`); null returns one score per label. */
  average?: Average | null
}
