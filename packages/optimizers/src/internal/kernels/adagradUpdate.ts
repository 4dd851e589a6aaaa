// Adagrad (with learning-rate decay and L2 weight decay), in place on one parameter.
// Mirrors torch.optim.Adagrad's dense single-tensor path.
import type { FloatArray } from '../FloatArray.js'

export interface AdagradHyper {
  lr: number
  lrDecay: number
  weightDecay: number
  eps: number
  maximize: boolean
}

/** One Adagrad step; `step` is the parameter's step count after this update (1 first). */
export function adagradUpdate(
  param: FloatArray,
  grad: FloatArray,
  stateSum: FloatArray,
  step: number,
  hp: AdagradHyper,
): void {
  const n = param.length
  const { eps, weightDecay: wd } = hp
  const clr = hp.lr / (1 + (step - 1) * hp.lrDecay)
  const sign = hp.maximize ? -1 : 1
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (wd === 0 && !hp.maximize) {
    for (let i = 0; i < n; i++) {
      const g = grad[i]
      const s = stateSum[i] + g * g
      stateSum[i] = s
      param[i] -= (clr * g) / (Math.sqrt(s) + eps)
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let g = sign * grad[i]
    if (wd !== 0) g += wd * param[i]
    const s = stateSum[i] + g * g
    stateSum[i] = s
    param[i] -= (clr * g) / (Math.sqrt(s) + eps)
  }
}
