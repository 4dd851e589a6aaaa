/**
 * Helpers shared by the TypeScript reference kernels: heap views, a strided copy that serves
 * transpose/slice/pad/tile/broadcast, a plain GEMM, and erf.
 */
import type { TypedArray } from '../../../dtype.js'
import type { KernelInput } from '../../../engine/registry.js'
import type { CpuBuffer } from '../cpuHeap.js'

/**
 * A live typed-array view of a CPU tensor. Take views AFTER allocating outputs: allocation may
 * grow the WebAssembly memory, which detaches earlier views.
 */
export function view(t: KernelInput): TypedArray {
  return (t.buf as CpuBuffer).view()
}

/**
 * Copies a `shape`-shaped block: element idx goes from src[srcOff + Σ idx·srcStrides] to
 * dst[dstOff + Σ idx·dstStrides]. Strides may be 0 (broadcast) on the source side.
 */
export function stridedCopy(
  src: TypedArray,
  srcOff: number,
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOff: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  const r = shape.length
  if (r === 0) {
    dst[dstOff] = src[srcOff]
    return
  }
  for (let i = 0; i < r; i++) if (shape[i] === 0) return
  const n = shape[r - 1]
  const ss = srcStrides[r - 1]
  const ds = dstStrides[r - 1]
  const idx = new Array<number>(r - 1).fill(0)
  let s = srcOff
  let d = dstOff
  for (;;) {
    if (ss === 1 && ds === 1) for (let j = 0; j < n; j++) dst[d + j] = src[s + j]
    else for (let j = 0; j < n; j++) dst[d + j * ds] = src[s + j * ss]
    let k = r - 2
    for (; k >= 0; k--) {
      idx[k]++
      s += srcStrides[k]
      d += dstStrides[k]
      if (idx[k] < shape[k]) break
      s -= srcStrides[k] * shape[k]
      d -= dstStrides[k] * shape[k]
      idx[k] = 0
    }
    if (k < 0) return
  }
}

/**
 * C[cOff..] = op(A)·op(B) for one M×N block (row-major; op = transpose when the flag is set).
 * Rows accumulate in float64, then round once into C.
 */
export function gemm(
  A: ArrayLike<number>,
  aOff: number,
  B: ArrayLike<number>,
  bOff: number,
  C: TypedArray | Float64Array,
  cOff: number,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  acc: Float64Array,
  accumulate = false,
): void {
  const aRow = transA ? 1 : K
  const aCol = transA ? M : 1
  if (!transB) {
    for (let i = 0; i < M; i++) {
      acc.fill(0, 0, N)
      for (let k = 0; k < K; k++) {
        const a = A[aOff + i * aRow + k * aCol]
        const b0 = bOff + k * N
        for (let j = 0; j < N; j++) acc[j] += a * B[b0 + j]
      }
      const c0 = cOff + i * N
      if (accumulate) for (let j = 0; j < N; j++) C[c0 + j] += acc[j]
      else for (let j = 0; j < N; j++) C[c0 + j] = acc[j]
    }
  } else {
    for (let i = 0; i < M; i++) {
      const c0 = cOff + i * N
      for (let j = 0; j < N; j++) {
        let s = 0
        const b0 = bOff + j * K
        const a0 = aOff + i * aRow
        for (let k = 0; k < K; k++) s += A[a0 + k * aCol] * B[b0 + k]
        if (accumulate) C[c0 + j] += s
        else C[c0 + j] = s
      }
    }
  }
}

/** erf with |error| < 1.2e-7 (Numerical Recipes' Chebyshev fit of erfc). */
export function erf(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? 1 - r : r - 1
}
