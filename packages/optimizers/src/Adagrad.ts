// Adagrad (with learning-rate decay and weight decay), as torch.optim.Adagrad.

import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { type AdagradHyper, adagradUpdate } from './internal/kernels/adagradUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface AdagradOptions {
  /** Learning rate. Default 1e-2. */
  lr: number
  /** The learning rate at step t is lr / (1 + (t - 1) * lrDecay). Default 0. */
  lrDecay: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Starting value of the squared-gradient sum. Default 0. */
  initialAccumulatorValue: number
  /** Added to the denominator for numerical stability. Default 1e-10. */
  eps: number
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type AdagradState = { step: number; sum: FloatArray }

const DEFAULTS: AdagradOptions = {
  lr: 1e-2,
  lrDecay: 0,
  weightDecay: 0,
  initialAccumulatorValue: 0,
  eps: 1e-10,
  maximize: false,
}

/**
 * Adagrad, as `torch.optim.Adagrad`.
 *
 * @example
 * ```ts
 * const opt = new Adagrad(params, { lr: 0.1, lrDecay: 1e-3 })
 * ```
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState, AdagradHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<AdagradOptions>>,
    options: Partial<AdagradOptions> = {},
  ) {
    super('Adagrad', params, DEFAULTS, options)
  }

  protected validateOptions(o: AdagradOptions, where: string): void {
    const api = `Adagrad (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkNumber(api, 'lrDecay', o.lrDecay, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkNumber(api, 'initialAccumulatorValue', o.initialAccumulatorValue, { min: 0 })
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(): StateSchema {
    return { arrays: ['sum'], scalars: ['step'] }
  }

  // PyTorch creates Adagrad's state eagerly in the constructor with the group's initial
  // accumulator value; creating it on the first step with that same value is equivalent.
  protected initState(p: Parameter, g: ParamGroup<AdagradOptions>): AdagradState {
    const sum = zerosLike(p)
    if (g.initialAccumulatorValue !== 0) sum.fill(g.initialAccumulatorValue)
    return { step: 0, sum }
  }

  protected hyper(g: ParamGroup<AdagradOptions>): AdagradHyper {
    return {
      lr: g.lr,
      lrDecay: g.lrDecay,
      weightDecay: g.weightDecay,
      eps: g.eps,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: AdagradState, hp: AdagradHyper): void {
    s.step++
    adagradUpdate(data, grad, s.sum, s.step, hp)
  }
}
