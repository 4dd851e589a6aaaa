// NAdam (Adam with Nesterov momentum and momentum-decay schedule), in place on one parameter.
// Mirrors torch.optim.NAdam's single-tensor path as of PyTorch 2.0, which fixed 1.13's double
// counting of mu in mu_product_next (pytorch/pytorch#92699).
import type { FloatArray } from '../FloatArray.js'

export interface NadamHyper {
  lr: number
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
  momentumDecay: number
  maximize: boolean
}

/** The per-step scalars of NAdam, computed once per parameter before the element loop. */
export function nadamMu(beta1: number, momentumDecay: number, step: number): number {
  return beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay))
}

/**
 * One NAdam step. `step` is the step count after this update (1 first); `muProduct` is the
 * running product of mu including this step's mu (the caller keeps it in the state).
 */
export function nadamUpdate(
  param: FloatArray,
  grad: FloatArray,
  expAvg: FloatArray,
  expAvgSq: FloatArray,
  step: number,
  muProduct: number,
  hp: NadamHyper,
): void {
  const n = param.length
  const { beta1, beta2, eps, lr, weightDecay: wd } = hp
  const c1 = 1 - beta1
  const c2 = 1 - beta2
  const bc2 = 1 - beta2 ** step
  const mu = nadamMu(beta1, hp.momentumDecay, step)
  const muNext = nadamMu(beta1, hp.momentumDecay, step + 1)
  const gradCoef = (-lr * (1 - mu)) / (1 - muProduct)
  const avgCoef = (-lr * muNext) / (1 - muProduct * muNext)
  const sign = hp.maximize ? -1 : 1
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (wd === 0 && !hp.maximize) {
    for (let i = 0; i < n; i++) {
      const g = grad[i]
      const m = beta1 * expAvg[i] + c1 * g
      const v = beta2 * expAvgSq[i] + c2 * g * g
      expAvg[i] = m
      expAvgSq[i] = v
      const denom = Math.sqrt(v / bc2) + eps
      param[i] = param[i] + (gradCoef * g) / denom + (avgCoef * m) / denom
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let g = sign * grad[i]
    if (wd !== 0) g += wd * param[i]
    const m = beta1 * expAvg[i] + c1 * g
    const v = beta2 * expAvgSq[i] + c2 * g * g
    expAvg[i] = m
    expAvgSq[i] = v
    const denom = Math.sqrt(v / bc2) + eps
    param[i] = param[i] + (gradCoef * g) / denom + (avgCoef * m) / denom
  }
}
