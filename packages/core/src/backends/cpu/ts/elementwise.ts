/**
 * TypeScript reference kernels for elementwise ops: unary (with their derivative, used by the
 * fused `unaryGrad` kernel), binary with NumPy broadcasting, where and cast.
 */
import type { DType } from '../../../dtype.js'
import type { KernelContext, KernelRun } from '../../../engine/registry.js'
import { broadcastShapes, broadcastStrides } from '../../../internal/shape.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { erf, view } from './util.js'

// biome-ignore lint/suspicious/noExplicitAny: op attrs.
type Attrs = any
type Unary = (x: number, a: Attrs) => number
/** Derivative dy/dx given x and y = f(x). */
type Deriv = (x: number, y: number, a: Attrs) => number

const SQRT1_2 = Math.SQRT1_2
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)
const GELU_C = Math.sqrt(2 / Math.PI)

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

export const UNARY: Record<string, [Unary, Deriv | null]> = {
  neg: [(x) => -x, () => -1],
  abs: [(x) => Math.abs(x), (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)],
  sign: [(x) => (x > 0 ? 1 : x < 0 ? -1 : x), null],
  exp: [Math.exp, (_x, y) => y],
  log: [Math.log, (x) => 1 / x],
  log1p: [Math.log1p, (x) => 1 / (1 + x)],
  sqrt: [Math.sqrt, (_x, y) => 0.5 / y],
  rsqrt: [(x) => 1 / Math.sqrt(x), (_x, y) => -0.5 * y * y * y],
  square: [(x) => x * x, (x) => 2 * x],
  sin: [Math.sin, Math.cos],
  cos: [Math.cos, (x) => -Math.sin(x)],
  tanh: [Math.tanh, (_x, y) => 1 - y * y],
  sigmoid: [sigmoid, (_x, y) => y * (1 - y)],
  relu: [(x) => (x < 0 ? 0 : x), (x) => (x > 0 ? 1 : 0)],
  leakyRelu: [(x, a) => (x < 0 ? a.alpha * x : x), (x, _y, a) => (x > 0 ? 1 : a.alpha)],
  elu: [(x, a) => (x < 0 ? a.alpha * Math.expm1(x) : x), (x, y, a) => (x > 0 ? 1 : y + a.alpha)],
  gelu: [
    (x, a) =>
      a.approximate === 'tanh'
        ? 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x)))
        : 0.5 * x * (1 + erf(x * SQRT1_2)),
    (x, _y, a) => {
      if (a.approximate === 'tanh') {
        const u = GELU_C * (x + 0.044715 * x * x * x)
        const t = Math.tanh(u)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x)
      }
      return 0.5 * (1 + erf(x * SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)
    },
  ],
  softplus: [(x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (x) => sigmoid(x)],
  clip: [
    (x, a) => (x < a.min ? a.min : x > a.max ? a.max : x),
    (x, _y, a) => (x >= a.min && x <= a.max ? 1 : 0),
  ],
  clone: [(x) => x, () => 1],
  logicalNot: [(x) => (x ? 0 : 1), null],
}

function unaryKernel(f: Unary, outBool: boolean): KernelRun {
  return (inputs, attrs, ctx) => {
    const x = inputs[0]
    const out = ctx.output(x.shape, outBool ? 'bool' : x.dtype)
    const o = view(out)
    const a = view(x)
    const n = x.size
    for (let i = 0; i < n; i++) o[i] = f(a[i], attrs)
    return out
  }
}

/** dx = dy · f'(x, y) for the unary op named in attrs.op (inputs: dy, x, y). */
const unaryGrad: KernelRun = (inputs, attrs, ctx) => {
  const [dy, x, y] = inputs as [Tensor, Tensor, Tensor]
  const d = UNARY[attrs.op]?.[1]
  if (!d) throw new Error(`unaryGrad: no derivative for ${attrs.op}`)
  const out = ctx.output(x.shape, dy.dtype)
  const o = view(out)
  const g = view(dy)
  const xv = view(x)
  const yv = view(y)
  const n = x.size
  for (let i = 0; i < n; i++) o[i] = g[i] * d(xv[i], yv[i], attrs)
  return out
}

type Binary = (a: number, b: number) => number

export const BINARY: Record<string, [Binary, boolean]> = {
  add: [(a, b) => a + b, false],
  sub: [(a, b) => a - b, false],
  mul: [(a, b) => a * b, false],
  div: [(a, b) => a / b, false],
  pow: [Math.pow, false],
  maximum: [(a, b) => (a > b || Number.isNaN(a) ? a : b), false],
  minimum: [(a, b) => (a < b || Number.isNaN(a) ? a : b), false],
  equal: [(a, b) => (a === b ? 1 : 0), true],
  notEqual: [(a, b) => (a !== b ? 1 : 0), true],
  less: [(a, b) => (a < b ? 1 : 0), true],
  lessEqual: [(a, b) => (a <= b ? 1 : 0), true],
  greater: [(a, b) => (a > b ? 1 : 0), true],
  greaterEqual: [(a, b) => (a >= b ? 1 : 0), true],
  logicalAnd: [(a, b) => (a && b ? 1 : 0), true],
  logicalOr: [(a, b) => (a || b ? 1 : 0), true],
  logicalXor: [(a, b) => (!a !== !b ? 1 : 0), true],
}

