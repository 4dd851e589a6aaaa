/**
 * TypeScript reference kernels for reductions. The reduced axes are brought to a contiguous
 * block (transposing a copy when they are not), then each output element reduces an
 * (outer, reduced, inner) slab in float64.
 */

import type { TypedArray } from '../../../dtype.js'
import type { KernelRun } from '../../../engine/registry.js'
import { sizeOf, stridesOf } from '../../../internal/shape.js'
import { stridedCopy, view } from './util.js'

type Combine = (acc: number, v: number) => number

const REDUCE: Record<string, [number, Combine]> = {
  sum: [0, (a, v) => a + v],
  prod: [1, (a, v) => a * v],
  max: [Number.NEGATIVE_INFINITY, (a, v) => (v > a || Number.isNaN(v) ? v : a)],
  min: [Number.POSITIVE_INFINITY, (a, v) => (v < a || Number.isNaN(v) ? v : a)],
}

/** The input as (outer, reduced, inner) with the reduced axes contiguous. */
function slab(
  src: TypedArray,
  shape: readonly number[],
  axes: readonly number[],
): { data: ArrayLike<number>; outer: number; red: number; inner: number } {
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1)
  if (contiguous && axes.length > 0) {
    const first = axes[0]
    const last = axes[axes.length - 1]
    return {
      data: src,
      outer: sizeOf(shape.slice(0, first)),
      red: sizeOf(shape.slice(first, last + 1)),
      inner: sizeOf(shape.slice(last + 1)),
    }
  }
  const keep = shape.map((_, i) => i).filter((i) => !axes.includes(i))
  const perm = [...keep, ...axes]
  const st = stridesOf(shape)
  const pShape = perm.map((p) => shape[p])
  const data = new Float64Array(src.length)
  stridedCopy(
    src,
    0,
    perm.map((p) => st[p]),
    data,
    0,
    stridesOf(pShape),
    pShape,
  )
  return {
    data,
    outer: sizeOf(keep.map((k) => shape[k])),
    red: sizeOf(axes.map((a) => shape[a])),
    inner: 1,
  }
}

function outShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = []
  for (let i = 0; i < shape.length; i++) {
    if (!axes.includes(i)) out.push(shape[i])
    else if (keepDims) out.push(1)
  }
  return out
}

function reduceKernel(op: string): KernelRun {
  const [init, f] = REDUCE[op]
  return (inputs, attrs: { axes: number[]; keepDims: boolean }, ctx) => {
    const x = inputs[0]
    const out = ctx.output(outShape(x.shape, attrs.axes, attrs.keepDims), x.dtype)
    const o = view(out)
    const { data, outer, red, inner } = slab(view(x), x.shape, attrs.axes)
    if (inner === 1) {
      for (let i = 0; i < outer; i++) {
        let acc = init
        const base = i * red
        if (op === 'sum') for (let r = 0; r < red; r++) acc += data[base + r]
        else for (let r = 0; r < red; r++) acc = f(acc, data[base + r])
        o[i] = acc
      }
    } else {
      const acc = new Float64Array(inner)
      for (let i = 0; i < outer; i++) {
        acc.fill(init)
        for (let r = 0; r < red; r++) {
          const base = (i * red + r) * inner
          if (op === 'sum') for (let j = 0; j < inner; j++) acc[j] += data[base + j]
          else for (let j = 0; j < inner; j++) acc[j] = f(acc[j], data[base + j])
        }
        o.set(acc, i * inner)
      }
    }
    return out
  }
}

function argKernel(isMax: boolean): KernelRun {
  return (inputs, attrs: { axis: number; keepDims: boolean }, ctx) => {
    const x = inputs[0]
    const out = ctx.output(outShape(x.shape, [attrs.axis], attrs.keepDims), 'int32')
    const o = view(out)
    const { data, outer, red, inner } = slab(view(x), x.shape, [attrs.axis])
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        let best = data[i * red * inner + j]
        let bi = 0
        for (let r = 1; r < red && !Number.isNaN(best); r++) {
          const v = data[(i * red + r) * inner + j]
          if (Number.isNaN(v) || (isMax ? v > best : v < best)) {
            best = v
            bi = r
          }
        }
        o[i * inner + j] = bi
      }
    }
    return out
  }
}

export function reduceKernels(): [string, KernelRun][] {
  return [
    ['sum', reduceKernel('sum')],
    ['prod', reduceKernel('prod')],
    ['max', reduceKernel('max')],
    ['min', reduceKernel('min')],
    ['argmax', argKernel(true)],
    ['argmin', argKernel(false)],
  ]
}
