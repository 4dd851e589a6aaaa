// The error thrown when a learning-rate scheduler is misused.

/**
 * Thrown when a scheduler is used in a way it cannot honour: stepping `OneCycleLR` past its
 * total steps, cycling momentum on an optimizer without momentum, chaining schedulers of
 * different optimizers, or resuming without `initialLr` in the parameter groups.
 *
 * @example
 * ```ts
 * try { schedule.step() } catch (e) { if (e instanceof SchedulerError) console.error(e.message) }
 * ```
 */
export class SchedulerError extends Error {
  override readonly name = 'SchedulerError'
}
