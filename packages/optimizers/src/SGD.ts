// Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay. On
// float32 CPU tensors the update runs in @mlstack/core's fused WebAssembly SIMD kernel, with the
// momentum buffer kept in WASM memory (see BENCHMARKS.md).
import { fusedSgdStepF32, type Tensor } from '@mlstack/core'

import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import type { FloatArray } from './internal/FloatArray.js'
import { fusable, toArray, toTensor } from './internal/fusedState.js'
import { type SgdHyper, sgdUpdate } from './internal/kernels/sgdUpdate.js'
import { zerosOf } from './internal/zerosOf.js'
import { Optimizer, type ParamGroup, type ParamGroupInput, type StateSchema } from './Optimizer.js'
import type { Parameter } from './Parameter.js'

export interface SGDOptions {
  /** Learning rate. Default 1e-3. */
  lr: number
  /** Momentum factor. Default 0. */
  momentum: number
  /** Dampening of the momentum (the new gradient is scaled by 1 - dampening). Default 0. */
  dampening: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number
  /** Nesterov momentum; needs momentum > 0 and dampening 0. Default false. */
  nesterov: boolean
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize: boolean
}

/** The momentum buffer is a typed array, or a float32 core tensor on the fused path. */
export type SGDState = { momentumBuffer?: FloatArray | Tensor; step: number }

const DEFAULTS: SGDOptions = {
  lr: 1e-3,
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
}

/**
 * SGD with optional momentum, dampening, Nesterov momentum and L2 weight decay, as
 * `torch.optim.SGD`.
 *
 * @example
 * ```ts
 * const opt = new SGD(params, { lr: 0.1, momentum: 0.9, nesterov: true })
 * opt.zeroGrad(); loss.backward(); opt.step()
 * ```
 */
export class SGD extends Optimizer<SGDOptions, SGDState, SgdHyper> {
  constructor(
    params: Iterable<Parameter> | Iterable<ParamGroupInput<SGDOptions>>,
    options: Partial<SGDOptions> = {},
  ) {
    super('SGD', params, DEFAULTS, options)
  }

  protected validateOptions(o: SGDOptions, where: string): void {
    const api = `SGD (${where})`
    checkNumber(api, 'lr', o.lr, { min: 0 })
    checkNumber(api, 'momentum', o.momentum, { min: 0 })
    checkNumber(api, 'dampening', o.dampening, { min: 0, max: 1 })
    checkNumber(api, 'weightDecay', o.weightDecay, { min: 0 })
    checkBoolean(api, 'nesterov', o.nesterov)
    checkBoolean(api, 'maximize', o.maximize)
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new RangeError(
        `${api}: nesterov needs momentum > 0 and dampening 0, got momentum ${o.momentum} and dampening ${o.dampening}`,
      )
    }
  }

  protected stateSchema(o: SGDOptions): StateSchema {
    return { arrays: o.momentum !== 0 ? ['momentumBuffer'] : [], scalars: ['step'] }
  }

  protected initState(): SGDState {
    return { step: 0 }
  }

  protected hyper(g: ParamGroup<SGDOptions>): SgdHyper {
    return {
      lr: g.lr,
      momentum: g.momentum,
      dampening: g.dampening,
      weightDecay: g.weightDecay,
      nesterov: g.nesterov,
      maximize: g.maximize,
    }
  }

  protected update(data: FloatArray, grad: FloatArray, s: SGDState, hp: SgdHyper): void {
    s.step++
    let buf: FloatArray | null = null
    let init = false
    if (hp.momentum !== 0) {
      if (s.momentumBuffer === undefined) {
        s.momentumBuffer = zerosOf(data)
        init = true
      }
      // A buffer left in a tensor by the fused path comes back to an array (e.g. maximize on).
      buf = s.momentumBuffer = toArray(s.momentumBuffer)
    }
    sgdUpdate(data, grad, buf, init, hp)
  }

  protected override updateTensor(p: Tensor, g: Tensor, s: SGDState, hp: SgdHyper): boolean {
    if (hp.maximize || !fusable(p, g)) return false
    s.step++
    let buf: Tensor | null = null
    let firstStep = false
    if (hp.momentum !== 0) {
      firstStep = s.momentumBuffer === undefined
      buf = s.momentumBuffer = toTensor(s.momentumBuffer ?? new Float32Array(p.size))
    }
    fusedSgdStepF32(p, g, buf, {
      lr: hp.lr,
      momentum: hp.momentum,
      dampening: hp.dampening,
      weightDecay: hp.weightDecay,
      nesterov: hp.nesterov,
      firstStep,
    })
    return true
  }
}
