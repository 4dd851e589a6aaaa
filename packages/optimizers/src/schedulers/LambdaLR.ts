// Learning rate = initial rate × a user function of the epoch, as
// torch.optim.lr_scheduler.LambdaLR.
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export type LrLambda = (epoch: number) => number

export interface LambdaLROptions {
  /** One function for all groups, or one per group. */
  lrLambda: LrLambda | LrLambda[]
  lastEpoch?: number
}

/** Checks and expands lrLambda to one function per group. */
export function lambdasFor(api: string, groups: number, f: LrLambda | LrLambda[]): LrLambda[] {
  const list = Array.isArray(f) ? f : Array.from({ length: groups }, () => f)
  if (list.length !== groups) {
    throw new RangeError(
      `${api}: expected ${groups} lrLambda functions (one per param group), got ${list.length}`,
    )
  }
  list.forEach((fn, i) => {
    if (typeof fn !== 'function')
      throw new TypeError(`${api}: lrLambda[${i}] must be a function, got ${typeof fn}`)
  })
  return list
}

/**
 * Sets each group's learning rate to its initial rate times `lrLambda(epoch)`.
 *
 * @example
 * ```ts
 * const schedule = new LambdaLR(opt, { lrLambda: (epoch) => 0.95 ** epoch })
 * ```
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[]

  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    super('LambdaLR', optimizer, options?.lastEpoch)
    this.lrLambdas = lambdasFor('LambdaLR', this.optimizer.paramGroups.length, options.lrLambda)
    this.initialStep()
  }

  protected computeLr(): number[] {
    return this.baseLrs.map((b, i) => b * this.lrLambdas[i](this.lastEpoch))
  }
}
