/**
 * A fused SGD step (PyTorch's rule: weight decay, momentum, dampening, Nesterov) on CPU float32
 * tensors, in place, in one WASM SIMD pass.
 */
import { MlstackError } from '../../../errors.js'
import { type ElementwiseExports, kernelsFor } from '../../../internal/wasm/kernels.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { cpuHeap } from '../cpuHeap.js'
import { bumpVersion, checkStepTensor, ptrOf } from './fusedStepCheck.js'

export interface FusedSgdOptions {
  lr: number
  /** Default 0 (plain SGD; no momentum buffer needed). */
  momentum?: number
  /** Default 0. */
  dampening?: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number
  /** Default false. */
  nesterov?: boolean
  /** True on the first step: the momentum buffer is set to the gradient (PyTorch). */
  firstStep?: boolean
}

const OP = 'fusedSgdStepF32'
let sgd: ElementwiseExports['sgd_f32'] | undefined

/**
 * param (and momentumBuffer, when momentum ≠ 0) are updated in place from grad.
 *
 * @example
 * fusedSgdStepF32(w, w.grad!, buf, { lr: 0.1, momentum: 0.9, firstStep: t === 1 })
 */
export function fusedSgdStepF32(
  param: Tensor,
  grad: Tensor,
  momentumBuffer: Tensor | null,
  o: FusedSgdOptions,
): void {
  const momentum = o.momentum ?? 0
  checkStepTensor(OP, 'param', param, param)
  checkStepTensor(OP, 'grad', grad, param)
  if (momentum !== 0) {
    if (momentumBuffer === null) {
      throw new MlstackError(OP, `momentum ${momentum} needs a momentumBuffer tensor, got null`)
    }
    checkStepTensor(OP, 'momentumBuffer', momentumBuffer, param)
  }
  sgd ??= kernelsFor(cpuHeap).exports.sgd_f32
  sgd(
    ptrOf(param),
    ptrOf(grad),
    momentum !== 0 ? ptrOf(momentumBuffer) : 0,
    param.size,
    o.lr,
    momentum,
    o.dampening ?? 0,
    o.weightDecay ?? 0,
    o.nesterov ? 1 : 0,
    o.firstStep ? 1 : 0,
  )
  bumpVersion(param)
  if (momentum !== 0) bumpVersion(momentumBuffer)
}
