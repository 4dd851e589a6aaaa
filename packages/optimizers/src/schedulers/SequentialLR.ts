// Hands over from one scheduler to the next at given milestones (warm-up then decay), as
// torch.optim.lr_scheduler.SequentialLR.
import { checkNumber } from '../internal/checkNumber.js'
import { compositeStateDict, loadCompositeState } from '../internal/schedulerState.js'
import { SchedulerError } from '../SchedulerError.js'
import type { LRScheduler, SchedulableOptimizer, SchedulerStateDict } from './LRScheduler.js'

export interface SequentialLROptions {
  /** The schedulers, in the order they take over. */
  schedulers: LRScheduler[]
  /** The epochs at which the next scheduler takes over (one fewer than schedulers). */
  milestones: number[]
  lastEpoch?: number
}

function bisectRight(sorted: number[], x: number): number {
  let i = 0
  while (i < sorted.length && sorted[i] <= x) i++
  return i
}

/**
 * Runs `schedulers[0]` until `milestones[0]`, then `schedulers[1]` (restarted from epoch 0),
 * and so on.
 *
 * @example
 * ```ts
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 })
 * const decay = new CosineAnnealingLR(opt, { tMax: 95 })
 * const schedule = new SequentialLR(opt, { schedulers: [warmup, decay], milestones: [5] })
 * ```
 */
export class SequentialLR {
  readonly optimizer: SchedulableOptimizer
  readonly schedulers: LRScheduler[]
  milestones: number[]
  lastEpoch: number
  private lastLr: number[]

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const api = 'SequentialLR'
    const { schedulers, milestones } = options ?? ({} as SequentialLROptions)
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new SchedulerError(`${api}: expected a non-empty array of schedulers`)
    }
    schedulers.forEach((s, i) => {
      if (s?.optimizer !== optimizer) {
        throw new SchedulerError(
          `${api}: scheduler ${i} drives a different optimizer than the one given`,
        )
      }
    })
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new SchedulerError(
        `${api}: expected ${schedulers.length - 1} milestones for ${schedulers.length} schedulers, got ${Array.isArray(milestones) ? milestones.length : typeof milestones}`,
      )
    }
    milestones.forEach((m, i) => {
      checkNumber(api, `milestones[${i}]`, m, { min: 0, integer: true })
      if (i > 0 && m < milestones[i - 1]) {
        throw new RangeError(`${api}: milestones must be sorted, got ${milestones.join(', ')}`)
      }
    })
    this.optimizer = optimizer
    this.schedulers = schedulers.slice()
    this.milestones = milestones.slice()
    this.lastEpoch = (options.lastEpoch ?? -1) + 1
    // Each scheduler's constructor already stepped once; rewind them all and restart the
    // first from the groups' initial rates, exactly as PyTorch does.
    for (const g of optimizer.paramGroups) g.lr = g.initialLr as number
    for (const s of this.schedulers) s.lastEpoch -= 1
    this.schedulers[0].initialStep()
    this.lastLr = this.schedulers[0].getLastLr()
  }

  /** Advances one epoch, switching scheduler at the milestones. */
  step(): void {
    this.lastEpoch += 1
    const idx = bisectRight(this.milestones, this.lastEpoch)
    const s = this.schedulers[idx]
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0)
    else s.step()
    this.lastLr = s.getLastLr()
  }

  getLastLr(): number[] {
    return this.lastLr.slice()
  }

  stateDict(): SchedulerStateDict {
    return compositeStateDict(this, new Set(['optimizer', 'schedulers']), this.schedulers)
  }

  loadStateDict(dict: SchedulerStateDict): void {
    loadCompositeState('SequentialLR', this, this.schedulers, dict)
  }
}
