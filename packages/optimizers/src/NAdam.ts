// NAdam (Adam with Nesterov momentum), as torch.optim.NAdam (PyTorch >= 2.0 formula).

import { checkBetas } from './internal/checkBetas.js'
import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { type NadamHyper, nadamMu, nadamUpdate } from './internal/kernels/nadamUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface NAdamOptions {
  /** Learning rate. Default 2e-3. */
  lr: number
  /** Decay rates of the first and second moment averages. Default [0.9, 0.999]. */
  betas: [number, number]
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Momentum decay (psi in the NAdam paper's schedule). Default 4e-3. */
  momentumDecay: number
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type NAdamState = {
  step: number
  muProduct: number
  expAvg: FloatArray
  expAvgSq: FloatArray
}

const DEFAULTS: NAdamOptions = {
  lr: 2e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  momentumDecay: 4e-3,
  maximize: false,
}

/**
 * NAdam, as `torch.optim.NAdam` in PyTorch 2.x. (PyTorch 1.13 counted mu twice in its
 * look-ahead product; that was fixed upstream in pytorch/pytorch#92699 and is fixed here.)
 *
 * @example
 * ```ts
 * const opt = new NAdam(params, { lr: 2e-3 })
 * ```
 */
export class NAdam extends Optimizer<NAdamOptions, NAdamState, NadamHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<NAdamOptions>>,
    options: Partial<NAdamOptions> = {},
  ) {
    super('NAdam', params, DEFAULTS, options)
  }

  protected validateOptions(o: NAdamOptions, where: string): void {
    const api = `NAdam (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkBetas(api, o.betas)
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkNumber(api, 'momentumDecay', o.momentumDecay, { min: 0 })
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(): StateSchema {
    return { arrays: ['expAvg', 'expAvgSq'], scalars: ['step', 'muProduct'] }
  }

  protected initState(p: Parameter): NAdamState {
    return { step: 0, muProduct: 1, expAvg: zerosLike(p), expAvgSq: zerosLike(p) }
  }

  protected hyper(g: ParamGroup<NAdamOptions>): NadamHyper {
    return {
      lr: g.lr,
      beta1: g.betas[0],
      beta2: g.betas[1],
      eps: g.eps,
      weightDecay: g.weightDecay,
      momentumDecay: g.momentumDecay,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: NAdamState, hp: NadamHyper): void {
    s.step++
    s.muProduct *= nadamMu(hp.beta1, hp.momentumDecay, s.step)
    nadamUpdate(data, grad, s.expAvg, s.expAvgSq, s.step, s.muProduct, hp)
  }
}
