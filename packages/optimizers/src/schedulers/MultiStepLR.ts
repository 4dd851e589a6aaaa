// Decays the learning rate by gamma at given epochs, as torch.optim.lr_scheduler.MultiStepLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface MultiStepLROptions {
  /** Epochs at which to decay; a milestone listed twice decays twice. */
  milestones: number[]
  /** Multiplicative decay. Default 0.1. */
  gamma?: number
  lastEpoch?: number
}

/**
 * Multiplies each group's learning rate by `gamma` at every milestone epoch.
 *
 * @example
 * ```ts
 * const schedule = new MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 })
 * ```
 */
export class MultiStepLR extends LRScheduler {
  milestones: number[]
  gamma: number

  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    super('MultiStepLR', optimizer, options?.lastEpoch)
    if (!Array.isArray(options.milestones)) {
      throw new TypeError(
        `MultiStepLR: milestones must be an array of epochs, got ${typeof options.milestones}`,
      )
    }
    options.milestones.forEach((m, i) => {
      checkNumber('MultiStepLR', `milestones[${i}]`, m, { min: 0, integer: true })
    })
    this.milestones = options.milestones.slice().sort((a, b) => a - b)
    this.gamma = checkNumber('MultiStepLR', 'gamma', options.gamma ?? 0.1, { min: 0 })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length
    const groups = this.optimizer.paramGroups
    if (hits === 0) return groups.map((g) => g.lr)
    return groups.map((g) => g.lr * this.gamma ** hits)
  }

  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length
    return this.baseLrs.map((b) => b * this.gamma ** passed)
  }
}
