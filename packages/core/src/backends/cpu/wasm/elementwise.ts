/**
 * The `cpu` backend's streaming kernels on WASM SIMD: float32 add/sub/mul/div (same shape,
 * scalar, a row broadcast over leading dims such as a bias add, one value per row such as
 * x - max(x, -1)), relu/neg/abs/sqrt/square,
 * the relu gradient and sum. Everything else (other dtypes, general broadcasting) goes to the
 * TypeScript reference kernel of the same op, so results never depend on which path ran.
 */
import type { KernelRun } from '../../../engine/registry.js'
import { broadcastShapes, sizeOf } from '../../../internal/shape.js'
import { type ElementwiseExports, kernelsFor } from '../../../internal/wasm/kernels.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { type CpuBuffer, cpuHeap } from '../cpuHeap.js'
import { elementwiseKernels } from '../ts/elementwise.js'
import { reduceKernels } from '../ts/reduce.js'

const ts = new Map<string, KernelRun>([...elementwiseKernels(), ...reduceKernels()])
const reference = (op: string): KernelRun => {
  const run = ts.get(op)
  if (run === undefined) throw new Error(`wasm kernels: no TypeScript reference kernel for '${op}'`)
  return run
}
const ptr = (t: Tensor): number => (t.buf as CpuBuffer).ptr
let cached: ElementwiseExports | undefined
const wasm = (): ElementwiseExports => {
  cached ??= kernelsFor(cpuHeap).exports
  return cached
}

/** True when `small`'s shape (leading 1s dropped) is a suffix of `big`: a repeated row. */
function isTrailingBroadcast(small: readonly number[], big: readonly number[]): boolean {
  let i = 0
  while (i < small.length && small[i] === 1) i++
  const rest = small.length - i
  if (rest > big.length) return false
  for (let j = 0; j < rest; j++) if (small[i + j] !== big[big.length - rest + j]) return false
  return true
}

/**
 * True when `col` broadcasts along the last axis only: its shape (left-padded with 1s) equals
 * `shape` except for a last dimension of 1, e.g. [B, 1] against [B, C].
 */
function isColumnBroadcast(col: readonly number[], shape: readonly number[]): boolean {
  const r = shape.length
  if (r === 0 || col.length > r || shape[r - 1] <= 1) return false
  const pad = r - col.length
  for (let i = 0; i < r - 1; i++) {
    const d = i < pad ? 1 : col[i - pad]
    if (d !== shape[i]) return false
  }
  return col.length > 0 && col[col.length - 1] === 1
}

type Ternary = (a: number, b: number, o: number, n: number) => void
type RowKernel = (a: number, b: number, o: number, rows: number, n: number) => void

function binary(op: 'add' | 'sub' | 'mul' | 'div'): KernelRun {
  const fallback = reference(op)
  const commutative = op === 'add' || op === 'mul'
  // The WASM functions are resolved on first use, once per op (not per call).
  let vv: Ternary, vs: Ternary, sv: Ternary, vr: RowKernel, vc: RowKernel
  let bound = false
  const bind = (): void => {
    const k = wasm()
    vv = k[`${op}_vv`]
    vs = k[`${op}_vs`]
    sv = k[`${op}_sv`]
    vr = k[`${op}_vr`]
    vc = k[`${op}_vc`]
    bound = true
  }
  return (inputs, attrs, ctx) => {
    const [x, y] = inputs
    if (x.dtype !== 'float32' || y.dtype !== 'float32') return fallback(inputs, attrs, ctx)
    if (!bound) bind()
    const shape = broadcastShapes(op, x.shape, y.shape)
    const n = sizeOf(shape)
    if (x.size === n && y.size === n) {
      const out = ctx.output(shape, 'float32')
      vv(ptr(x), ptr(y), ptr(out), n)
      return out
    }
    if (y.size === 1) {
      const out = ctx.output(shape, 'float32')
      vs(ptr(x), ptr(y), ptr(out), n)
      return out
    }
    if (x.size === 1) {
      const out = ctx.output(shape, 'float32')
      sv(ptr(x), ptr(y), ptr(out), n)
      return out
    }
    if (x.size === n && y.size > 0 && isTrailingBroadcast(y.shape, shape)) {
      const out = ctx.output(shape, 'float32')
      vr(ptr(x), ptr(y), ptr(out), n / y.size, y.size)
      return out
    }
    if (x.size === n && y.size > 0 && isColumnBroadcast(y.shape, shape)) {
      const out = ctx.output(shape, 'float32')
      vc(ptr(x), ptr(y), ptr(out), y.size, n / y.size)
      return out
    }
    if (commutative && y.size === n && x.size > 0 && isColumnBroadcast(x.shape, shape)) {
      const out = ctx.output(shape, 'float32')
      vc(ptr(y), ptr(x), ptr(out), x.size, n / x.size)
      return out
    }
    if (commutative && y.size === n && x.size > 0 && isTrailingBroadcast(x.shape, shape)) {
      const out = ctx.output(shape, 'float32')
      vr(ptr(y), ptr(x), ptr(out), n / x.size, x.size)
      return out
    }
    return fallback(inputs, attrs, ctx)
  }
}

