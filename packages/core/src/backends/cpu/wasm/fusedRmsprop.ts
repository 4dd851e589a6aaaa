/**
 * A fused RMSprop step (PyTorch's rule: weight decay, centered, momentum) on CPU float32
 * tensors, in place, in one WASM SIMD pass.
 */
import { MlstackError } from '../../../errors.js'
import { type ElementwiseExports, kernelsFor } from '../../../internal/wasm/kernels.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { cpuHeap } from '../cpuHeap.js'
import { bumpVersion, checkStepTensor, ptrOf } from './fusedStepCheck.js'

export interface FusedRmspropOptions {
  lr: number
  /** Smoothing constant. Default 0.99. */
  alpha?: number
  /** Default 1e-8. */
  eps?: number
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number
  /** Default 0 (no momentum buffer needed). */
  momentum?: number
  /** Normalize by the variance estimate (needs gradAvg). Default false. */
  centered?: boolean
}

const OP = 'fusedRmspropStepF32'
let rmsprop: ElementwiseExports['rmsprop_f32'] | undefined

/**
 * param, squareAvg (and gradAvg when centered, momentumBuffer when momentum > 0) are updated
 * in place from grad.
 *
 * @example
 * fusedRmspropStepF32(w, w.grad!, sq, null, null, { lr: 0.01 })
 */
export function fusedRmspropStepF32(
  param: Tensor,
  grad: Tensor,
  squareAvg: Tensor,
  gradAvg: Tensor | null,
  momentumBuffer: Tensor | null,
  o: FusedRmspropOptions,
): void {
  const momentum = o.momentum ?? 0
  const centered = o.centered ?? false
  checkStepTensor(OP, 'param', param, param)
  checkStepTensor(OP, 'grad', grad, param)
  checkStepTensor(OP, 'squareAvg', squareAvg, param)
  if (centered) {
    if (gradAvg === null)
      throw new MlstackError(OP, 'centered: true needs a gradAvg tensor, got null')
    checkStepTensor(OP, 'gradAvg', gradAvg, param)
  }
  if (momentum > 0) {
    if (momentumBuffer === null) {
      throw new MlstackError(OP, `momentum ${momentum} needs a momentumBuffer tensor, got null`)
    }
    checkStepTensor(OP, 'momentumBuffer', momentumBuffer, param)
  }
  rmsprop ??= kernelsFor(cpuHeap).exports.rmsprop_f32
  rmsprop(
    ptrOf(param),
    ptrOf(grad),
    ptrOf(squareAvg),
    centered ? ptrOf(gradAvg) : 0,
    momentum > 0 ? ptrOf(momentumBuffer) : 0,
    param.size,
    o.lr,
    o.alpha ?? 0.99,
    o.eps ?? 1e-8,
    o.weightDecay ?? 0,
    momentum,
    centered ? 1 : 0,
  )
  bumpVersion(param)
  bumpVersion(squareAvg)
  if (centered) bumpVersion(gradAvg)
  if (momentum > 0) bumpVersion(momentumBuffer)
}
