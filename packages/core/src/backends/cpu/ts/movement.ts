/**
 * TypeScript reference kernels for movement and indexing: transpose, slice, concat, pad, tile,
 * broadcastTo (all one strided copy), gather and scatterAdd. Tensors are always contiguous, so
 * these ops copy; only reshape shares the buffer (a generic kernel, see reshapeKernel).
 */
import type { KernelRun } from '../../../engine/registry.js'
import { IndexError } from '../../../errors.js'
import { broadcastStrides, sizeOf, stridesOf } from '../../../internal/shape.js'
import { Tensor } from '../../../tensor/Tensor.js'
import { stridedCopy, view } from './util.js'

/** Reshape shares the input's buffer on every backend: no copy, one more reference. */
export const reshapeKernel: KernelRun = (inputs, attrs: { shape: number[] }) => {
  const x = inputs[0]
  x.buf.refs++
  return new Tensor(attrs.shape, x.dtype, x.buf)
}

const transpose: KernelRun = (inputs, attrs: { perm: number[] }, ctx) => {
  const x = inputs[0]
  const shape = attrs.perm.map((p) => x.shape[p])
  const out = ctx.output(shape, x.dtype)
  const st = stridesOf(x.shape)
  stridedCopy(
    view(x),
    0,
    attrs.perm.map((p) => st[p]),
    view(out),
    0,
    stridesOf(shape),
    shape,
  )
  return out
}

const slice: KernelRun = (inputs, attrs: { begin: number[]; size: number[] }, ctx) => {
  const x = inputs[0]
  const out = ctx.output(attrs.size, x.dtype)
  const st = stridesOf(x.shape)
  let off = 0
  for (let i = 0; i < st.length; i++) off += attrs.begin[i] * st[i]
  stridedCopy(view(x), off, st, view(out), 0, stridesOf(attrs.size), attrs.size)
  return out
}

const concat: KernelRun = (inputs, attrs: { axis: number }, ctx) => {
  const ax = attrs.axis
  const first = inputs[0]
  const shape = first.shape.slice()
  shape[ax] = inputs.reduce((s, t) => s + t.shape[ax], 0)
  const out = ctx.output(shape, first.dtype)
  const o = view(out)
  const outer = sizeOf(shape.slice(0, ax))
  const inner = sizeOf(shape.slice(ax + 1))
  const outChunk = shape[ax] * inner
  let offset = 0
  for (const t of inputs) {
    const src = view(t)
    const chunk = t.shape[ax] * inner
    for (let i = 0; i < outer; i++) {
      const s = i * chunk
      const d = i * outChunk + offset
      for (let j = 0; j < chunk; j++) o[d + j] = src[s + j]
    }
    offset += chunk
  }
  return out
}

const pad: KernelRun = (inputs, attrs: { paddings: [number, number][]; value: number }, ctx) => {
  const x = inputs[0]
  const shape = x.shape.map((d, i) => d + attrs.paddings[i][0] + attrs.paddings[i][1])
  const out = ctx.output(shape, x.dtype)
  const o = view(out)
  o.fill(attrs.value)
  const ost = stridesOf(shape)
  let off = 0
  for (let i = 0; i < shape.length; i++) off += attrs.paddings[i][0] * ost[i]
  stridedCopy(view(x), 0, stridesOf(x.shape), o, off, ost, x.shape)
  return out
}

const broadcastTo: KernelRun = (inputs, attrs: { shape: number[] }, ctx) => {
  const x = inputs[0]
  const out = ctx.output(attrs.shape, x.dtype)
  const shape = attrs.shape
  stridedCopy(view(x), 0, broadcastStrides(x.shape, shape), view(out), 0, stridesOf(shape), shape)
  return out
}

/** tile = broadcast of x viewed as [1, d0, 1, d1, ...] to [r0, d0, r1, d1, ...]. */
const tile: KernelRun = (inputs, attrs: { reps: number[] }, ctx) => {
  const x = inputs[0]
  const reps = attrs.reps
  const shape = x.shape.map((d, i) => d * reps[i])
  const out = ctx.output(shape, x.dtype)
  const st = stridesOf(x.shape)
  const big: number[] = []
  const srcStrides: number[] = []
  for (let i = 0; i < reps.length; i++) {
    big.push(reps[i], x.shape[i])
    srcStrides.push(0, st[i])
  }
  stridedCopy(view(x), 0, srcStrides, view(out), 0, stridesOf(big), big)
  return out
}

function checkIndex(op: string, idx: number, n: number): number {
  if (idx < -n || idx >= n) {
    throw new IndexError(op, `index ${idx} is out of range for an axis of size ${n}`)
  }
  return idx < 0 ? idx + n : idx
}

function checkAll(op: string, idx: ArrayLike<number>, n: number): void {
  for (let j = 0; j < idx.length; j++) checkIndex(op, idx[j], n)
}

/** numpy.take: out[o, j, i] = x[o, idx[j], i]. */
const gather: KernelRun = (inputs, attrs: { axis: number }, ctx) => {
  const [x, ind] = inputs
  const ax = attrs.axis
  const shape = [...x.shape.slice(0, ax), ...ind.shape, ...x.shape.slice(ax + 1)]
  checkAll('gather', view(ind), x.shape[ax])
  const out = ctx.output(shape, x.dtype)
  const o = view(out)
  const xv = view(x)
  const iv = view(ind)
  const outer = sizeOf(x.shape.slice(0, ax))
  const inner = sizeOf(x.shape.slice(ax + 1))
  const n = x.shape[ax]
  const J = ind.size
  for (let oi = 0; oi < outer; oi++) {
    for (let j = 0; j < J; j++) {
      const k = checkIndex('gather', iv[j], n)
      const s = (oi * n + k) * inner
      const d = (oi * J + j) * inner
      for (let i = 0; i < inner; i++) o[d + i] = xv[s + i]
    }
  }
  return out
}

/** The inverse of gather: out = x; out[o, idx[j], i] += updates[o, j, i]. */
const scatterAdd: KernelRun = (inputs, attrs: { axis: number }, ctx) => {
  const [x, ind, upd] = inputs
  const ax = attrs.axis
  checkAll('scatterAdd', view(ind), x.shape[ax])
  const out = ctx.output(x.shape, x.dtype)
  const o = view(out)
  o.set(view(x))
  const iv = view(ind)
  const uv = view(upd)
  const outer = sizeOf(x.shape.slice(0, ax))
  const inner = sizeOf(x.shape.slice(ax + 1))
  const n = x.shape[ax]
  const J = ind.size
  for (let oi = 0; oi < outer; oi++) {
    for (let j = 0; j < J; j++) {
      const k = checkIndex('scatterAdd', iv[j], n)
      const d = (oi * n + k) * inner
      const s = (oi * J + j) * inner
      for (let i = 0; i < inner; i++) o[d + i] += uv[s + i]
    }
  }
  return out
}

export function movementKernels(): [string, KernelRun][] {
  return [
    ['transpose', transpose],
    ['slice', slice],
    ['concat', concat],
    ['pad', pad],
    ['broadcastTo', broadcastTo],
    ['tile', tile],
    ['gather', gather],
    ['scatterAdd', scatterAdd],
  ]
}
