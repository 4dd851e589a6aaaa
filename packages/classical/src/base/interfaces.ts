/** Structural interfaces for the estimator roles (what Pipeline, search and checkEstimator rely on). */
import type { Matrix } from 'ml-matrix'
import type { MatrixLike, VectorLike } from '../internal/validation.js'
import type { SerializedEstimator } from '../serialization/SerializedEstimator.js'

/** What every estimator has. */
export interface Estimator {
  readonly kind: string
  readonly isFitted: boolean
  getParams(): object
  // biome-ignore lint/suspicious/noExplicitAny: option types differ per estimator
  setParams(p: any): this
  clone(): this
  toJSON(): SerializedEstimator
}

/** A supervised estimator: `fit(X, y)`, `predict`, `score`. */
export interface Predictor extends Estimator {
  fit(X: MatrixLike, y: VectorLike): this
  predict(X: MatrixLike): Float64Array
  score(X: MatrixLike, y: VectorLike): number
}

/** Classifier: numeric labels, `classes` sorted; `score` is accuracy. */
export interface Classifier extends Predictor {
  readonly classes: Float64Array
  predictProba?(X: MatrixLike): Matrix
  decisionFunction?(X: MatrixLike): Matrix | Float64Array
}

/** Regressor: `score` is R². */
export type Regressor = Predictor

/** Transformer: `fit(X, y?)`, `transform`, `fitTransform`. */
export interface Transformer extends Estimator {
  fit(X: MatrixLike, y?: VectorLike): this
  transform(X: MatrixLike): Matrix
  fitTransform(X: MatrixLike, y?: VectorLike): Matrix
}

/** Clusterer: `fit(X)`, `predict(X)` gives cluster indices. */
export interface Clusterer extends Estimator {
  fit(X: MatrixLike, y?: VectorLike): this
  predict(X: MatrixLike): Float64Array
}
