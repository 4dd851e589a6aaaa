/**
 * Typed errors of @mlstack/core. Every error names the op or API that raised it, what it was
 * given and what it expected, so a failure deep inside a model points at the call that caused it.
 */

/** Base class of every error thrown by mlstack packages. `op` names the op or API. */
export class MlstackError extends Error {
  override name = 'MlstackError'
  readonly op: string
  constructor(op: string, message: string) {
    super(`${op}: ${message}`)
    this.op = op
  }
}

/** Shapes that do not fit the op: wrong rank, mismatched broadcast, bad axis, bad size. */
export class ShapeError extends MlstackError {
  override name = 'ShapeError'
}

/** A dtype the op does not accept (e.g. a float tensor as gather indices). */
export class DTypeError extends MlstackError {
  override name = 'DTypeError'
}

/** An index outside the valid range (gather, scatterAdd, oneHot, item). */
export class IndexError extends MlstackError {
  override name = 'IndexError'
}

/** A tensor used after `dispose()` (directly or by a `tidy` scope that ended). */
export class DisposedError extends MlstackError {
  override name = 'DisposedError'
}

/** No kernel is registered for an op on the active backend (nor on its fallback). */
export class KernelNotFoundError extends MlstackError {
  override name = 'KernelNotFoundError'
  readonly backend: string
  constructor(op: string, backend: string, message?: string) {
    super(op, message ?? `no kernel registered for op '${op}' on backend '${backend}'`)
    this.backend = backend
  }
}

/** Backend registry and storage problems: unknown backend, duplicate registration, bad move. */
export class BackendError extends MlstackError {
  override name = 'BackendError'
}

/** A model or tensor file that is corrupt, truncated or of an unsupported format/version. */
export class ModelFormatError extends MlstackError {
  override name = 'ModelFormatError'
}

/** Autograd misuse: backward on a non-scalar without a gradient, a freed graph, ... */
export class GradientError extends MlstackError {
  override name = 'GradientError'
}
