// Reduces the learning rate when a metric stops improving, as
// torch.optim.lr_scheduler.ReduceLROnPlateau.
import { checkNumber } from '../internal/checkNumber.js'
import { checkOptimizer, copyState, restoreState } from '../internal/schedulerState.js'
import type { SchedulableOptimizer, SchedulerStateDict } from './LRScheduler.js'

export interface ReduceLROnPlateauOptions {
  /** 'min' (default): lower is better; 'max': higher is better. */
  mode?: 'min' | 'max'
  /** Factor applied to the rate on a plateau (< 1). Default 0.1. */
  factor?: number
  /** Epochs without improvement tolerated before reducing. Default 10. */
  patience?: number
  /** Smallest change that counts as an improvement. Default 1e-4. */
  threshold?: number
  /** 'rel' (default): relative to the best value; 'abs': absolute. */
  thresholdMode?: 'rel' | 'abs'
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number
  /** Lower bound on the rate, one for all groups or one per group. Default 0. */
  minLr?: number | number[]
  /** Reductions smaller than this are skipped. Default 1e-8. */
  eps?: number
}

/**
 * Multiplies the learning rate by `factor` when the metric passed to `step(metric)` has not
 * improved for `patience` epochs.
 *
 * @example
 * ```ts
 * const schedule = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 3 })
 * for (let epoch = 0; epoch < 50; epoch++) { train(opt); schedule.step(validationLoss()) }
 * ```
 */
export class ReduceLROnPlateau {
  readonly optimizer: SchedulableOptimizer
  mode: 'min' | 'max'
  factor: number
  patience: number
  threshold: number
  thresholdMode: 'rel' | 'abs'
  cooldown: number
  minLrs: number[]
  eps: number
  /** The best metric seen (Infinity / -Infinity before the first step). */
  best: number
  numBadEpochs = 0
  cooldownCounter = 0
  lastEpoch = 0
  private lastLr: number[]

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const api = 'ReduceLROnPlateau'
    this.optimizer = checkOptimizer(api, optimizer)
    const o = options ?? {}
    this.factor = checkNumber(api, 'factor', o.factor ?? 0.1, {
      min: 0,
      max: 1,
      maxExclusive: true,
    })
    const groups = this.optimizer.paramGroups.length
    const minLr = o.minLr ?? 0
    if (Array.isArray(minLr)) {
      if (minLr.length !== groups) {
        throw new RangeError(
          `${api}: expected ${groups} minLr values (one per param group), got ${minLr.length}`,
        )
      }
      this.minLrs = minLr.map((v, i) => checkNumber(api, `minLr[${i}]`, v, { min: 0 }))
    } else {
      this.minLrs = Array.from({ length: groups }, () =>
        checkNumber(api, 'minLr', minLr, { min: 0 }),
      )
    }
    this.patience = checkNumber(api, 'patience', o.patience ?? 10, { min: 0, integer: true })
    this.cooldown = checkNumber(api, 'cooldown', o.cooldown ?? 0, { min: 0, integer: true })
    this.threshold = checkNumber(api, 'threshold', o.threshold ?? 1e-4, { min: 0 })
    this.eps = checkNumber(api, 'eps', o.eps ?? 1e-8, { min: 0 })
    const mode = o.mode ?? 'min'
    if (mode !== 'min' && mode !== 'max') {
      throw new RangeError(`${api}: invalid mode '${String(mode)}' (expected 'min' or 'max')`)
    }
    const thresholdMode = o.thresholdMode ?? 'rel'
    if (thresholdMode !== 'rel' && thresholdMode !== 'abs') {
      throw new RangeError(
        `${api}: invalid thresholdMode '${String(thresholdMode)}' (expected 'rel' or 'abs')`,
      )
    }
    this.mode = mode
    this.thresholdMode = thresholdMode
    this.best = this.worst()
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr)
  }

  private worst(): number {
    return this.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') {
      return this.thresholdMode === 'rel'
        ? a < best * (1 - this.threshold)
        : a < best - this.threshold
    }
    return this.thresholdMode === 'rel'
      ? a > best * (this.threshold + 1)
      : a > best + this.threshold
  }

  /** Whether the scheduler is waiting out its cooldown after a reduction. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0
  }

  /**
   * Records this epoch's metric and reduces the rate if it has plateaued. A NaN metric counts
   * as no improvement.
   */
  step(metric: number): void {
    if (typeof metric !== 'number') {
      throw new TypeError(`ReduceLROnPlateau.step: metric must be a number, got ${typeof metric}`)
    }
    this.lastEpoch += 1
    if (this.isBetter(metric, this.best)) {
      this.best = metric
      this.numBadEpochs = 0
    } else {
      this.numBadEpochs += 1
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1
      this.numBadEpochs = 0
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i])
        if (g.lr - newLr > this.eps) g.lr = newLr
      })
      this.cooldownCounter = this.cooldown
      this.numBadEpochs = 0
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr)
  }

  /** The learning rates after the last step, one per parameter group. */
  getLastLr(): number[] {
    return this.lastLr.slice()
  }

  /** The scheduler's state (best value, counters, options), for checkpoints. */
  stateDict(): SchedulerStateDict {
    return copyState(this)
  }

  /** Restores a state saved by `stateDict()`. */
  loadStateDict(dict: SchedulerStateDict): void {
    restoreState('ReduceLROnPlateau', this, dict)
  }
}
