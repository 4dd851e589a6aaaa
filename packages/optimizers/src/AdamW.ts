// AdamW: Adam with decoupled weight decay, as torch.optim.AdamW.
import { AdamBase, type AdamOptions } from './Adam.js'
import type { ParamGroupInput } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

const DEFAULTS: AdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 1e-2,
  amsgrad: false,
  maximize: false,
}

/**
 * AdamW, as `torch.optim.AdamW`: each step first shrinks the parameter by `lr * weightDecay`,
 * then applies the Adam update to the raw gradient.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 })
 * ```
 */
export class AdamW extends AdamBase {
  protected readonly decoupled = true

  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<AdamOptions>>,
    options: Partial<AdamOptions> = {},
  ) {
    super('AdamW', params, DEFAULTS, options)
  }
}
