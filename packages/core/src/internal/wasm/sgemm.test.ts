import { describe, expect, it } from 'vitest'
import { compileKernelVariant, type KernelVariant } from './kernels.js'
import { sgemm } from './sgemm.js'
import { WasmHeap } from './WasmHeap.js'

/** A small deterministic generator (the test must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32 - 0.5
  }
}

/** Reference: C = op(A)·op(B) + beta·C in float64. */
function naive(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  lda: number,
  ta: boolean,
  b: Float32Array,
  ldb: number,
  tb: boolean,
  c: Float32Array,
  ldc: number,
  beta: number,
): Float64Array {
  const out = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let kk = 0; kk < k; kk++) {
        s += (ta ? a[kk * lda + i] : a[i * lda + kk]) * (tb ? b[j * ldb + kk] : b[kk * ldb + j])
      }
      out[i * n + j] = s + (beta === 0 ? 0 : beta * c[i * ldc + j])
    }
  }
  return out
}

const variants: KernelVariant[] = ['simd']
if (compileKernelVariant('relaxed-simd') !== null) variants.push('relaxed-simd')

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 37, 5],
  [37, 1, 5],
  [6, 8, 4],
  [7, 9, 3],
  [13, 17, 19],
  [32, 64, 784],
  // n a multiple of NR with one or two blocks of rows: B read in place (macro_s).
  [121, 64, 513],
  [200, 16, 300],
  [50, 33, 257],
  [121, 10, 300],
  [130, 130, 2],
  [5, 2100, 7],
  [4, 5, 0],
  // m < 4 takes the matrix-vector path: column passes of 16/4/1 and k-vectors of 16.
  [2, 40, 33],
  [3, 17, 70],
  [1, 300, 300],
  [1, 3, 0],
]

describe.each(variants)('sgemm (%s kernels)', (variant) => {
  for (const [m, n, k] of shapes) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      for (const beta of [0, 1, 0.5]) {
        it(`m=${m} n=${n} k=${k} transA=${ta} transB=${tb} beta=${beta}`, () => {
          const heap = new WasmHeap()
          const rnd = lcg(m * 7919 + n * 31 + k + (ta ? 1 : 0) + (tb ? 2 : 0))
          // Leading dimensions larger than the logical width exercise the strided paths.
          const lda = (ta ? m : k) + 3
          const ldb = (tb ? k : n) + 1
          const ldc = n + 2
          const aRows = ta ? k : m
          const bRows = tb ? n : k
          const pa = heap.alloc(Math.max(1, aRows * lda) * 4)
          const pb = heap.alloc(Math.max(1, bRows * ldb) * 4)
          const pc = heap.alloc(m * ldc * 4)
          const a = heap.f32(pa, aRows * lda)
          const b = heap.f32(pb, bRows * ldb)
          for (let i = 0; i < a.length; i++) a[i] = rnd()
          for (let i = 0; i < b.length; i++) b[i] = rnd()
          const c0 = heap.f32(pc, m * ldc)
          for (let i = 0; i < c0.length; i++) c0[i] = rnd()
          const before = Float32Array.from(c0)
          const want = naive(m, n, k, a, lda, ta, b, ldb, tb, before, ldc, beta)
          sgemm(heap, {
            m,
            n,
            k,
            a: pa,
            lda,
            transA: ta,
            b: pb,
            ldb,
            transB: tb,
            c: pc,
            ldc,
            beta,
            variant,
          })
          const c = heap.f32(pc, m * ldc)
          const tol = 1e-5 * Math.max(1, Math.sqrt(k))
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < ldc; j++) {
              if (j < n) {
                const got = c[i * ldc + j]
                const diff = Math.abs(got - want[i * n + j])
                if (!(diff <= tol)) {
                  expect.fail(`C[${i},${j}] = ${got}, expected ${want[i * n + j]}`)
                }
              } else {
                // Padding columns between rows must be untouched.
                expect(c[i * ldc + j]).toBe(before[i * ldc + j])
              }
            }
          }
        })
      }
    }
  }
})

describe('sgemm NaN', () => {
  it('propagates NaN from A into the affected row only', () => {
    const heap = new WasmHeap()
    const pa = heap.alloc(8 * 8 * 4)
    const pb = heap.alloc(8 * 8 * 4)
    const pc = heap.alloc(8 * 8 * 4)
    heap.f32(pa, 64).fill(1)
    heap.f32(pb, 64).fill(1)
    heap.f32(pa, 64)[2 * 8 + 3] = Number.NaN
    sgemm(heap, { m: 8, n: 8, k: 8, a: pa, lda: 8, b: pb, ldb: 8, c: pc, ldc: 8 })
    const c = heap.f32(pc, 64)
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        if (i === 2) expect(c[i * 8 + j]).toBeNaN()
        else expect(c[i * 8 + j]).toBe(8)
      }
    }
  })
})