function unary(op: 'relu' | 'neg' | 'abs' | 'sqrt' | 'square'): KernelRun {
  const fallback = reference(op)
  return (inputs, attrs, ctx) => {
    const x = inputs[0]
    if (x.dtype !== 'float32') return fallback(inputs, attrs, ctx)
    const out = ctx.output(x.shape, 'float32')
    wasm()[op](ptr(x), ptr(out), x.size)
    return out
  }
}

const unaryGradFallback = reference('unaryGrad')
/** dx = dy·f'(x): relu on float32 runs in WASM; other ops use the reference kernel. */
const unaryGrad: KernelRun = (inputs, attrs: { op: string }, ctx) => {
  const [dy, x] = inputs
  if (
    attrs.op !== 'relu' ||
    dy.dtype !== 'float32' ||
    x.dtype !== 'float32' ||
    dy.size !== x.size
  ) {
    return unaryGradFallback(inputs, attrs, ctx)
  }
  const out = ctx.output(x.shape, 'float32')
  wasm().relu_grad(ptr(dy), ptr(x), ptr(out), x.size)
  return out
}

const sumFallback = reference('sum')
/** Sum over contiguous axes of a float32 tensor, accumulated in float64 like the reference. */
const sum: KernelRun = (inputs, attrs: { axes: number[]; keepDims: boolean }, ctx) => {
  const x = inputs[0]
  const axes = attrs.axes
  const contiguous = axes.length > 0 && axes.every((a, i) => i === 0 || a === axes[i - 1] + 1)
  if (x.dtype !== 'float32' || !contiguous) return sumFallback(inputs, attrs, ctx)
  const first = axes[0]
  const last = axes[axes.length - 1]
  const outer = sizeOf(x.shape.slice(0, first))
  const red = sizeOf(x.shape.slice(first, last + 1))
  const inner = sizeOf(x.shape.slice(last + 1))
  const shape: number[] = []
  for (let i = 0; i < x.shape.length; i++) {
    if (i < first || i > last) shape.push(x.shape[i])
    else if (attrs.keepDims) shape.push(1)
  }
  const out = ctx.output(shape, 'float32')
  const k = wasm()
  if (inner === 1) {
    k.sum_rows(ptr(x), ptr(out), outer, red)
    return out
  }
  const acc = cpuHeap.alloc(inner * 8)
  try {
    for (let o = 0; o < outer; o++) {
      cpuHeap.f64(acc, inner).fill(0)
      k.sum_cols(ptr(x) + o * red * inner * 4, ptr(out) + o * inner * 4, red, inner, acc)
    }
  } finally {
    cpuHeap.free(acc)
  }
  return out
}

export function wasmElementwiseKernels(): [string, KernelRun][] {
  return [
    ...(['add', 'sub', 'mul', 'div'] as const).map((op): [string, KernelRun] => [op, binary(op)]),
    ...(['relu', 'neg', 'abs', 'sqrt', 'square'] as const).map((op): [string, KernelRun] => [
      op,
      unary(op),
    ]),
    ['unaryGrad', unaryGrad],
    ['sum', sum],
  ]
}