function binaryKernel(op: string, f: Binary, outBool: boolean): KernelRun {
  return (inputs, _attrs, ctx: KernelContext) => {
    const x = inputs[0]
    const y = inputs[1]
    const shape = broadcastShapes(op, x.shape, y.shape)
    const out = ctx.output(shape, outBool ? 'bool' : x.dtype)
    const o = view(out)
    const a = view(x)
    const b = view(y)
    const n = out.size
    if (x.size === n && y.size === n) {
      if (op === 'add') for (let i = 0; i < n; i++) o[i] = a[i] + b[i]
      else if (op === 'mul') for (let i = 0; i < n; i++) o[i] = a[i] * b[i]
      else if (op === 'sub') for (let i = 0; i < n; i++) o[i] = a[i] - b[i]
      else for (let i = 0; i < n; i++) o[i] = f(a[i], b[i])
    } else if (y.size === 1) {
      const bv = b[0]
      if (op === 'mul') for (let i = 0; i < n; i++) o[i] = a[i] * bv
      else if (op === 'add') for (let i = 0; i < n; i++) o[i] = a[i] + bv
      else for (let i = 0; i < n; i++) o[i] = f(a[i], bv)
    } else if (x.size === 1) {
      const av = a[0]
      for (let i = 0; i < n; i++) o[i] = f(av, b[i])
    } else broadcastLoop(f, a, x.shape, b, y.shape, o, shape)
    return out
  }
}

function broadcastLoop(
  f: Binary,
  a: ArrayLike<number>,
  aShape: readonly number[],
  b: ArrayLike<number>,
  bShape: readonly number[],
  o: { [i: number]: number },
  shape: readonly number[],
): void {
  const r = shape.length
  const sa = broadcastStrides(aShape, shape)
  const sb = broadcastStrides(bShape, shape)
  const n = shape[r - 1]
  const ia = sa[r - 1]
  const ib = sb[r - 1]
  const idx = new Array<number>(r).fill(0)
  let pa = 0
  let pb = 0
  let po = 0
  const total = shape.reduce((p, d) => p * d, 1)
  while (po < total) {
    for (let j = 0; j < n; j++) o[po + j] = f(a[pa + j * ia], b[pb + j * ib])
    po += n
    for (let k = r - 2; k >= 0; k--) {
      idx[k]++
      pa += sa[k]
      pb += sb[k]
      if (idx[k] < shape[k]) break
      pa -= sa[k] * shape[k]
      pb -= sb[k] * shape[k]
      idx[k] = 0
    }
  }
}

const where: KernelRun = (inputs, _attrs, ctx) => {
  const [c, x, y] = inputs as [Tensor, Tensor, Tensor]
  const shape = broadcastShapes('where', broadcastShapes('where', c.shape, x.shape), y.shape)
  const out = ctx.output(shape, x.dtype)
  const o = view(out)
  const cv = view(c)
  const a = view(x)
  const b = view(y)
  const r = shape.length
  const sc = broadcastStrides(c.shape, shape)
  const sa = broadcastStrides(x.shape, shape)
  const sb = broadcastStrides(y.shape, shape)
  const idx = new Array<number>(r).fill(0)
  let pc = 0
  let pa = 0
  let pb = 0
  for (let i = 0; i < out.size; i++) {
    o[i] = cv[pc] ? a[pa] : b[pb]
    for (let k = r - 1; k >= 0; k--) {
      idx[k]++
      pc += sc[k]
      pa += sa[k]
      pb += sb[k]
      if (idx[k] < shape[k]) break
      pc -= sc[k] * shape[k]
      pa -= sa[k] * shape[k]
      pb -= sb[k] * shape[k]
      idx[k] = 0
    }
  }
  return out
}

const cast: KernelRun = (inputs, attrs: { dtype: DType }, ctx) => {
  const x = inputs[0]
  const out = ctx.output(x.shape, attrs.dtype)
  const o = view(out)
  const a = view(x)
  const n = x.size
  if (attrs.dtype === 'bool') for (let i = 0; i < n; i++) o[i] = a[i] !== 0 ? 1 : 0
  else if (attrs.dtype === 'int32')
    for (let i = 0; i < n; i++) o[i] = a[i] // ToInt32 truncates
  else o.set(a)
  return out
}

export function elementwiseKernels(): [string, KernelRun][] {
  const list: [string, KernelRun][] = []
  for (const [op, [f]] of Object.entries(UNARY))
    list.push([op, unaryKernel(f, op === 'logicalNot')])
  for (const [op, [f, outBool]] of Object.entries(BINARY))
    list.push([op, binaryKernel(op, f, outBool)])
  list.push(['unaryGrad', unaryGrad], ['where', where], ['cast', cast])
  return list
}
