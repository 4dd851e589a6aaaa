// Decays the learning rate by gamma every epoch, as torch.optim.lr_scheduler.ExponentialLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface ExponentialLROptions {
  /** Multiplicative decay per epoch. */
  gamma: number
  lastEpoch?: number
}

/**
 * Multiplies each group's learning rate by `gamma` every epoch.
 *
 * @example
 * ```ts
 * const schedule = new ExponentialLR(opt, { gamma: 0.95 })
 * ```
 */
export class ExponentialLR extends LRScheduler {
  gamma: number

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer, options?.lastEpoch)
    this.gamma = checkNumber('ExponentialLR', 'gamma', options.gamma, { min: 0 })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch === 0) return groups.map((g) => g.lr)
    return groups.map((g) => g.lr * this.gamma)
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch)
  }
}
