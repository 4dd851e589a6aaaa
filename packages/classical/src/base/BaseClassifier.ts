/** Base for classifiers: `classes` getter from the fitted state and accuracy `score`. */
import { accuracyScore } from '../internal/scoring.js'
import { type MatrixLike, toVector, type VectorLike } from '../internal/validation.js'
import { BaseEstimator } from './BaseEstimator.js'

/** The fitted state of a classifier must carry the sorted class labels. */
export interface ClassifierState {
  classes: Float64Array
}

/** Extend this for a classifier; implement `fit` and `predict`. */
export abstract class BaseClassifier<
  P extends object,
  S extends ClassifierState,
> extends BaseEstimator<P, S> {
  abstract fit(X: MatrixLike, y: VectorLike): this
  abstract predict(X: MatrixLike): Float64Array

  /** Sorted class labels seen in fit. */
  get classes(): Float64Array {
    return this.fittedState('classes').classes.slice()
  }

  /** Mean accuracy on (X, y). */
  score(X: MatrixLike, y: VectorLike): number {
    const pred = this.predict(X)
    return accuracyScore(toVector(y, `${this.kind}.score`), pred)
  }
}
