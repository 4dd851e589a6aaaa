// Adam (with AMSGrad and L2 weight decay), as torch.optim.Adam.

import { checkBetas } from './internal/betas.js'
import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { type AdamHyper, adamUpdate } from './internal/kernels/adamUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { zerosOf } from './internal/zerosOf.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface AdamOptions {
  /** Learning rate. Default 1e-3. */
  lr: number
  /** Decay rates of the first and second moment averages. Default [0.9, 0.999]. */
  betas: [number, number]
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps: number
  /** L2 penalty (Adam) or decoupled decay rate (AdamW). Default 0 (AdamW: 1e-2). */
  weightDecay: number
  /** Use the maximum of past second moments (AMSGrad). Default false. */
  amsgrad: boolean
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type AdamState = {
  step: number
  expAvg: FloatArray
  expAvgSq: FloatArray
  maxExpAvgSq?: FloatArray
}

const DEFAULTS: AdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
}

/** Shared implementation of Adam and AdamW; they differ only in how weight decay is applied. */
export abstract class AdamBase extends Optimizer<AdamOptions, AdamState, AdamHyper> {
  protected abstract readonly decoupled: boolean

  protected validateOptions(o: AdamOptions, where: string): void {
    const api = `${this.name} (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkBetas(api, o.betas)
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkBoolean(api, 'amsgrad', o.amsgrad)
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(o: AdamOptions): StateSchema {
    return {
      arrays: o.amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq'],
      scalars: ['step'],
    }
  }

  protected initState(p: Parameter, group: ParamGroup<AdamOptions>): AdamState {
    const s: AdamState = { step: 0, expAvg: zerosLike(p), expAvgSq: zerosLike(p) }
    if (group.amsgrad) s.maxExpAvgSq = zerosLike(p)
    return s
  }

  protected hyper(g: ParamGroup<AdamOptions>): AdamHyper {
    return {
      lr: g.lr,
      beta1: g.betas[0],
      beta2: g.betas[1],
      eps: g.eps,
      weightDecay: g.weightDecay,
      decoupled: this.decoupled,
      amsgrad: g.amsgrad,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: AdamState, hp: AdamHyper): void {
    s.step++
    if (hp.amsgrad && s.maxExpAvgSq === undefined) s.maxExpAvgSq = zerosOf(data)
    adamUpdate(data, grad, s.expAvg, s.expAvgSq, s.maxExpAvgSq ?? null, s.step, hp)
  }
}

/**
 * Adam, as `torch.optim.Adam`: weight decay is an L2 penalty added to the gradient.
 *
 * @example
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 1e-3 })
 * opt.zeroGrad(); loss.backward(); opt.step()
 * ```
 */
export class Adam extends AdamBase {
  protected readonly decoupled = false

  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<AdamOptions>>,
    options: Partial<AdamOptions> = {},
  ) {
    super('Adam', params, DEFAULTS, options)
  }
}
