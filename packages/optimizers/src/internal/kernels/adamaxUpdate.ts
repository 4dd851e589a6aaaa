// Adamax (Adam with the infinity norm), in place on one parameter.
// Mirrors torch.optim.Adamax's single-tensor path.
import type { FloatArray } from '../FloatArray.js'

export interface AdamaxHyper {
  lr: number
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
  maximize: boolean
}

/** One Adamax step; `step` is the parameter's step count after this update (1 first). */
export function adamaxUpdate(
  param: FloatArray,
  grad: FloatArray,
  expAvg: FloatArray,
  expInf: FloatArray,
  step: number,
  hp: AdamaxHyper,
): void {
  const n = param.length
  const { beta1, beta2, eps, weightDecay: wd } = hp
  const c1 = 1 - beta1
  const clr = hp.lr / (1 - beta1 ** step)
  const sign = hp.maximize ? -1 : 1
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (wd === 0 && !hp.maximize) {
    for (let i = 0; i < n; i++) {
      const g = grad[i]
      const m = beta1 * expAvg[i] + c1 * g
      expAvg[i] = m
      const u = Math.max(beta2 * expInf[i], Math.abs(g) + eps)
      expInf[i] = u
      param[i] -= (clr * m) / u
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let g = sign * grad[i]
    if (wd !== 0) g += wd * param[i]
    const m = beta1 * expAvg[i] + c1 * g
    expAvg[i] = m
    const u = Math.max(beta2 * expInf[i], Math.abs(g) + eps)
    expInf[i] = u
    param[i] -= (clr * m) / u
  }
}
