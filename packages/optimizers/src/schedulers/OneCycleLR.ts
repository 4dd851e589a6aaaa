// The one-cycle policy (learning rate up then down, momentum the other way), as
// torch.optim.lr_scheduler.OneCycleLR. Step it after every batch.
import { checkBoolean, checkNumber } from '../internal/checkNumber.js'
import { SchedulerError } from '../SchedulerError.js'
import { LRScheduler, type SchedulableGroup, type SchedulableOptimizer } from './LRScheduler.js'

export interface OneCycleLROptions {
  /** Peak learning rate, one for all groups or one per group. */
  maxLr: number | number[]
  /** Total number of steps; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number
  epochs?: number
  stepsPerEpoch?: number
  /** Fraction of the cycle spent increasing the rate. Default 0.3. */
  pctStart?: number
  /** 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear'
  /** Cycle momentum (SGD's momentum or Adam's beta1) inversely to the rate. Default true. */
  cycleMomentum?: boolean
  baseMomentum?: number | number[]
  maxMomentum?: number | number[]
  /** initialLr = maxLr / divFactor. Default 25. */
  divFactor?: number
  /** minLr = initialLr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number
  /** Use a third phase annihilating the rate (fast.ai's shape). Default false. */
  threePhase?: boolean
  lastEpoch?: number
}

interface Phase {
  endStep: number
  startLr: 'initialLr' | 'maxLr' | 'minLr'
  endLr: 'initialLr' | 'maxLr' | 'minLr'
  startMomentum: 'maxMomentum' | 'baseMomentum'
  endMomentum: 'maxMomentum' | 'baseMomentum'
}

function perGroup(api: string, name: string, v: number | number[], groups: number): number[] {
  const list = Array.isArray(v) ? v : Array.from({ length: groups }, () => v)
  if (list.length !== groups) {
    throw new RangeError(
      `${api}: expected ${groups} values for ${name} (one per param group), got ${list.length}`,
    )
  }
  list.forEach((x, i) => {
    checkNumber(api, `${name}[${i}]`, x, { min: 0 })
  })
  return list
}

