// RMSprop (centered, with momentum and weight decay), as torch.optim.RMSprop. On float32 CPU
// tensors the update runs in @mlstack/core's fused WebAssembly SIMD kernel, with the averages
// kept in WASM memory (see BENCHMARKS.md).
import { fusedRmspropStepF32, type Tensor } from '@mlstack/core'

import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { fusable, toArray, toTensor } from './internal/fusedState.js'
import { type RmspropHyper, rmspropUpdate } from './internal/kernels/rmspropUpdate.js'
import { zerosLike } from './internal/paramAccess.js'
import { zerosOf } from './internal/zerosOf.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface RMSpropOptions {
  /** Learning rate. Default 1e-2. */
  lr: number
  /** Smoothing constant of the squared-gradient average. Default 0.99. */
  alpha: number
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Momentum factor. Default 0. */
  momentum: number
  /** Normalize by the estimated variance of the gradient instead of its second moment. */
  centered: boolean
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

export type RMSpropState = {
  step: number
  /** Typed arrays, or float32 core tensors on the fused path. */
  squareAvg: FloatArray | Tensor
  gradAvg?: FloatArray | Tensor
  momentumBuffer?: FloatArray | Tensor
}

const DEFAULTS: RMSpropOptions = {
  lr: 1e-2,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
  maximize: false,
}

/**
 * RMSprop, as `torch.optim.RMSprop`.
 *
 * @example
 * ```ts
 * const opt = new RMSprop(params, { lr: 1e-3, centered: true, momentum: 0.9 })
 * ```
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState, RmspropHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<RMSpropOptions>>,
    options: Partial<RMSpropOptions> = {},
  ) {
    super('RMSprop', params, DEFAULTS, options)
  }

  protected validateOptions(o: RMSpropOptions, where: string): void {
    const api = `RMSprop (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkNumber(api, 'alpha', o.alpha, { min: 0, max: 1 })
    checkNumber(api, 'eps', o.eps, { min: 0 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkNumber(api, 'momentum', o.momentum, { min: 0 })
    checkBoolean(api, 'centered', o.centered)
    checkBoolean(api, 'maximize', o.maximize)
  }

  protected stateSchema(o: RMSpropOptions): StateSchema {
    const arrays = ['squareAvg']
    if (o.momentum > 0) arrays.push('momentumBuffer')
    if (o.centered) arrays.push('gradAvg')
    return { arrays, scalars: ['step'] }
  }

  protected initState(p: Parameter, g: ParamGroup<RMSpropOptions>): RMSpropState {
    const s: RMSpropState = { step: 0, squareAvg: zerosLike(p) }
    if (g.momentum > 0) s.momentumBuffer = zerosLike(p)
    if (g.centered) s.gradAvg = zerosLike(p)
    return s
  }

  protected hyper(g: ParamGroup<RMSpropOptions>): RmspropHyper {
    return {
      lr: g.lr,
      alpha: g.alpha,
      eps: g.eps,
      weightDecay: g.weightDecay,
      momentum: g.momentum,
      centered: g.centered,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: RMSpropState, hp: RmspropHyper): void {
    s.step++
    // State left in tensors by the fused path comes back to arrays (e.g. maximize turned on).
    s.squareAvg = toArray(s.squareAvg)
    if (s.gradAvg !== undefined) s.gradAvg = toArray(s.gradAvg)
    if (s.momentumBuffer !== undefined) s.momentumBuffer = toArray(s.momentumBuffer)
    if (hp.momentum > 0 && s.momentumBuffer === undefined) s.momentumBuffer = zerosOf(data)
    if (hp.centered && s.gradAvg === undefined) s.gradAvg = zerosOf(data)
    rmspropUpdate(
      data,
      grad,
      s.squareAvg,
      hp.centered ? (s.gradAvg ?? null) : null,
      hp.momentum > 0 ? (s.momentumBuffer ?? null) : null,
      hp,
    )
  }

  protected override updateTensor(
    p: Tensor,
    g: Tensor,
    s: RMSpropState,
    hp: RmspropHyper,
  ): boolean {
    if (hp.maximize || !fusable(p, g)) return false
    s.step++
    s.squareAvg = toTensor(s.squareAvg)
    let gradAvg: Tensor | null = null
    if (hp.centered) gradAvg = s.gradAvg = toTensor(s.gradAvg ?? new Float32Array(p.size))
    let momentumBuffer: Tensor | null = null
    if (hp.momentum > 0) {
      momentumBuffer = s.momentumBuffer = toTensor(s.momentumBuffer ?? new Float32Array(p.size))
    }
    fusedRmspropStepF32(p, g, s.squareAvg, gradAvg, momentumBuffer, {
      lr: hp.lr,
      alpha: hp.alpha,
      eps: hp.eps,
      weightDecay: hp.weightDecay,
      momentum: hp.momentum,
      centered: hp.centered,
    })
    return true
  }
}
