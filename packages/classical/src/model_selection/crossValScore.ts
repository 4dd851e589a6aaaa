/** Cross-validated scores of an estimator, as scikit-learn's cross_val_score. */
import { InputError } from '../errors.js'
import { resolveCv, type Splitter, takeRows, takeValues } from '../internal/modelSelection.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../internal/validation.js'
import { getScorer, type Scorable, type Scorer } from './scorers.js'

/** Any estimator crossValScore can clone, fit and score. */
export interface CvEstimator {
  clone(): CvEstimator
  fit(X: MatrixLike, y: VectorLike): unknown
  predict(X: MatrixLike): Float64Array
}

/** Options of crossValScore. */
export interface CrossValScoreOptions {
  /** Folds (default 5: StratifiedKFold for classifiers, KFold otherwise) or a splitter such as `new KFold({ shuffle: true, seed: 0 })`. */
  cv?: number | Splitter
  /** Scorer name ('accuracy', 'r2', 'neg_mean_squared_error', 'f1_macro', ...) or function; default the estimator's score(). */
  scoring?: string | Scorer
}

/**
 * Fits a clone of `estimator` on each training fold and scores it on the held-out fold.
 * @example
 * const scores = crossValScore(new LogisticRegression(), X, y, { cv: 5 })
 */
export function crossValScore(
  estimator: CvEstimator,
  X: MatrixLike,
  y: VectorLike,
  options: CrossValScoreOptions = {},
): Float64Array {
  const api = 'crossValScore'
  const data = checkXyDense(X, y, api)
  const cv = resolveCv(options.cv, estimator, api)
  const scorer = getScorer(options.scoring, api)
  const scores: number[] = []
  for (const { train, test } of cv.split(data.X.rows, data.y)) {
    if (train.length === 0 || test.length === 0) {
      throw new InputError(`${api}: a fold has an empty train or test set`)
    }
    const est = estimator.clone()
    est.fit(takeRows(data.X, train), takeValues(data.y, train))
    scores.push(
      scorer(est as unknown as Scorable, takeRows(data.X, test), takeValues(data.y, test)),
    )
  }
  return Float64Array.from(scores)
}