/**
 * The 1cycle policy: the learning rate rises from `maxLr / divFactor` to `maxLr`, then falls
 * to `maxLr / divFactor / finalDivFactor`, while momentum does the opposite.
 *
 * @example
 * ```ts
 * const schedule = new OneCycleLR(opt, { maxLr: 0.01, epochs: 10, stepsPerEpoch: 1875 })
 * // after every batch: opt.step(); schedule.step()
 * ```
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number
  annealStrategy: 'cos' | 'linear'
  cycleMomentum: boolean
  useBeta1: boolean
  private readonly phases: Phase[]

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    const api = 'OneCycleLR'
    const groups = (optimizer as SchedulableOptimizer | null)?.paramGroups
    const lastEpoch = options?.lastEpoch ?? -1
    // OneCycleLR writes initialLr before the base class reads it, as PyTorch does.
    const o = options
    let totalSteps: number
    if (o.totalSteps !== undefined) {
      totalSteps = checkNumber(api, 'totalSteps', o.totalSteps, { min: 1, integer: true })
    } else if (o.epochs !== undefined || o.stepsPerEpoch !== undefined) {
      totalSteps =
        checkNumber(api, 'epochs', o.epochs, { min: 1, integer: true }) *
        checkNumber(api, 'stepsPerEpoch', o.stepsPerEpoch, { min: 1, integer: true })
    } else {
      throw new RangeError(`${api}: give totalSteps, or epochs and stepsPerEpoch`)
    }
    const pct = checkNumber(api, 'pctStart', o.pctStart ?? 0.3, { min: 0, max: 1 })
    const strategy = o.annealStrategy ?? 'cos'
    if (strategy !== 'cos' && strategy !== 'linear') {
      throw new RangeError(
        `${api}: invalid annealStrategy '${String(strategy)}' (expected 'cos' or 'linear')`,
      )
    }
    const cycleMomentum = checkBoolean(api, 'cycleMomentum', o.cycleMomentum ?? true)
    const divFactor = checkNumber(api, 'divFactor', o.divFactor ?? 25, {
      min: 0,
      minExclusive: true,
    })
    const finalDiv = checkNumber(api, 'finalDivFactor', o.finalDivFactor ?? 1e4, {
      min: 0,
      minExclusive: true,
    })
    const threePhase = checkBoolean(api, 'threePhase', o.threePhase ?? false)
    if (Array.isArray(groups) && lastEpoch === -1) {
      const maxLrs = perGroup(api, 'maxLr', o.maxLr, groups.length)
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / divFactor
        g.maxLr = maxLrs[i]
        g.minLr = g.initialLr / finalDiv
      })
    }
    let useBeta1 = false
    if (cycleMomentum && Array.isArray(groups)) {
      const defaults = (optimizer as SchedulableOptimizer).defaults ?? {}
      if (!('momentum' in defaults) && !('betas' in defaults)) {
        throw new SchedulerError(
          `${api}: cycleMomentum needs an optimizer with momentum or betas; pass cycleMomentum: false`,
        )
      }
      useBeta1 = 'betas' in defaults
      const maxM = perGroup(api, 'maxMomentum', o.maxMomentum ?? 0.95, groups.length)
      const baseM = perGroup(api, 'baseMomentum', o.baseMomentum ?? 0.85, groups.length)
      if (lastEpoch === -1) {
        groups.forEach((g: SchedulableGroup, i) => {
          if (useBeta1) g.betas = [maxM[i], (g.betas as [number, number])[1]]
          else g.momentum = maxM[i]
          g.maxMomentum = maxM[i]
          g.baseMomentum = baseM[i]
        })
      }
    }
    super(api, optimizer, lastEpoch)
    this.totalSteps = totalSteps
    this.annealStrategy = strategy
    this.cycleMomentum = cycleMomentum
    this.useBeta1 = useBeta1
    this.phases = threePhase
      ? [
          {
            endStep: pct * totalSteps - 1,
            startLr: 'initialLr',
            endLr: 'maxLr',
            startMomentum: 'maxMomentum',
            endMomentum: 'baseMomentum',
          },
          {
            endStep: 2 * pct * totalSteps - 2,
            startLr: 'maxLr',
            endLr: 'initialLr',
            startMomentum: 'baseMomentum',
            endMomentum: 'maxMomentum',
          },
          {
            endStep: totalSteps - 1,
            startLr: 'initialLr',
            endLr: 'minLr',
            startMomentum: 'maxMomentum',
            endMomentum: 'maxMomentum',
          },
        ]
      : [
          {
            endStep: pct * totalSteps - 1,
            startLr: 'initialLr',
            endLr: 'maxLr',
            startMomentum: 'maxMomentum',
            endMomentum: 'baseMomentum',
          },
          {
            endStep: totalSteps - 1,
            startLr: 'maxLr',
            endLr: 'minLr',
            startMomentum: 'baseMomentum',
            endMomentum: 'maxMomentum',
          },
        ]
    this.initialStep()
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'linear') return (end - start) * pct + start
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1)
  }

  protected computeLr(): number[] {
    const stepNum = this.lastEpoch
    if (stepNum > this.totalSteps) {
      throw new SchedulerError(
        `OneCycleLR.step: tried to step ${stepNum + 1} times; totalSteps is ${this.totalSteps}`,
      )
    }
    const lrs: number[] = []
    for (const group of this.optimizer.paramGroups) {
      let start = 0
      let lr = Number.NaN
      let momentum = Number.NaN
      for (let i = 0; i < this.phases.length; i++) {
        const ph = this.phases[i]
        if (stepNum <= ph.endStep || i === this.phases.length - 1) {
          const pct = (stepNum - start) / (ph.endStep - start)
          lr = this.anneal(group[ph.startLr] as number, group[ph.endLr] as number, pct)
          if (this.cycleMomentum) {
            momentum = this.anneal(
              group[ph.startMomentum] as number,
              group[ph.endMomentum] as number,
              pct,
            )
          }
          break
        }
        start = ph.endStep
      }
      lrs.push(lr)
      if (this.cycleMomentum) {
        if (this.useBeta1) group.betas = [momentum, (group.betas as [number, number])[1]]
        else group.momentum = momentum
      }
    }
    return lrs
  }
}
