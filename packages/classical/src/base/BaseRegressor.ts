/** Base for regressors: R² `score`. */
import { r2Score } from '../internal/scoring.js'
import { type MatrixLike, toVector, type VectorLike } from '../internal/validation.js'
import { BaseEstimator } from './BaseEstimator.js'

/** Extend this for a regressor; implement `fit` and `predict`. */
export abstract class BaseRegressor<P extends object, S extends object> extends BaseEstimator<
  P,
  S
> {
  abstract fit(X: MatrixLike, y: VectorLike): this
  abstract predict(X: MatrixLike): Float64Array

  /** Coefficient of determination R² on (X, y). */
  score(X: MatrixLike, y: VectorLike): number {
    const pred = this.predict(X)
    return r2Score(toVector(y, `${this.kind}.score`), pred)
  }
}
