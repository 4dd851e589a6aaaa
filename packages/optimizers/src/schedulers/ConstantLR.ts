// Scales the learning rate by a constant factor for a number of epochs, as
// torch.optim.lr_scheduler.ConstantLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface ConstantLROptions {
  /** Factor applied until `totalIters`; in (0, 1]. Default 1/3. */
  factor?: number
  /** Epochs the factor applies. Default 5. */
  totalIters?: number
  lastEpoch?: number
}

/**
 * Multiplies the learning rate by `factor` for the first `totalIters` epochs.
 *
 * @example
 * ```ts
 * const schedule = new ConstantLR(opt, { factor: 0.5, totalIters: 4 })
 * ```
 */
export class ConstantLR extends LRScheduler {
  factor: number
  totalIters: number

  constructor(optimizer: SchedulableOptimizer, options: ConstantLROptions = {}) {
    super('ConstantLR', optimizer, options?.lastEpoch)
    this.factor = checkNumber('ConstantLR', 'factor', options.factor ?? 1 / 3, {
      min: 0,
      minExclusive: true,
      max: 1,
    })
    this.totalIters = checkNumber('ConstantLR', 'totalIters', options.totalIters ?? 5, {
      min: 0,
      integer: true,
    })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.factor)
    if (this.lastEpoch !== this.totalIters) return groups.map((g) => g.lr)
    return groups.map((g) => g.lr * (1 / this.factor))
  }

  protected override closedFormLr(): number[] {
    const done = this.lastEpoch >= this.totalIters ? 1 : 0
    return this.baseLrs.map((b) => b * (this.factor + done * (1 - this.factor)))
  }
}
