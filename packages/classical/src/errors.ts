/**
 * Typed errors shared by every estimator in @mlstack/classical. Each one names the API that
 * raised it, what it was given and what it expected, so callers can branch on `error.name`.
 */

/** Thrown when `predict`, `transform`, ... is called before `fit`. */
export class NotFittedError extends Error {
  override readonly name = 'NotFittedError'
  constructor(estimator: string, method: string) {
    super(
      `${estimator}.${method}: this ${estimator} instance is not fitted yet; call fit(X, y) before ${method}()`,
    )
  }
}

/** Bad X / y: NaN or Inf, wrong feature count, empty, ragged rows, a single class, ... */
export class InputError extends Error {
  override readonly name = 'InputError'
}

/** A hyperparameter outside its allowed range or of the wrong type (checked in `fit`). */
export class ParameterError extends Error {
  override readonly name = 'ParameterError'
}

/** `fromJSON` / `loadEstimator` was given JSON of the wrong format, version or kind. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError'
}
