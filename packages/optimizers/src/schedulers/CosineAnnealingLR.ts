// Cosine annealing of the learning rate, as torch.optim.lr_scheduler.CosineAnnealingLR
// (the chainable form, which keeps following the cosine past tMax).
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface CosineAnnealingLROptions {
  /** Half-period of the cosine, in epochs. */
  tMax: number
  /** The lowest learning rate. Default 0. */
  etaMin?: number
  lastEpoch?: number
}

/**
 * Anneals each group's learning rate from its initial value to `etaMin` along a half cosine
 * over `tMax` epochs (and back up after, as PyTorch does).
 *
 * @example
 * ```ts
 * const schedule = new CosineAnnealingLR(opt, { tMax: 100, etaMin: 1e-5 })
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number
  etaMin: number

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, options?.lastEpoch)
    this.tMax = checkNumber('CosineAnnealingLR', 'tMax', options.tMax, {
      min: 0,
      minExclusive: true,
    })
    this.etaMin = checkNumber('CosineAnnealingLR', 'etaMin', options.etaMin ?? 0, { min: 0 })
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    const { tMax, etaMin, lastEpoch: t } = this
    if (t === 0) return groups.map((g) => g.lr)
    if (this.stepCount === 1 && t > 0) {
      return this.baseLrs.map(
        (b) => etaMin + ((b - etaMin) * (1 + Math.cos((t * Math.PI) / tMax))) / 2,
      )
    }
    if ((((t - 1 - tMax) % (2 * tMax)) + 2 * tMax) % (2 * tMax) === 0) {
      return groups.map(
        (g, i) => g.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2,
      )
    }
    const ratio = (1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))
    return groups.map((g) => ratio * (g.lr - etaMin) + etaMin)
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map(
      (b) =>
        this.etaMin +
        ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2,
    )
  }
}
