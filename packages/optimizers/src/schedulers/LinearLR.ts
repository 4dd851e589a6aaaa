// Changes the learning rate linearly between two factors (warm-up or decay), as
// torch.optim.lr_scheduler.LinearLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface LinearLROptions {
  /** Factor at epoch 0; in (0, 1]. Default 1/3. */
  startFactor?: number
  /** Factor from `totalIters` on; in [0, 1]. Default 1. */
  endFactor?: number
  /** Epochs of the linear ramp. Default 5. */
  totalIters?: number
  lastEpoch?: number
}

/**
 * Ramps each group's learning rate linearly from `startFactor * lr` to `endFactor * lr` over
 * `totalIters` epochs: a linear warm-up with the defaults' shape.
 *
 * @example
 * ```ts
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 })
 * ```
 */
export class LinearLR extends LRScheduler {
  startFactor: number
  endFactor: number
  totalIters: number

  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    super('LinearLR', optimizer, options?.lastEpoch)
    this.startFactor = checkNumber('LinearLR', 'startFactor', options.startFactor ?? 1 / 3, {
      min: 0,
      minExclusive: true,
      max: 1,
    })
    this.endFactor = checkNumber('LinearLR', 'endFactor', options.endFactor ?? 1, {
      min: 0,
      max: 1,
    })
    this.totalIters = checkNumber('LinearLR', 'totalIters', options.totalIters ?? 5, {
      min: 1,
      integer: true,
    })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.startFactor)
    if (this.lastEpoch > this.totalIters) return groups.map((g) => g.lr)
    const delta = this.endFactor - this.startFactor
    const f = 1 + delta / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * delta)
    return groups.map((g) => g.lr * f)
  }

  protected override closedFormLr(): number[] {
    const t = Math.min(this.totalIters, this.lastEpoch)
    return this.baseLrs.map(
      (b) => b * (this.startFactor + ((this.endFactor - this.startFactor) * t) / this.totalIters),
    )
  }
}
