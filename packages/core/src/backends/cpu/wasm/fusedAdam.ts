/**
 * A fused Adam/AdamW step on CPU float32 tensors, in place, in one WASM SIMD pass over
 * parameter, gradient and both moment buffers (PyTorch's update rule). For optimizer packages:
 * one call per parameter tensor instead of ~10 tensor ops.
 */
import { BackendError, DTypeError, MlstackError, ShapeError } from '../../../errors.js'
import { kernelsFor } from '../../../internal/wasm/kernels.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { CpuBuffer, cpuHeap } from '../cpuHeap.js'

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
  const op = 'fusedAdamStepF32'
  const all = [param, grad, expAvg, expAvgSq]
  for (const t of all) {
    if (t.dtype !== 'float32') {
      throw new DTypeError(
        op,
        `expected float32 tensors, got ${all.map((x) => x.dtype).join(', ')}`,
      )
    }
    if (!(t.buf instanceof CpuBuffer)) {
      throw new BackendError(op, 'expected tensors stored on the cpu heap (backend cpu or cpu-ts)')
    }
    if (t.size !== param.size) {
      throw new ShapeError(
        op,
        `param, grad, expAvg and expAvgSq must have the same size, got ${all.map((x) => x.size).join(', ')}`,
      )
    }
  }
  if (!(Number.isInteger(o.step) && o.step >= 1)) {
    throw new MlstackError(op, `step must be an integer ≥ 1, got ${o.step}`)
  }
  const p = (t: Tensor): number => (t.buf as CpuBuffer).ptr
  kernelsFor(cpuHeap).exports.adam_f32(
    p(param),
    p(grad),
    p(expAvg),
    p(expAvgSq),
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
  // In-place writes: bump the buffers' versions so autograd can tell a saved value changed.
  for (const t of [param, expAvg, expAvgSq]) {
    const buf = t.buf as { version?: number }
    buf.version = (buf.version ?? 0) + 1
  }
}
