// Adamax (Adam with the infinity norm), as torch.optim.Adamax.

import { checkBetas } from './internal/checkBetas.js'
import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { type AdamaxHyper, adamaxUpdate } from './internal/kernels/adamaxUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface AdamaxOptions {
  /** Learning rate. Default 2e-3. */
  lr: number
  /** Decay rates of the first moment and of the infinity norm. Default [0.9, 0.999]. */
  betas: [number, number]
  /** Added to the infinity norm for numerical stability. Default 1e-8. */
  eps: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type AdamaxState = { step: number; expAvg: FloatArray; expInf: FloatArray }

const DEFAULTS: AdamaxOptions = {
  lr: 2e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  maximize: false,
}

/**
 * Adamax, as `torch.optim.Adamax`.
 *
 * @example
 * ```ts
 * const opt = new Adamax(params, { lr: 2e-3 })
 * ```
 */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState, AdamaxHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<AdamaxOptions>>,
    options: Partial<AdamaxOptions> = {},
  ) {
    super('Adamax', params, DEFAULTS, options)
  }

  protected validateOptions(o: AdamaxOptions, where: string): void {
    const api = `Adamax (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkBetas(api, o.betas)
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(): StateSchema {
    return { arrays: ['expAvg', 'expInf'], scalars: ['step'] }
  }

  protected initState(p: Parameter): AdamaxState {
    return { step: 0, expAvg: zerosLike(p), expInf: zerosLike(p) }
  }

  protected hyper(g: ParamGroup<AdamaxOptions>): AdamaxHyper {
    return {
      lr: g.lr,
      beta1: g.betas[0],
      beta2: g.betas[1],
      eps: g.eps,
      weightDecay: g.weightDecay,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: AdamaxState, hp: AdamaxHyper): void {
    s.step++
    adamaxUpdate(data, grad, s.expAvg, s.expInf, s.step, hp)
  }
}
