// Decays the learning rate polynomially to zero, as torch.optim.lr_scheduler.PolynomialLR.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface PolynomialLROptions {
  /** Epochs until the rate reaches zero. Default 5. */
  totalIters?: number
  /** Power of the polynomial. Default 1 (linear). */
  power?: number
  lastEpoch?: number
}

/**
 * Decays each group's learning rate as `lr * (1 - t / totalIters) ** power`.
 *
 * @example
 * ```ts
 * const schedule = new PolynomialLR(opt, { totalIters: 100, power: 2 })
 * ```
 */
export class PolynomialLR extends LRScheduler {
  totalIters: number
  power: number

  constructor(optimizer: SchedulableOptimizer, options: PolynomialLROptions = {}) {
    super('PolynomialLR', optimizer, options?.lastEpoch)
    this.totalIters = checkNumber('PolynomialLR', 'totalIters', options.totalIters ?? 5, {
      min: 1,
      integer: true,
    })
    this.power = checkNumber('PolynomialLR', 'power', options.power ?? 1, { min: 0 })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return groups.map((g) => g.lr)
    const f =
      ((1 - this.lastEpoch / this.totalIters) / (1 - (this.lastEpoch - 1) / this.totalIters)) **
      this.power
    return groups.map((g) => g.lr * f)
  }

  protected override closedFormLr(): number[] {
    const t = Math.min(this.totalIters, this.lastEpoch)
    return this.baseLrs.map((b) => b * (1 - t / this.totalIters) ** this.power)
  }
}
