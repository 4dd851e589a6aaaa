// The base of epoch/step learning-rate schedulers, in PyTorch's shape: a scheduler edits the
// `lr` of its optimizer's parameter groups each time `step()` is called. Values follow
// PyTorch's chainable (recursive) formulas so sequences match torch.optim.lr_scheduler exactly;
// `step(epoch)` uses the closed form where PyTorch has one.
import { checkOptimizer, copyState, restoreState } from '../internal/schedulerState.js'
import { SchedulerError } from '../SchedulerError.js'

/** The parts of a parameter group schedulers read and write. */
export interface SchedulableGroup {
  lr: number
  initialLr?: number
  maxLr?: number
  minLr?: number
  maxMomentum?: number
  baseMomentum?: number
  momentum?: number
  betas?: [number, number]
}

/** What a scheduler needs of an optimizer: its groups and its defaults (for momentum checks). */
export interface SchedulableOptimizer {
  readonly paramGroups: SchedulableGroup[]
  readonly defaults: object
}

/** A scheduler's saved state: plain numbers and arrays (and nested schedulers' states). */
export type SchedulerStateDict = Record<string, unknown>

/**
 * Base class of the learning-rate schedulers. Call `step()` once per epoch (or per batch for
 * per-step schedules such as OneCycleLR), after `optimizer.step()`.
 *
 * @example
 * ```ts
 * const opt = new SGD(params, { lr: 0.1 })
 * const schedule = new StepLR(opt, { stepSize: 30, gamma: 0.1 })
 * for (let epoch = 0; epoch < 90; epoch++) { train(opt); schedule.step() }
 * ```
 */
export abstract class LRScheduler {
  readonly optimizer: SchedulableOptimizer
  /** The learning rates the schedule is relative to (each group's `initialLr`). */
  baseLrs: number[]
  /** Index of the last step taken (-1 before the constructor's initial step). */
  lastEpoch: number
  protected stepCount = 0
  protected lastLr: number[] = []
  protected readonly api: string

  /**
   * Subclasses set their own fields after `super()` and then call `initialStep()`, as
   * PyTorch's constructors do before `super().__init__`.
   */
  protected constructor(api: string, optimizer: SchedulableOptimizer, lastEpoch = -1) {
    this.api = api
    this.optimizer = checkOptimizer(api, optimizer)
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new RangeError(`${api}: invalid lastEpoch ${lastEpoch} (expected an integer >= -1)`)
    }
    const groups = this.optimizer.paramGroups
    if (lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) {
          throw new SchedulerError(
            `${api}: param group ${i} has no initialLr; resuming (lastEpoch ${lastEpoch}) needs the optimizer's state dict loaded first`,
          )
        }
      })
    }
    this.baseLrs = groups.map((g) => g.initialLr as number)
    this.lastEpoch = lastEpoch
  }

  /** The learning rates for `lastEpoch`, from the current ones (PyTorch's get_lr). */
  protected abstract computeLr(): number[]

  /** The learning rates for `lastEpoch` from the base rates alone, where a closed form exists. */
  protected closedFormLr(): number[] | null {
    return null
  }

  /** @internal Resets the step counter and takes the first step (PyTorch's _initial_step). */
  initialStep(): void {
    this.stepCount = 0
    this.step()
  }

  /**
   * Advances the schedule by one step and writes the new rates into the optimizer. Passing
   * `epoch` jumps to that epoch using the closed form where there is one.
   */
  step(epoch?: number): void {
    this.stepCount++
    let values: number[]
    if (epoch === undefined) {
      this.lastEpoch++
      values = this.computeLr()
    } else {
      if (!Number.isFinite(epoch)) throw new RangeError(`${this.api}.step: invalid epoch ${epoch}`)
      this.lastEpoch = epoch
      values = this.closedFormLr() ?? this.computeLr()
    }
    const groups = this.optimizer.paramGroups
    for (let i = 0; i < groups.length; i++) groups[i].lr = values[i]
    this.lastLr = groups.map((g) => g.lr)
  }

  /** The learning rates set by the last step, one per parameter group. */
  getLastLr(): number[] {
    return this.lastLr.slice()
  }

  /** The scheduler's state (not the optimizer's), for checkpoints. */
  stateDict(): SchedulerStateDict {
    return copyState(this)
  }

  /** Restores a state saved by `stateDict()` of the same kind of scheduler. */
  loadStateDict(dict: SchedulerStateDict): void {
    restoreState(this.api, this, dict)
  }
}
