// The error thrown when an optimizer or scheduler state dict does not fit its target.

/**
 * Thrown by `loadStateDict` when the state dict was made by another optimizer type, has a
 * different number of parameter groups or parameters, or holds state of the wrong size. The
 * optimizer is left unchanged.
 *
 * @example
 * ```ts
 * try { adam.loadStateDict(sgd.stateDict()) } catch (e) { console.error((e as Error).message) }
 * ```
 */
export class OptimizerStateError extends Error {
  override readonly name = 'OptimizerStateError'
}
