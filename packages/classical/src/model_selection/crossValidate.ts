/** Cross-validation with fit/score times and optional train scores, as scikit-learn's cross_validate. */
import { InputError } from '../errors.js'
import { resolveCv, type Splitter, takeRows, takeValues } from '../internal/modelSelection.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../internal/validation.js'
import type { CvEstimator } from './crossValScore.js'
import { getScorer, type Scorable, type Scorer } from './scorers.js'

/** Options of crossValidate. */
export interface CrossValidateOptions {
  /** Folds (default 5: stratified for classifiers) or a splitter. */
  cv?: number | Splitter
  /** Scorer names or functions by name; default { score: the estimator's score() }. */
  scoring?: string | Scorer | Record<string, string | Scorer>
  /** Also score each fold's training part. Default false. */
  returnTrainScore?: boolean
  /** Keep each fold's fitted estimator. Default false. */
  returnEstimator?: boolean
}

/** Per-fold results: `test_<name>` (and `train_<name>`) score arrays, fit and score seconds. */
export interface CrossValidateResult {
  fitTime: Float64Array
  scoreTime: Float64Array
  testScores: Record<string, Float64Array>
  trainScores?: Record<string, Float64Array>
  estimators?: CvEstimator[]
}

/**
 * Fits a clone per fold and reports several scores and timings.
 * @example
 * const r = crossValidate(new Ridge(), X, y, { scoring: { r2: 'r2', mse: 'neg_mean_squared_error' } })
 * r.testScores.r2 // Float64Array, one per fold
 */
export function crossValidate(
  estimator: CvEstimator,
  X: MatrixLike,
  y: VectorLike,
  options: CrossValidateOptions = {},
): CrossValidateResult {
  const api = 'crossValidate'
  const data = checkXyDense(X, y, api)
  const cv = resolveCv(options.cv, estimator, api)
  const spec = options.scoring
  const named: Record<string, Scorer> = {}
  if (spec === undefined || typeof spec === 'string' || typeof spec === 'function') {
    named[typeof spec === 'string' ? spec : 'score'] = getScorer(spec, api)
  } else {
    for (const [name, s] of Object.entries(spec)) named[name] = getScorer(s, api)
  }
  const names = Object.keys(named)
  const test: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  const train: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  const fitTime: number[] = []
  const scoreTime: number[] = []
  const estimators: CvEstimator[] = []
  for (const fold of cv.split(data.X.rows, data.y)) {
    if (fold.train.length === 0 || fold.test.length === 0) {
      throw new InputError(`${api}: a fold has an empty train or test set`)
    }
    const est = estimator.clone()
    const Xtr = takeRows(data.X, fold.train)
    const ytr = takeValues(data.y, fold.train)
    const t0 = performance.now()
    est.fit(Xtr, ytr)
    const t1 = performance.now()
    const Xte = takeRows(data.X, fold.test)
    const yte = takeValues(data.y, fold.test)
    for (const n of names)
      (test[n] as number[]).push((named[n] as Scorer)(est as unknown as Scorable, Xte, yte))
    scoreTime.push((performance.now() - t1) / 1000)
    fitTime.push((t1 - t0) / 1000)
    if (options.returnTrainScore) {
      for (const n of names)
        (train[n] as number[]).push((named[n] as Scorer)(est as unknown as Scorable, Xtr, ytr))
    }
    if (options.returnEstimator) estimators.push(est)
  }
  const toArrays = (r: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Float64Array.from(v)]))
  return {
    fitTime: Float64Array.from(fitTime),
    scoreTime: Float64Array.from(scoreTime),
    testScores: toArrays(test),
    ...(options.returnTrainScore ? { trainScores: toArrays(train) } : {}),
    ...(options.returnEstimator ? { estimators } : {}),
  }
}
