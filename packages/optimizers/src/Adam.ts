// Adam (with AMSGrad and L2 weight decay), as torch.optim.Adam. On float32 CPU tensors the
// update runs in @mlstack/core's fused WebAssembly SIMD kernel, with the moments kept in WASM
// memory (measured ~20x faster than the scalar JavaScript loop; see BENCHMARKS.md).
import { fusedAdamStepF32, type Tensor } from '@mlstack/core'

import { checkBetas } from './internal/checkBetas.js'
import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { fusable, toArray, toTensor } from './internal/fusedState.js'
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
  /** Typed arrays, or float32 core tensors on the fused path. */
  expAvg: FloatArray | Tensor
  expAvgSq: FloatArray | Tensor
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
    // Moments left in tensors by the fused path come back to arrays (e.g. amsgrad turned on).
    s.expAvg = toArray(s.expAvg)
    s.expAvgSq = toArray(s.expAvgSq)
    adamUpdate(data, grad, s.expAvg, s.expAvgSq, s.maxExpAvgSq ?? null, s.step, hp)
  }

  protected override updateTensor(p: Tensor, g: Tensor, s: AdamState, hp: AdamHyper): boolean {
    if (hp.amsgrad || hp.maximize || !fusable(p, g)) return false
    s.expAvg = toTensor(s.expAvg)
    s.expAvgSq = toTensor(s.expAvgSq)
    s.step++
    fusedAdamStepF32(p, g, s.expAvg, s.expAvgSq, {
      lr: hp.lr,
      beta1: hp.beta1,
      beta2: hp.beta2,
      eps: hp.eps,
      step: s.step,
      weightDecay: hp.decoupled ? 0 : hp.weightDecay,
      decoupledWeightDecay: hp.decoupled ? hp.weightDecay : 0,
    })
    return true
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
