/** Helpers shared by cross-validation, the searches and permutation importance. */
import { KFold, StratifiedKFold } from '@mlstack/data'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { ParameterError } from '../errors.js'
import type { Dense } from './validation.js'

/** A cross-validation splitter (structurally @mlstack/data's CrossValidator). */
export interface Splitter {
  split(
    X: number,
    y?: ArrayLike<number>,
  ): Iterable<{ train: ArrayLike<number>; test: ArrayLike<number> }>
}

/** True for classifiers and pipelines ending in one. */
export function isClassifier(est: unknown): boolean {
  if (est instanceof BaseClassifier) return true
  const e = est as {
    kind?: unknown
    finalEstimator?: unknown
    getParams?: () => { estimator?: unknown }
  }
  if (e?.kind === 'Pipeline') {
    try {
      return isClassifier(e.finalEstimator)
    } catch {
      return false
    }
  }
  // Searches are classifiers when what they tune is (nested cross-validation stays stratified).
  if (
    (e?.kind === 'GridSearchCV' || e?.kind === 'RandomizedSearchCV') &&
    typeof e.getParams === 'function'
  ) {
    return isClassifier(e.getParams().estimator)
  }
  return false
}

/** cv option → splitter: a fold count uses StratifiedKFold for classifiers, KFold otherwise (as scikit-learn). */
export function resolveCv(
  cv: number | Splitter | undefined,
  estimator: unknown,
  api: string,
): Splitter {
  if (cv === undefined || typeof cv === 'number') {
    const k = cv ?? 5
    if (!Number.isInteger(k) || k < 2) {
      throw new ParameterError(`${api}: cv = ${k}; expected an integer >= 2 or a splitter`)
    }
    return (
      isClassifier(estimator) ? new StratifiedKFold({ nSplits: k }) : new KFold({ nSplits: k })
    ) as Splitter
  }
  if (typeof cv?.split !== 'function') {
    throw new ParameterError(`${api}: cv must be a number of folds or a splitter with split()`)
  }
  return cv
}

/** Rows of a dense matrix as zero-copy views (estimators copy on input). */
export function takeRows(X: Dense, idx: ArrayLike<number>): Float64Array[] {
  const out: Float64Array[] = new Array(idx.length)
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] as number
    out[i] = X.data.subarray(r * X.cols, (r + 1) * X.cols)
  }
  return out
}

/** Elements of y at idx. */
export function takeValues(y: Float64Array, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length)
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i] as number] as number
  return out
}

/** Mean and (population) standard deviation. */
export function meanStd(v: ArrayLike<number>): { mean: number; std: number } {
  let m = 0
  for (let i = 0; i < v.length; i++) m += v[i] as number
  m /= v.length
  let s = 0
  for (let i = 0; i < v.length; i++) s += ((v[i] as number) - m) ** 2
  return { mean: m, std: Math.sqrt(s / v.length) }
}
