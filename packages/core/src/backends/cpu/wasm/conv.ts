/**
 * The `cpu` backend's float32 conv2d and its two gradients: im2col (WASM) + the WASM SIMD GEMM
 * per (image, group). A 1×1 convolution with stride 1 and no padding skips im2col (the input
 * plane already is the column matrix). Other dtypes use the TypeScript reference kernels.
 */
import type { KernelRun } from '../../../engine/registry.js'
import { kernelsFor } from '../../../internal/wasm/kernels.js'
import { sgemm } from '../../../internal/wasm/sgemm.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { type CpuBuffer, cpuHeap } from '../cpuHeap.js'
import { type ConvAttrs, type ConvGeometry, convGeometry, convKernels } from '../ts/conv.js'

const ts = new Map(convKernels())
const ptr = (t: Tensor): number => (t.buf as CpuBuffer).ptr

interface Geo extends ConvGeometry {
  /** im2col is the identity (1×1 kernel, stride 1, no padding). */
  direct: boolean
}

function geometry(x: readonly number[], w: readonly number[], a: ConvAttrs): Geo {
  const g = convGeometry(x, w, a)
  const direct =
    g.KH === 1 &&
    g.KW === 1 &&
    a.stride[0] === 1 &&
    a.stride[1] === 1 &&
    a.pad.every((p) => p === 0)
  return { ...g, direct }
}

/** The geometry arguments im2col and col2im share (after their two pointers). */
function colArgs(g: Geo, a: ConvAttrs) {
  return [
    g.Cg,
    g.H,
    g.W,
    g.KH,
    g.KW,
    g.OH,
    g.OW,
    a.stride[0],
    a.stride[1],
    a.pad[0],
    a.pad[2],
    a.dilation[0],
    a.dilation[1],
  ] as const
}

function im2col(xPtr: number, g: Geo, a: ConvAttrs, colPtr: number): void {
  kernelsFor(cpuHeap).exports.im2col(xPtr, colPtr, ...colArgs(g, a))
}

function col2im(colPtr: number, g: Geo, a: ConvAttrs, dxPtr: number): void {
  kernelsFor(cpuHeap).exports.col2im(dxPtr, colPtr, ...colArgs(g, a))
}

function withCol<T>(g: Geo, f: (col: number) => T): T {
  if (g.direct) return f(0)
  const col = cpuHeap.alloc(g.CK * g.OH * g.OW * 4)
  try {
    return f(col)
  } finally {
    cpuHeap.free(col)
  }
}

const conv2d: KernelRun = (inputs, a: ConvAttrs, ctx) => {
  const [x, w] = inputs
  if (x.dtype !== 'float32' || w.dtype !== 'float32') {
    return (ts.get('conv2d') as KernelRun)(inputs, a, ctx)
  }
  const g = geometry(x.shape, w.shape, a)
  const out = ctx.output([g.N, g.O, g.OH, g.OW], 'float32')
  const P = g.OH * g.OW
  return withCol(g, (col) => {
    for (let n = 0; n < g.N; n++) {
      for (let grp = 0; grp < a.groups; grp++) {
        const xg = ptr(x) + (n * g.C + grp * g.Cg) * g.H * g.W * 4
        if (!g.direct) im2col(xg, g, a, col)
        sgemm(cpuHeap, {
          m: g.Og,
          n: P,
          k: g.CK,
          a: ptr(w) + grp * g.Og * g.CK * 4,
          lda: g.CK,
          b: g.direct ? xg : col,
          ldb: P,
          c: ptr(out) + (n * g.O + grp * g.Og) * P * 4,
          ldc: P,
        })
      }
    }
    return out
  })
}

const conv2dBackpropInput: KernelRun = (inputs, a: ConvAttrs & { inputShape: number[] }, ctx) => {
  const [dy, w] = inputs
  if (dy.dtype !== 'float32' || w.dtype !== 'float32') {
    return (ts.get('conv2dBackpropInput') as KernelRun)(inputs, a, ctx)
  }
  const g = geometry(a.inputShape, w.shape, a)
  const out = ctx.output(a.inputShape, 'float32')
  const P = g.OH * g.OW
  if (!g.direct) cpuHeap.f32(ptr(out), out.size).fill(0)
  return withCol(g, (col) => {
    for (let n = 0; n < g.N; n++) {
      for (let grp = 0; grp < a.groups; grp++) {
        const dxg = ptr(out) + (n * g.C + grp * g.Cg) * g.H * g.W * 4
        // col = W_gᵀ · dy_g  (CK × P); for a direct conv that is dx itself.
        sgemm(cpuHeap, {
          m: g.CK,
          n: P,
          k: g.Og,
          a: ptr(w) + grp * g.Og * g.CK * 4,
          lda: g.CK,
          transA: true,
          b: ptr(dy) + (n * g.O + grp * g.Og) * P * 4,
          ldb: P,
          c: g.direct ? dxg : col,
          ldc: P,
        })
        if (!g.direct) col2im(col, g, a, dxg)
      }
    }
    return out
  })
}

const conv2dBackpropFilter: KernelRun = (inputs, a: ConvAttrs & { filterShape: number[] }, ctx) => {
  const [x, dy] = inputs
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    return (ts.get('conv2dBackpropFilter') as KernelRun)(inputs, a, ctx)
  }
  const g = geometry(x.shape, a.filterShape, a)
  const out = ctx.output(a.filterShape, 'float32')
  const P = g.OH * g.OW
  return withCol(g, (col) => {
    for (let n = 0; n < g.N; n++) {
      for (let grp = 0; grp < a.groups; grp++) {
        const xg = ptr(x) + (n * g.C + grp * g.Cg) * g.H * g.W * 4
        if (!g.direct) im2col(xg, g, a, col)
        // dW_g (+)= dy_g (Og × P) · colᵀ (P × CK)
        sgemm(cpuHeap, {
          m: g.Og,
          n: g.CK,
          k: P,
          a: ptr(dy) + (n * g.O + grp * g.Og) * P * 4,
          lda: P,
          b: g.direct ? xg : col,
          ldb: P,
          transB: true,
          c: ptr(out) + grp * g.Og * g.CK * 4,
          ldc: g.CK,
          beta: n === 0 ? 0 : 1,
        })
      }
    }
    return out
  })
}

export function wasmConvKernels(): [string, KernelRun][] {
  return [
    ['conv2d', conv2d],
    ['conv2dBackpropInput', conv2dBackpropInput],
    ['conv2dBackpropFilter', conv2dBackpropFilter],
  ]
}
