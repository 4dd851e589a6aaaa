// Adadelta (with weight decay), as torch.optim.Adadelta.

import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { type AdadeltaHyper, adadeltaUpdate } from './internal/kernels/adadeltaUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface AdadeltaOptions {
  /** Scale applied to the delta. Default 1.0. */
  lr: number
  /** Decay rate of the running averages. Default 0.9. */
  rho: number
  /** Added inside the square roots for numerical stability. Default 1e-6. */
  eps: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type AdadeltaState = { step: number; squareAvg: FloatArray; accDelta: FloatArray }

const DEFAULTS: AdadeltaOptions = { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }

/**
 * Adadelta, as `torch.optim.Adadelta`.
 *
 * @example
 * ```ts
 * const opt = new Adadelta(params, { rho: 0.95 })
 * ```
 */
export class Adadelta extends Optimizer<AdadeltaOptions, AdadeltaState, AdadeltaHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<AdadeltaOptions>>,
    options: Partial<AdadeltaOptions> = {},
  ) {
    super('Adadelta', params, DEFAULTS, options)
  }

  protected validateOptions(o: AdadeltaOptions, where: string): void {
    const api = `Adadelta (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkNumber(api, 'rho', o.rho, { min: 0, max: 1 })
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(): StateSchema {
    return { arrays: ['squareAvg', 'accDelta'], scalars: ['step'] }
  }

  protected initState(p: Parameter): AdadeltaState {
    return { step: 0, squareAvg: zerosLike(p), accDelta: zerosLike(p) }
  }

  protected hyper(g: ParamGroup<AdadeltaOptions>): AdadeltaHyper {
    return { lr: g.lr, rho: g.rho, eps: g.eps, weightDecay: g.weightDecay, maximize: g.maximize }
  }

  protected update(data: FloatArray, grad: FloatArray, s: AdadeltaState, hp: AdadeltaHyper): void {
    s.step++
    adadeltaUpdate(data, grad, s.squareAvg, s.accDelta, hp)
  }
}
