// Learning rate multiplied each epoch by a user function of the epoch, as
// torch.optim.lr_scheduler.MultiplicativeLR.

import { lambdasFor } from '../internal/lambdasFor.js'
import type { LrLambda } from './LambdaLR.js'
import { LRScheduler, type SchedulableOptimizer } from './LRScheduler.js'

export interface MultiplicativeLROptions {
  /** One function for all groups, or one per group: the factor applied at each epoch > 0. */
  lrLambda: LrLambda | LrLambda[]
  lastEpoch?: number
}

/**
 * Multiplies each group's learning rate by `lrLambda(epoch)` at every epoch after the first.
 *
 * @example
 * ```ts
 * const schedule = new MultiplicativeLR(opt, { lrLambda: () => 0.95 })
 * ```
 */
export class MultiplicativeLR extends LRScheduler {
  lrLambdas: LrLambda[]

  constructor(optimizer: SchedulableOptimizer, options: MultiplicativeLROptions) {
    super('MultiplicativeLR', optimizer, options?.lastEpoch)
    this.lrLambdas = lambdasFor(
      'MultiplicativeLR',
      this.optimizer.paramGroups.length,
      options.lrLambda,
    )
    this.initialStep()
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups
    if (this.lastEpoch > 0) return groups.map((g, i) => g.lr * this.lrLambdas[i](this.lastEpoch))
    return groups.map((g) => g.lr)
  }
}
