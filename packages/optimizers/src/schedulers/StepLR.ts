// Decays the learning rate by gamma every stepSize epochs, as torch.optim.lr_scheduler.StepLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number
  /** Multiplicative decay. Default 0.1. */
  gamma?: number
  /** The index of the last epoch when resuming. Default -1. */
  lastEpoch?: number
}

/**
 * Multiplies each group's learning rate by `gamma` every `stepSize` epochs.
 *
 * @example
 * ```ts
 * const schedule = new StepLR(opt, { stepSize: 30, gamma: 0.1 }) // 0.1 → 0.01 at epoch 30
 * ```
 */
export class StepLR extends LRScheduler {
  stepSize: number
  gamma: number

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    super('StepLR', optimizer, options?.lastEpoch)
    this.stepSize = checkNumber('StepLR', 'stepSize', options.stepSize, { min: 1, integer: true })
    this.gamma = checkNumber('StepLR', 'gamma', options.gamma ?? 0.1, { min: 0 })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr)
    return groups.map((g) => g.lr * this.gamma)
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize))
  }
}
