/** Base for transformers: `fitTransform` = fit then transform. */
import type { Matrix } from 'ml-matrix'
import type { MatrixLike, VectorLike } from '../internal/validation.js'
import { BaseEstimator } from './BaseEstimator.js'

/** Extend this for a transformer; implement `fit` and `transform`. */
export abstract class BaseTransformer<P extends object, S extends object> extends BaseEstimator<
  P,
  S
> {
  abstract fit(X: MatrixLike, y?: VectorLike): this
  abstract transform(X: MatrixLike): Matrix

  /** Fits on X and returns X transformed. */
  fitTransform(X: MatrixLike, y?: VectorLike): Matrix {
    return this.fit(X, y).transform(X)
  }
}
