/**
 * TypeScript reference kernels for conv2d (NCHW, OIHW weights, stride, padding, dilation,
 * groups) and 2-D pooling, with their backward kernels. Convolution is im2col + GEMM per
 * (image, group): the same GEMM serves the forward pass and both gradients.
 */
import type { KernelRun } from '../../../engine/registry.js'
import { gemm, view } from './util.js'

export interface ConvAttrs {
  stride: [number, number]
  /** [top, bottom, left, right] */
  pad: [number, number, number, number]
  dilation: [number, number]
  groups: number
}

export interface PoolAttrs {
  kernel: [number, number]
  stride: [number, number]
  pad: [number, number]
}

/** Output spatial size of a convolution or pooling window. */
export function convOutSize(
  n: number,
  k: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dil: number,
): number {
  return Math.floor((n + padBefore + padAfter - dil * (k - 1) - 1) / stride) + 1
}

/** Shapes of one conv2d call (NCHW input, OIHW filter); shared with the WASM kernels. */
export interface ConvGeometry {
  N: number
  C: number
  H: number
  W: number
  O: number
  KH: number
  KW: number
  OH: number
  OW: number
  Cg: number
  Og: number
  CK: number
}

export function convGeometry(
  x: readonly number[],
  w: readonly number[],
  a: ConvAttrs,
): ConvGeometry {
  const [N, C, H, W] = x
  const [O, Cg, KH, KW] = w
  const OH = convOutSize(H, KH, a.stride[0], a.pad[0], a.pad[1], a.dilation[0])
  const OW = convOutSize(W, KW, a.stride[1], a.pad[2], a.pad[3], a.dilation[1])
  return { N, C, H, W, O, KH, KW, OH, OW, Cg, Og: O / a.groups, CK: Cg * KH * KW }
}

function im2col(
  x: ArrayLike<number>,
  xOff: number,
  g: ConvGeometry,
  a: ConvAttrs,
  col: Float64Array,
): void {
  const { H, W, KH, KW, OH, OW, Cg } = g
  let r = 0
  for (let c = 0; c < Cg; c++) {
    const plane = xOff + c * H * W
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++, r++) {
        const row = r * OH * OW
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * a.stride[0] - a.pad[0] + kh * a.dilation[0]
          for (let ow = 0; ow < OW; ow++) {
            const iw = ow * a.stride[1] - a.pad[2] + kw * a.dilation[1]
            col[row + oh * OW + ow] =
              ih >= 0 && ih < H && iw >= 0 && iw < W ? x[plane + ih * W + iw] : 0
          }
        }
      }
    }
  }
}

function col2im(
  col: Float64Array,
  g: ConvGeometry,
  a: ConvAttrs,
  dx: { [i: number]: number },
  xOff: number,
): void {
  const { H, W, KH, KW, OH, OW, Cg } = g
  let r = 0
  for (let c = 0; c < Cg; c++) {
    const plane = xOff + c * H * W
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++, r++) {
        const row = r * OH * OW
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * a.stride[0] - a.pad[0] + kh * a.dilation[0]
          if (ih < 0 || ih >= H) continue
          for (let ow = 0; ow < OW; ow++) {
            const iw = ow * a.stride[1] - a.pad[2] + kw * a.dilation[1]
            if (iw >= 0 && iw < W) dx[plane + ih * W + iw] += col[row + oh * OW + ow]
          }
        }
      }
    }
  }
}

const conv2d: KernelRun = (inputs, a: ConvAttrs, ctx) => {
  const [x, w] = inputs
  const g = convGeometry(x.shape, w.shape, a)
  const out = ctx.output([g.N, g.O, g.OH, g.OW], x.dtype)
  const o = view(out)
  const xv = view(x)
  const wv = view(w)
  const col = new Float64Array(g.CK * g.OH * g.OW)
  const acc = new Float64Array(g.OH * g.OW)
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < a.groups; grp++) {
      im2col(xv, (n * g.C + grp * g.Cg) * g.H * g.W, g, a, col)
      const outOff = (n * g.O + grp * g.Og) * g.OH * g.OW
      gemm(wv, grp * g.Og * g.CK, col, 0, o, outOff, g.Og, g.OH * g.OW, g.CK, false, false, acc)
    }
  }
  return out
}

const conv2dBackpropInput: KernelRun = (inputs, a: ConvAttrs & { inputShape: number[] }, ctx) => {
  const [dy, w] = inputs
  const g = convGeometry(a.inputShape, w.shape, a)
  const out = ctx.output(a.inputShape, dy.dtype)
  const o = view(out)
  o.fill(0)
  const dyv = view(dy)
  const wv = view(w)
  const col = new Float64Array(g.CK * g.OH * g.OW)
  const acc = new Float64Array(g.OH * g.OW)
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < a.groups; grp++) {
      const dyOff = (n * g.O + grp * g.Og) * g.OH * g.OW
      gemm(wv, grp * g.Og * g.CK, dyv, dyOff, col, 0, g.CK, g.OH * g.OW, g.Og, true, false, acc)
      col2im(col, g, a, o, (n * g.C + grp * g.Cg) * g.H * g.W)
    }
  }
  return out
}

const conv2dBackpropFilter: KernelRun = (inputs, a: ConvAttrs & { filterShape: number[] }, ctx) => {
  const [x, dy] = inputs
  const g = convGeometry(x.shape, a.filterShape, a)
  const out = ctx.output(a.filterShape, x.dtype)
  const dw = new Float64Array(out.size)
  const xv = view(x)
  const dyv = view(dy)
  const col = new Float64Array(g.CK * g.OH * g.OW)
  const acc = new Float64Array(g.CK)
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < a.groups; grp++) {
      im2col(xv, (n * g.C + grp * g.Cg) * g.H * g.W, g, a, col)
      const dyOff = (n * g.O + grp * g.Og) * g.OH * g.OW
      gemm(
        dyv,
        dyOff,
        col,
        0,
        dw,
        grp * g.Og * g.CK,
        g.Og,
        g.CK,
        g.OH * g.OW,
        false,
        true,
        acc,
        true,
      )
    }
  }
  view(out).set(dw)
  return out
}

