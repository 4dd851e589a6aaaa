// Learning rate = initial rate × a user function of the epoch, as
// torch.optim.lr_scheduler.LambdaLR.
import { lambdasFor } from '../internal/lambdasFor.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

/** A learning-rate factor as a function of the epoch. */
export type LrLambda = (epoch: number) => number

export interface LambdaLROptions {
  /** One function for all groups, or one per group. */
  lrLambda: LrLambda | LrLambda[]
  lastEpoch?: number
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
