// RMSprop (optionally centered, with momentum and L2 weight decay), in place on one parameter.
// Mirrors torch.optim.RMSprop's single-tensor path.
import type { FloatArray } from '../FloatArray.js'

export interface RmspropHyper {
  lr: number
  alpha: number
  eps: number
  weightDecay: number
  momentum: number
  centered: boolean
  maximize: boolean
}

/** One RMSprop step. `gradAvg` is needed when centered, `momentumBuf` when momentum > 0. */
export function rmspropUpdate(
  param: FloatArray,
  grad: FloatArray,
  squareAvg: FloatArray,
  gradAvg: FloatArray | null,
  momentumBuf: FloatArray | null,
  hp: RmspropHyper,
): void {
  const n = param.length
  const { lr, alpha, eps, weightDecay: wd, momentum } = hp
  const c = 1 - alpha
  const sign = hp.maximize ? -1 : 1
  if (hp.centered && gradAvg === null) throw new Error('rmspropUpdate: centered needs gradAvg')
  if (momentum > 0 && momentumBuf === null) {
    throw new Error('rmspropUpdate: momentum needs momentumBuf')
  }
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  if (wd === 0 && !hp.maximize && !hp.centered && !(momentum > 0)) {
    for (let i = 0; i < n; i++) {
      const g = grad[i]
      const sq = alpha * squareAvg[i] + c * g * g
      squareAvg[i] = sq
      param[i] -= (lr * g) / (Math.sqrt(sq) + eps)
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let g = sign * grad[i]
    if (wd !== 0) g += wd * param[i]
    const sq = alpha * squareAvg[i] + c * g * g
    squareAvg[i] = sq
    let avg: number
    if (gradAvg !== null && hp.centered) {
      const ga = alpha * gradAvg[i] + c * g
      gradAvg[i] = ga
      avg = Math.sqrt(sq - ga * ga) + eps
    } else {
      avg = Math.sqrt(sq) + eps
    }
    if (momentumBuf !== null && momentum > 0) {
      const b = momentum * momentumBuf[i] + g / avg
      momentumBuf[i] = b
      param[i] -= lr * b
    } else {
      param[i] -= (lr * g) / avg
    }
  }
}
