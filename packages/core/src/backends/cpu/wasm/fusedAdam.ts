/**
 * A fused Adam/AdamW step on CPU float32 tensors, in place, in one WASM SIMD pass over
 * parameter, gradient and both moment buffers (PyTorch's update rule). For optimizer packages:
 * one call per parameter tensor instead of ~10 tensor ops.
 */
import { MlstackError } from '../../../errors.js'
import { type ElementwiseExports, kernelsFor } from '../../../internal/wasm/kernels.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { cpuHeap } from '../cpuHeap.js'
import { bumpVersion, checkStepTensor, ptrOf } from './fusedStepCheck.js'

export interface FusedAdamOptions {
  lr: number
  beta1: number
  beta2: number
  eps: number
  /** 1-based step count (for the bias corrections). */
  step: number
  /** L2 penalty added to the gradient (Adam's `weight_decay`). Default 0. */
  weightDecay?: number
  /** Decoupled decay `p *= 1 - lr·λ` applied first (AdamW's `weight_decay`). Default 0. */
  decoupledWeightDecay?: number
}

/**
 * param, expAvg and expAvgSq are updated in place from grad.
 *
 * @example
 * fusedAdamStepF32(w, w.grad!, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, step: t })
 */
export function fusedAdamStepF32(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  o: FusedAdamOptions,
): void {
  checkStepTensor(OP, 'param', param, param)
  checkStepTensor(OP, 'grad', grad, param)
  checkStepTensor(OP, 'expAvg', expAvg, param)
  checkStepTensor(OP, 'expAvgSq', expAvgSq, param)
  if (!(Number.isInteger(o.step) && o.step >= 1)) {
    throw new MlstackError(OP, `step must be an integer ≥ 1, got ${o.step}`)
  }
  adam ??= kernelsFor(cpuHeap).exports.adam_f32
  adam(
    ptrOf(param),
    ptrOf(grad),
    ptrOf(expAvg),
    ptrOf(expAvgSq),
    param.size,
    o.lr,
    o.beta1,
    o.beta2,
    o.eps,
    1 - o.beta1 ** o.step,
    1 - o.beta2 ** o.step,
    o.weightDecay ?? 0,
    o.decoupledWeightDecay ?? 0,
  )
  bumpVersion(param)
  bumpVersion(expAvg)
  bumpVersion(expAvgSq)
}

const OP = 'fusedAdamStepF32'
let adam: ElementwiseExports['adam_f32'] | undefined