function poolGeo(shape: readonly number[], a: PoolAttrs) {
  const [N, C, H, W] = shape
  const OH = convOutSize(H, a.kernel[0], a.stride[0], a.pad[0], a.pad[0], 1)
  const OW = convOutSize(W, a.kernel[1], a.stride[1], a.pad[1], a.pad[1], 1)
  return { N, C, H, W, OH, OW }
}

/**
 * Index of the window maximum for every output of x (first on ties, NaN wins), the work shared
 * by maxPool2d and its backward. Plain loops: a closure per window costs more than the window.
 */
function maxPoolArgmax(
  xv: ArrayLike<number>,
  shape: readonly number[],
  a: PoolAttrs,
  arg: Int32Array,
): void {
  const { N, C, H, W, OH, OW } = poolGeo(shape, a)
  const [sh, sw] = a.stride
  const [kh, kw] = a.kernel
  const [ph, pw] = a.pad
  let oi = 0
  for (let p = 0; p < N * C; p++) {
    const plane = p * H * W
    for (let oh = 0; oh < OH; oh++) {
      const hs = oh * sh - ph
      const h0 = hs > 0 ? hs : 0
      const h1 = hs + kh < H ? hs + kh : H
      for (let ow = 0; ow < OW; ow++, oi++) {
        const ws = ow * sw - pw
        const w0 = ws > 0 ? ws : 0
        const w1 = ws + kw < W ? ws + kw : W
        let best = Number.NEGATIVE_INFINITY
        let bi = -1
        search: for (let h = h0; h < h1; h++) {
          const row = plane + h * W
          for (let w = w0; w < w1; w++) {
            const v = xv[row + w]
            if (bi < 0 || v > best) {
              best = v
              bi = row + w
            } else if (Number.isNaN(v)) {
              bi = row + w
              break search
            }
            if (Number.isNaN(v)) break search
          }
        }
        arg[oi] = bi
      }
    }
  }
}

const maxPool2d: KernelRun = (inputs, a: PoolAttrs, ctx) => {
  const x = inputs[0]
  const { N, C, OH, OW } = poolGeo(x.shape, a)
  const out = ctx.output([N, C, OH, OW], x.dtype)
  const o = view(out)
  const xv = view(x)
  const arg = new Int32Array(out.size)
  maxPoolArgmax(xv, x.shape, a, arg)
  for (let i = 0; i < arg.length; i++) o[i] = arg[i] < 0 ? Number.NEGATIVE_INFINITY : xv[arg[i]]
  return out
}

const maxPool2dBackward: KernelRun = (inputs, a: PoolAttrs, ctx) => {
  const [dy, x] = inputs
  const out = ctx.output(x.shape, dy.dtype)
  const o = view(out)
  o.fill(0)
  const g = view(dy)
  const arg = new Int32Array(dy.size)
  maxPoolArgmax(view(x), x.shape, a, arg)
  for (let i = 0; i < arg.length; i++) if (arg[i] >= 0) o[arg[i]] += g[i]
  return out
}

/** Sum of each window (forward) or spreading of each output's gradient (backward). */
function avgPoolLoop(
  shape: readonly number[],
  a: PoolAttrs,
  src: ArrayLike<number>,
  dst: { [i: number]: number },
  backward: boolean,
): void {
  const { N, C, H, W, OH, OW } = poolGeo(shape, a)
  const [sh, sw] = a.stride
  const [kh, kw] = a.kernel
  const [ph, pw] = a.pad
  const inv = 1 / (kh * kw)
  let oi = 0
  for (let p = 0; p < N * C; p++) {
    const plane = p * H * W
    for (let oh = 0; oh < OH; oh++) {
      const hs = oh * sh - ph
      const h0 = hs > 0 ? hs : 0
      const h1 = hs + kh < H ? hs + kh : H
      for (let ow = 0; ow < OW; ow++, oi++) {
        const ws = ow * sw - pw
        const w0 = ws > 0 ? ws : 0
        const w1 = ws + kw < W ? ws + kw : W
        if (backward) {
          const v = src[oi] * inv
          for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) dst[plane + h * W + w] += v
        } else {
          let s = 0
          for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += src[plane + h * W + w]
          dst[oi] = s * inv
        }
      }
    }
  }
}

const avgPool2d: KernelRun = (inputs, a: PoolAttrs, ctx) => {
  const x = inputs[0]
  const { N, C, OH, OW } = poolGeo(x.shape, a)
  const out = ctx.output([N, C, OH, OW], x.dtype)
  avgPoolLoop(x.shape, a, view(x), view(out), false)
  return out
}

const avgPool2dBackward: KernelRun = (inputs, a: PoolAttrs & { inputShape: number[] }, ctx) => {
  const dy = inputs[0]
  const out = ctx.output(a.inputShape, dy.dtype)
  const o = view(out)
  o.fill(0)
  avgPoolLoop(a.inputShape, a, view(dy), o, true)
  return out
}

export function convKernels(): [string, KernelRun][] {
  return [
    ['conv2d', conv2d],
    ['conv2dBackpropInput', conv2dBackpropInput],
    ['conv2dBackpropFilter', conv2dBackpropFilter],
    ['maxPool2d', maxPool2d],
    ['maxPool2dBackward', maxPool2dBackward],
    ['avgPool2d', avgPool2d],
    ['avgPool2dBackward', avgPool2dBackward],
  ]
}
