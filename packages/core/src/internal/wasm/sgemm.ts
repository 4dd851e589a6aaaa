/**
 * Single-precision GEMM on WasmHeap storage: C = op(A)·op(B) + beta·C, computed in place by the
 * WASM SIMD kernels (BLIS-style: cache blocks of A and B are packed into micro-panels, then an
 * MR×NR register-blocked micro-kernel sweeps them). With at most two blocks of rows (the
 * layers of a small-batch MLP) B is read in place instead, and A too when it is row-major:
 * packing would cost a pass over them for one or two uses.
 *
 * Pointers are byte offsets into the heap; leading dimensions are in elements (row-major, as
 * BLAS `lda` etc. for a row-major layout). op(X) = X, or Xᵀ when `transX` is true.
 */
import { type Kernels, type KernelVariant, kernelsFor } from './kernels.js'
import type { WasmHeap } from './WasmHeap.js'

/** Cache blocks: a KC×NR B panel stays in L1, an MC×KC A block in L2, a KC×NC B block in L3. */
const KC = 256
/** Below this many rows of C, matrix-vector passes replace the packed GEMM (measured). */
const GEMV_ROWS = 4
const MC = 120 // a multiple of every micro-tile height used (4, 5, 6)
const NC = 2048

export interface SgemmParams {
  m: number
  n: number
  k: number
  /** Byte offset of A (m×k, or k×m when transA). */
  a: number
  lda: number
  transA?: boolean
  /** Byte offset of B (k×n, or n×k when transB). */
  b: number
  ldb: number
  transB?: boolean
  /** Byte offset of C (m×n). */
  c: number
  ldc: number
  /** C's old contents are scaled by beta (0: overwritten, 1: accumulated). Default 0. */
  beta?: number
  /** Force a kernel variant (benchmarks and tests); default: the fastest available. */
  variant?: KernelVariant
}

interface Workspace {
  packA: number
  packB: number
  scratch: number
  packBBytes: number
}

const workspaces = new WeakMap<WasmHeap, Workspace>()

/** Upper bounds of the micro-tile shape over the kernel variants (sizes the workspace). */
const MAX_MR = 8
const MAX_NR = 16

function workspace(heap: WasmHeap, packBBytes: number): Workspace {
  let ws = workspaces.get(heap)
  if (ws === undefined) {
    ws = {
      packA: heap.alloc((MC + MAX_MR) * KC * 4),
      scratch: heap.alloc(MAX_MR * MAX_NR * 4),
      packB: heap.alloc(packBBytes),
      packBBytes,
    }
    workspaces.set(heap, ws)
  } else if (ws.packBBytes < packBBytes) {
    heap.free(ws.packB)
    ws.packB = heap.alloc(packBBytes)
    ws.packBBytes = packBBytes
  }
  return ws
}

function scaleC(heap: WasmHeap, p: SgemmParams, beta: number): void {
  for (let i = 0; i < p.m; i++) {
    const row = heap.f32(p.c + i * p.ldc * 4, p.n)
    if (beta === 0) row.fill(0)
    else for (let j = 0; j < p.n; j++) row[j] *= beta
  }
}

/** C = op(A)·op(B) + beta·C on heap storage. */
export function sgemm(heap: WasmHeap, p: SgemmParams): void {
  const { m, n, k } = p
  if (m <= 0 || n <= 0) return
  let beta = p.beta ?? 0
  if (k <= 0 || (beta !== 0 && beta !== 1)) {
    scaleC(heap, p, beta)
    if (k <= 0) return
    beta = 1
  }
  const kernels: Kernels = kernelsFor(heap, p.variant)
  const x = kernels.exports
  // op(A)(i, kk) sits at a + i*rsA + kk*csA (bytes); op(B)(kk, j) at b + kk*rsB + j*csB.
  const rsA = p.transA ? 4 : p.lda * 4
  const csA = p.transA ? p.lda * 4 : 4
  const rsB = p.transB ? 4 : p.ldb * 4
  const csB = p.transB ? p.ldb * 4 : 4
  const ldcBytes = p.ldc * 4
  if (m < GEMV_ROWS) {
    // A few rows: one pass over B in place per row beats packing B for the micro-kernel.
    const acc = beta !== 0 ? 1 : 0
    for (let i = 0; i < m; i++) {
      const a = p.a + i * rsA
      const y = p.c + i * ldcBytes
      if (p.transB) x.gemv_t(a, csA, p.b, csB, y, n, k, acc)
      else x.gemv_n(a, csA, p.b, rsB, y, n, k, acc)
    }
    return
  }
  const NR = x.nr.value as number
  if (csB === 4 && n % NR === 0 && n <= NC && m <= 2 * MC) {
    // At most two blocks of rows: each B panel would be packed for one or two uses, so the
    // micro-kernel reads B in place (no packing pass, 4·k·n fewer bytes through the cache).
    const ws = workspace(heap, 64)
    if (csA === 4) {
      // A row-major too: no packing at all (the micro-kernel reads MR rows of A in place).
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc)
        const acc = pc > 0 || beta !== 0 ? 1 : 0
        x.macro_ss(kc, m, n, p.a + pc * 4, rsA, p.b + pc * rsB, rsB, p.c, ldcBytes, acc, ws.scratch)
      }
      return
    }
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc)
      const acc = pc > 0 || beta !== 0 ? 1 : 0
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic)
        x.pack_a(ws.packA, p.a + ic * rsA + pc * csA, mc, kc, rsA, csA)
        // Packed A holds one MR-row panel of kc steps per tile: a tile stride of 4·kc bytes.
        const c = p.c + ic * ldcBytes
        x.macro_s(kc, mc, n, ws.packA, kc * 4, p.b + pc * rsB, rsB, c, ldcBytes, acc, ws.scratch)
      }
    }
    return
  }
  const ncMax = Math.min(n, NC)
  const ws = workspace(heap, Math.ceil(ncMax / NR) * NR * Math.min(k, KC) * 4)
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc)
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc)
      x.pack_b(ws.packB, p.b + pc * rsB + jc * csB, kc, nc, rsB, csB)
      const acc = pc > 0 || beta !== 0 ? 1 : 0
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic)
        x.pack_a(ws.packA, p.a + ic * rsA + pc * csA, mc, kc, rsA, csA)
        x.macro(
          kc,
          mc,
          nc,
          ws.packA,
          ws.packB,
          p.c + ic * ldcBytes + jc * 4,
          ldcBytes,
          acc,
          ws.scratch,
        )
      }
    }
  }
}
