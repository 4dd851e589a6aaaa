// Adadelta (with L2 weight decay), in place on one parameter.
// Mirrors torch.optim.Adadelta's single-tensor path.
import type { FloatArray } from '../FloatArray.js'

export interface AdadeltaHyper {
  lr: number
  rho: number
  eps: number
  weightDecay: number
  maximize: boolean
}

/** One Adadelta step. */
export function adadeltaUpdate(
  param: FloatArray,
  grad: FloatArray,
  squareAvg: FloatArray,
  accDelta: FloatArray,
  hp: AdadeltaHyper,
): void {
  const n = param.length
  const { lr, rho, eps, weightDecay: wd } = hp
  const c = 1 - rho
  const sign = hp.maximize ? -1 : 1
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (wd === 0 && !hp.maximize) {
    for (let i = 0; i < n; i++) {
      const g = grad[i]
      const sq = rho * squareAvg[i] + c * g * g
      squareAvg[i] = sq
      const delta = (Math.sqrt(accDelta[i] + eps) / Math.sqrt(sq + eps)) * g
      accDelta[i] = rho * accDelta[i] + c * delta * delta
      param[i] -= lr * delta
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let g = sign * grad[i]
    if (wd !== 0) g += wd * param[i]
    const sq = rho * squareAvg[i] + c * g * g
    squareAvg[i] = sq
    const delta = (Math.sqrt(accDelta[i] + eps) / Math.sqrt(sq + eps)) * g
    accDelta[i] = rho * accDelta[i] + c * delta * delta
    param[i] -= lr * delta
  }
}
