// Cosine annealing with warm restarts (SGDR), as
// torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.
import { checkNumber } from '../internal/checkNumber.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs until the first restart (a positive integer). */
  t0: number
  /** Factor by which the period grows after each restart (an integer >= 1). Default 1. */
  tMult?: number
  /** The lowest learning rate. Default 0. */
  etaMin?: number
  lastEpoch?: number
}

/**
 * Anneals each group's learning rate along a half cosine to `etaMin`, then restarts from the
 * initial rate; periods are `t0`, `t0 * tMult`, `t0 * tMult²`, ... Accepts fractional epochs
 * in `step(epoch)` for per-batch updates.
 *
 * @example
 * ```ts
 * const schedule = new CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 })
 * ```
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  t0: number
  tI: number
  tMult: number
  etaMin: number
  tCur: number

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    super('CosineAnnealingWarmRestarts', optimizer, options?.lastEpoch)
    const api = 'CosineAnnealingWarmRestarts'
    this.t0 = checkNumber(api, 't0', options.t0, { min: 1, integer: true })
    this.tI = this.t0
    this.tMult = checkNumber(api, 'tMult', options.tMult ?? 1, { min: 1, integer: true })
    this.etaMin = checkNumber(api, 'etaMin', options.etaMin ?? 0, { min: 0 })
    this.tCur = this.lastEpoch
    this.initialStep()
  }

  protected computeLr(): number[] {
    const f = (1 + Math.cos((Math.PI * this.tCur) / this.tI)) / 2
    return this.baseLrs.map((b) => this.etaMin + (b - this.etaMin) * f)
  }

  override step(epoch?: number): void {
    let e = epoch
    if (e === undefined && this.lastEpoch < 0) e = 0
    if (e === undefined) {
      e = this.lastEpoch + 1
      this.tCur = this.tCur + 1
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur - this.tI
        this.tI = this.tI * this.tMult
      }
    } else {
      if (!(e >= 0) || !Number.isFinite(e)) {
        throw new RangeError(
          `CosineAnnealingWarmRestarts.step: invalid epoch ${e} (expected a finite number >= 0)`,
        )
      }
      if (e >= this.t0) {
        if (this.tMult === 1) {
          this.tCur = e % this.t0
        } else {
          const n = Math.floor(
            Math.log((e / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult),
          )
          this.tCur = e - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1)
          this.tI = this.t0 * this.tMult ** n
        }
      } else {
        this.tI = this.t0
        this.tCur = e
      }
    }
    this.lastEpoch = Math.floor(e)
    this.stepCount++
    const values = this.computeLr()
    const groups = this.optimizer.paramGroups
    for (let i = 0; i < groups.length; i++) groups[i].lr = values[i]
    this.lastLr = groups.map((g) => g.lr)
  }
}
