// Runs several schedulers together every step (their effects multiply), as
// torch.optim.lr_scheduler.ChainedScheduler.

import { compositeStateDict, loadCompositeState } from '../internal/schedulerState.js'
import { SchedulerError } from '../SchedulerError.js'
import type { LRScheduler, SchedulerStateDict } from './LRScheduler.js'

/**
 * Steps every scheduler in order on each `step()`; all must drive the same optimizer.
 *
 * @example
 * ```ts
 * const schedule = new ChainedScheduler([
 *   new ConstantLR(opt, { factor: 0.1, totalIters: 2 }),
 *   new ExponentialLR(opt, { gamma: 0.9 }),
 * ])
 * ```
 */
export class ChainedScheduler {
  readonly schedulers: LRScheduler[]
  private lastLr: number[]

  constructor(schedulers: LRScheduler[]) {
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new SchedulerError('ChainedScheduler: expected a non-empty array of schedulers')
    }
    schedulers.forEach((s, i) => {
      if (s?.optimizer !== schedulers[0].optimizer) {
        throw new SchedulerError(
          `ChainedScheduler: scheduler ${i} drives a different optimizer than scheduler 0`,
        )
      }
    })
    this.schedulers = schedulers.slice()
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr)
  }

  get optimizer() {
    return this.schedulers[0].optimizer
  }

  /** Steps every scheduler once. */
  step(): void {
    for (const s of this.schedulers) s.step()
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr)
  }

  getLastLr(): number[] {
    return this.lastLr.slice()
  }

  stateDict(): SchedulerStateDict {
    return compositeStateDict(this, new Set(['schedulers']), this.schedulers)
  }

  loadStateDict(dict: SchedulerStateDict): void {
    loadCompositeState('ChainedScheduler', this, this.schedulers, dict)
  }
}
