// Adam and AdamW (decoupled weight decay), with AMSGrad, in place on one parameter.
// Mirrors torch.optim.Adam/AdamW's single-tensor path: bias corrections are folded into a
// scalar step size and the denominator exactly as PyTorch does, so float64 runs agree to
// rounding. One pass over the arrays, no allocation: this is the hot loop of MLP training.
import type { FloatArray } from '../FloatArray.js'

export interface AdamHyper {
  lr: number
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
  /** AdamW: decay the parameter directly instead of adding `weightDecay * param` to the gradient. */
  decoupled: boolean
  amsgrad: boolean
  maximize: boolean
}

/**
 * One Adam/AdamW step. `step` is the parameter's step count after this update (1 on the first
 * call). `maxExpAvgSq` is required when `amsgrad` is set.
 */
export function adamUpdate(
  param: FloatArray,
  grad: FloatArray,
  expAvg: FloatArray,
  expAvgSq: FloatArray,
  maxExpAvgSq: FloatArray | null,
  step: number,
  hp: AdamHyper,
): void {
  const n = param.length
  const { beta1, beta2, eps, lr } = hp
  const c1 = 1 - beta1
  const c2 = 1 - beta2
  const stepSize = lr / (1 - beta1 ** step)
  const bc2Sqrt = Math.sqrt(1 - beta2 ** step)
  const sign = hp.maximize ? -1 : 1
  const l2 = hp.decoupled ? 0 : hp.weightDecay
  const shrink = hp.decoupled ? 1 - lr * hp.weightDecay : 1
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (!hp.amsgrad && !hp.maximize && l2 === 0) {
    if (shrink === 1) {
      for (let i = 0; i < n; i++) {
        const g = grad[i]
        const m = beta1 * expAvg[i] + c1 * g
        const v = beta2 * expAvgSq[i] + c2 * g * g
        expAvg[i] = m
        expAvgSq[i] = v
        param[i] -= (stepSize * m) / (Math.sqrt(v) / bc2Sqrt + eps)
      }
    } else {
      for (let i = 0; i < n; i++) {
        const g = grad[i]
        const m = beta1 * expAvg[i] + c1 * g
        const v = beta2 * expAvgSq[i] + c2 * g * g
        expAvg[i] = m
        expAvgSq[i] = v
        param[i] = param[i] * shrink - (stepSize * m) / (Math.sqrt(v) / bc2Sqrt + eps)
      }
    }
    return
  }
  if (hp.amsgrad) {
    if (maxExpAvgSq === null) throw new Error('adamUpdate: amsgrad needs maxExpAvgSq')
    for (let i = 0; i < n; i++) {
      let p = param[i]
      let g = sign * grad[i]
      if (l2 !== 0) g += l2 * p
      if (shrink !== 1) p *= shrink
      const m = beta1 * expAvg[i] + c1 * g
      const v = beta2 * expAvgSq[i] + c2 * g * g
      expAvg[i] = m
      expAvgSq[i] = v
      const vmax = Math.max(v, maxExpAvgSq[i])
      maxExpAvgSq[i] = vmax
      param[i] = p - (stepSize * m) / (Math.sqrt(vmax) / bc2Sqrt + eps)
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let p = param[i]
    let g = sign * grad[i]
    if (l2 !== 0) g += l2 * p
    if (shrink !== 1) p *= shrink
    const m = beta1 * expAvg[i] + c1 * g
    const v = beta2 * expAvgSq[i] + c2 * g * g
    expAvg[i] = m
    expAvgSq[i] = v
    param[i] = p - (stepSize * m) / (Math.sqrt(v) / bc2Sqrt + eps)
  }
}
