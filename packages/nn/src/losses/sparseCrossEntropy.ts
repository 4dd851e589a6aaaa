/**
 * Fused sparse categorical cross-entropy: one op for softmax + log + gather + mean, with a
 * hand-written gradient (softmax − target). For a 784-64-64-10 MLP this replaces about ten small
 * ops and their backward rules per step, which is most of the non-GEMM time at batch 32.
 * Works on logits (`fromLogits: true`, numerically stable through log-sum-exp) and on
 * probabilities (Keras semantics: `-log(clip(p, 1e-7, 1 − 1e-7))`).
 */
import { customGrad, ShapeError, scalar, type Tensor, tensor } from '@mlstack/core'
import { LabelError } from '../errors.js'

/** Probabilities are clipped to [EPS, 1 − EPS] before the log, as Keras does. */
const EPS = 1e-7

export interface SparseCrossEntropyOptions {
  fromLogits?: boolean
  labelSmoothing?: number
  /** Per-sample weights (length = batch); the result is Σ wᵢ·lossᵢ / batch (Keras). */
  sampleWeight?: ArrayLike<number> | null
}

/** @internal reads integer labels and checks their range. */
export function readLabels(
  api: string,
  labels: Tensor | ArrayLike<number>,
  n: number,
  classes: number,
): Int32Array {
  const v =
    (labels as Tensor).dataSync !== undefined
      ? (labels as Tensor).dataSync()
      : (labels as ArrayLike<number>)
  if (v.length !== n) {
    throw new LabelError(api, `got ${v.length} labels for a batch of ${n} predictions`)
  }
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const y = v[i] as number
    if (!(Number.isInteger(y) && y >= 0 && y < classes)) {
      throw new LabelError(
        api,
        `label ${y} at index ${i} is not an integer class in [0, ${classes}) (the model has ${classes} outputs)`,
      )
    }
    out[i] = y
  }
  return out
}

/**
 * Mean sparse categorical cross-entropy of `pred` [batch, classes] against integer `labels`.
 *
 * @example
 * const loss = sparseCrossEntropy(logits, labels, { fromLogits: true })
 * loss.backward()
 */
export function sparseCrossEntropy(
  pred: Tensor,
  labels: Tensor | ArrayLike<number>,
  options: SparseCrossEntropyOptions = {},
): Tensor {
  const api = 'sparseCrossEntropy'
  if (pred.rank !== 2) {
    throw new ShapeError(
      api,
      `predictions must be [batch, classes], got [${pred.shape.join(', ')}]`,
    )
  }
  const [n, c] = pred.shape
  const y = readLabels(api, labels, n, c)
  const fromLogits = options.fromLogits ?? false
  const ls = options.labelSmoothing ?? 0
  const sw = options.sampleWeight ?? null
  const f = customGrad((p: Tensor) => {
    const x = p.dataSync()
    const f64 = p.dtype === 'float64'
    const g = f64 ? new Float64Array(n * c) : new Float32Array(n * c)
    const off = ls / c
    const on = 1 - ls + off
    let total = 0
    for (let i = 0; i < n; i++) {
      const base = i * c
      const yi = base + y[i]
      const w = sw === null ? 1 : sw[i]
      let li: number
      if (fromLogits) {
        let m = -Infinity
        for (let j = base; j < base + c; j++) if (x[j] > m) m = x[j]
        let s = 0
        for (let j = base; j < base + c; j++) {
          const e = Math.exp(x[j] - m)
          g[j] = e
          s += e
        }
        const lse = m + Math.log(s)
        const inv = 1 / s
        // loss = lse − Σ qⱼ zⱼ; dloss/dz = softmax − q (scaled later by w/n).
        if (ls === 0) li = lse - x[yi]
        else {
          let qz = 0
          for (let j = base; j < base + c; j++) qz += x[j] * off
          li = lse - qz - (on - off) * x[yi]
        }
        for (let j = base; j < base + c; j++) g[j] = (g[j] * inv - off) * w
        g[yi] -= (on - off) * w
      } else {
        li = 0
        for (let j = base; j < base + c; j++) {
          const q = j === yi ? on : off
          if (q === 0) {
            g[j] = 0
            continue
          }
          const pj = x[j]
          const clipped = pj < EPS ? EPS : pj > 1 - EPS ? 1 - EPS : pj
          li -= q * Math.log(clipped)
          // The clip has zero gradient outside [EPS, 1 − EPS], as in Keras.
          g[j] = pj === clipped ? (-q / pj) * w : 0
        }
      }
      total += li * w
    }
    const value = scalar(total / n, p.dtype)
    return {
      value,
      grad: (dy: Tensor) => {
        const s = dy.item() / n
        const out = f64 ? new Float64Array(g.length) : new Float32Array(g.length)
        for (let j = 0; j < g.length; j++) out[j] = g[j] * s
        return [tensor(out, { shape: [n, c] })]
      },
    }
  })
  return f(pred)
}
