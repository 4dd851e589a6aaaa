/**
 * The `cpu` backend's matmul and the dense layer's fused `linear`: float32 runs on the WASM
 * SIMD GEMM in place on the shared heap (`linear` then adds the bias and applies ReLU in one
 * WASM pass over the output while it is in cache); other dtypes use the TypeScript reference
 * kernels (exact integer/float64 arithmetic).
 */
import type { KernelRun } from '../../../engine/registry.js'
import { broadcastStrides, sizeOf } from '../../../internal/shape.js'
import { kernelsFor } from '../../../internal/wasm/kernels.js'
import { type SgemmParams, sgemm } from '../../../internal/wasm/sgemm.js'
import type { CpuBuffer } from '../cpuHeap.js'
import { cpuHeap } from '../cpuHeap.js'
import { type LinearAttrs, linalgKernels, type MatmulAttrs, matmulGeometry } from '../ts/linalg.js'

const reference = (op: string) => linalgKernels().find(([o]) => o === op)?.[1] as KernelRun
const tsMatmul = reference('matmul')
const tsLinear = reference('linear')

/**
 * The GEMM description of `linear`, reused (sgemm reads it synchronously): one object less per
 * layer call, which shows in batch-1 serving, where allocation and GC are a good part of a call.
 */
const linearGemm: SgemmParams = { m: 0, n: 0, k: 0, a: 0, lda: 0, b: 0, ldb: 0, c: 0, ldc: 0 }

export const wasmLinear: KernelRun = (inputs, attrs: LinearAttrs, ctx) => {
  const x = inputs[0]
  const w = inputs[1]
  const b = inputs.length > 2 ? inputs[2] : undefined
  if (
    x.dtype !== 'float32' ||
    w.dtype !== 'float32' ||
    (b !== undefined && b.dtype !== 'float32')
  ) {
    return tsLinear(inputs, attrs, ctx)
  }
  const m = x.shape[0]
  const k = x.shape[1]
  const n = w.shape[1]
  const out = ctx.output([m, n], 'float32')
  const g = linearGemm
  g.m = m
  g.n = n
  g.k = k
  g.a = (x.buf as CpuBuffer).ptr
  g.lda = k
  g.b = (w.buf as CpuBuffer).ptr
  g.ldb = n
  g.c = (out.buf as CpuBuffer).ptr
  g.ldc = n
  sgemm(cpuHeap, g)
  if (b !== undefined || attrs.relu) {
    const bias = b === undefined ? 0 : (b.buf as CpuBuffer).ptr
    kernelsFor(cpuHeap).exports.bias_act(g.c, n * 4, m, n, bias, attrs.relu ? 1 : 0)
  }
  return out
}

export const wasmMatmul: KernelRun = (inputs, attrs: MatmulAttrs, ctx) => {
  const [x, y] = inputs
  if (x.dtype !== 'float32' || y.dtype !== 'float32') return tsMatmul(inputs, attrs, ctx)
  const { M, K, N, batch, shape } = matmulGeometry(x.shape, y.shape, attrs)
  const out = ctx.output(shape, 'float32')
  const pa = (x.buf as CpuBuffer).ptr
  const pb = (y.buf as CpuBuffer).ptr
  const pc = (out.buf as CpuBuffer).ptr
  const transA = attrs.transA
  const transB = attrs.transB
  const lda = transA ? M : K
  const ldb = transB ? K : N
  const nb = sizeOf(batch)
  const batchA = x.shape.length > 2 ? sizeOf(x.shape.slice(0, -2)) : 1
  const batchB = y.shape.length > 2 ? sizeOf(y.shape.slice(0, -2)) : 1
  if (nb === batchA && batchB === 1 && !transA) {
    // [..., M, K] · [K, N]: the batch folds into M, one GEMM instead of `nb` small ones.
    sgemm(cpuHeap, { m: nb * M, n: N, k: K, a: pa, lda, b: pb, ldb, transB, c: pc, ldc: N })
    return out
  }
  const sa = broadcastStrides(x.shape.slice(0, -2), batch)
  const sb = broadcastStrides(y.shape.slice(0, -2), batch)
  const idx = new Array<number>(batch.length).fill(0)
  let ia = 0
  let ib = 0
  for (let t = 0; t < nb; t++) {
    sgemm(cpuHeap, {
      m: M,
      n: N,
      k: K,
      a: pa + ia * M * K * 4,
      lda,
      transA,
      b: pb + ib * K * N * 4,
      ldb,
      transB,
      c: pc + t * M * N * 4,
      ldc: N,
    })
    for (let d = batch.length - 1; d >= 0; d--) {
      idx[d]++
      ia += sa[d]
      ib += sb[d]
      if (idx[d] < batch[d]) break
      ia -= sa[d] * batch[d]
      ib -= sb[d] * batch[d]
      idx[d] = 0
    }
  }
  return out
}
