// The error clipGradNorm throws, on request, when the gradients' norm is NaN or infinite.

/**
 * Thrown by `clipGradNorm(..., { errorIfNonfinite: true })` when the total gradient norm is
 * NaN or infinite; the gradients are left untouched.
 *
 * @example
 * ```ts
 * try { clipGradNorm(params, 1, { errorIfNonfinite: true }) } catch (e) { skipBatch() }
 * ```
 */
export class NonFiniteGradientError extends Error {
  override readonly name = 'NonFiniteGradientError'
}
