// SGD with momentum, dampening, Nesterov and L2 weight decay, in place on one parameter.
// Mirrors torch.optim.SGD's single-tensor path operation for operation, so float64 runs agree
// with PyTorch to rounding.
import type { FloatArray } from '../FloatArray.js'

export interface SgdHyper {
  lr: number
  momentum: number
  dampening: number
  weightDecay: number
  nesterov: boolean
  maximize: boolean
}

/**
 * One SGD step. `buf` is the momentum buffer (ignored when momentum is 0); `initBuf` is true on
 * the parameter's first step, when PyTorch seeds the buffer with the raw update (no dampening).
 */
export function sgdUpdate(
  param: FloatArray,
  grad: FloatArray,
  buf: FloatArray | null,
  initBuf: boolean,
  hp: SgdHyper,
): void {
  const n = param.length
  const { lr, momentum, weightDecay: wd, nesterov } = hp
  const sign = hp.maximize ? -1 : 1
  const keep = 1 - hp.dampening
  // V8 does not unswitch loops on invariant flags, and each flag tested per element costs
  // ~1.5x here, so the common configuration (no weight decay, minimizing) gets its own loop.
  const plain = wd === 0 && !hp.maximize
  if (plain && (momentum === 0 || buf === null)) {
    for (let i = 0; i < n; i++) param[i] -= lr * grad[i]
    return
  }
  if (plain && buf !== null && !initBuf) {
    if (nesterov) {
      for (let i = 0; i < n; i++) {
        const g = grad[i]
        const b = momentum * buf[i] + keep * g
        buf[i] = b
        param[i] -= lr * (g + momentum * b)
      }
    } else {
      for (let i = 0; i < n; i++) {
        const b = momentum * buf[i] + keep * grad[i]
        buf[i] = b
        param[i] -= lr * b
      }
    }
    return
  }
  if (momentum === 0 || buf === null) {
    for (let i = 0; i < n; i++) {
      let d = sign * grad[i]
      if (wd !== 0) d += wd * param[i]
      param[i] -= lr * d
    }
    return
  }
  for (let i = 0; i < n; i++) {
    let d = sign * grad[i]
    if (wd !== 0) d += wd * param[i]
    const b = initBuf ? d : momentum * buf[i] + keep * d
    buf[i] = b
    d = nesterov ? d + momentum * b : b
    param[i] -= lr * d
  }
}
