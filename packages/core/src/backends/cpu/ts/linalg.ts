/**
 * TypeScript reference matmul (batched, broadcast batch dims, optional transposed operands) and
 * the dense layer's fused forward `linear`.
 */
import type { KernelRun } from '../../../engine/registry.js'
import { broadcastShapes, broadcastStrides, sizeOf } from '../../../internal/shape.js'
import { gemm, view } from './util.js'

export interface MatmulAttrs {
  transA: boolean
  transB: boolean
}

/** Output shape and sizes of a batched matmul (inputs rank ≥ 2; validated by the op). */
export function matmulGeometry(a: readonly number[], b: readonly number[], attrs: MatmulAttrs) {
  const ra = a.length
  const rb = b.length
  const M = attrs.transA ? a[ra - 1] : a[ra - 2]
  const K = attrs.transA ? a[ra - 2] : a[ra - 1]
  const N = attrs.transB ? b[rb - 2] : b[rb - 1]
  const batch = broadcastShapes('matmul', a.slice(0, -2), b.slice(0, -2))
  return { M, K, N, batch, shape: [...batch, M, N] }
}

const matmul: KernelRun = (inputs, attrs: MatmulAttrs, ctx) => {
  const [x, y] = inputs
  const { M, K, N, batch, shape } = matmulGeometry(x.shape, y.shape, attrs)
  const out = ctx.output(shape, x.dtype)
  const o = view(out)
  const a = view(x)
  const b = view(y)
  const nb = sizeOf(batch)
  const sa = broadcastStrides(x.shape.slice(0, -2), batch)
  const sb = broadcastStrides(y.shape.slice(0, -2), batch)
  const acc = new Float64Array(N)
  const idx = new Array<number>(batch.length).fill(0)
  let pa = 0
  let pb = 0
  for (let t = 0; t < nb; t++) {
    gemm(a, pa * M * K, b, pb * K * N, o, t * M * N, M, N, K, attrs.transA, attrs.transB, acc)
    for (let k = batch.length - 1; k >= 0; k--) {
      idx[k]++
      pa += sa[k]
      pb += sb[k]
      if (idx[k] < batch[k]) break
      pa -= sa[k] * batch[k]
      pb -= sb[k] * batch[k]
      idx[k] = 0
    }
  }
  return out
}

export interface LinearAttrs {
  relu: boolean
}

/** Adds the bias row and applies ReLU (`x < 0 ? 0 : x`) in place on an [m, n] view. */
export function addBiasRelu(
  o: { [i: number]: number; length: number },
  bias: ArrayLike<number> | null,
  n: number,
  relu: boolean,
): void {
  for (let r = 0; r < o.length; r += n) {
    for (let j = 0; j < n; j++) {
      let v = o[r + j]
      if (bias !== null) v += bias[j]
      o[r + j] = relu && v < 0 ? 0 : v
    }
  }
}

/** `linear`: act(x · w + b) for x [m, k], w [k, n], b [n] (optional), act identity or ReLU. */
const linear: KernelRun = (inputs, attrs: LinearAttrs, ctx) => {
  const [x, w, b] = inputs
  const out = matmul([x, w], { transA: false, transB: false }, ctx)
  if (b !== undefined || attrs.relu) {
    addBiasRelu(view(out), b === undefined ? null : view(b), w.shape[1], attrs.relu)
  }
  return out
}

export function linalgKernels(): [string, KernelRun][] {
  return [
    ['matmul', matmul],
    ['linear', linear],
  ]
}
