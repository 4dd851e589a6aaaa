/**
 * Shape and movement ops. Tensors are always contiguous: reshape (and flatten, expandDims,
 * squeeze built on it) shares the buffer, the others copy. So kernels never see strides, and
 * there are no non-contiguous views to go stale.
 */
import { runOp, tidy } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { broadcastShapes, fmt, normAxes, normAxis, shapesEqual, sizeOf } from '../internal/shape.js'
import { Tensor } from '../tensor/Tensor.js'
import type { Axis } from './types.js'

/**
 * The same values in a new shape (one dimension may be -1). Shares the buffer.
 *
 * @example
 * arange(6).reshape([2, -1]) // [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const op = 'reshape'
  x.check(op)
  const out = shape.slice()
  let infer = -1
  let known = 1
  for (let i = 0; i < out.length; i++) {
    const d = out[i]
    if (d === -1 && infer < 0) infer = i
    else if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        op,
        `invalid target shape ${fmt(shape)}: dimensions must be non-negative integers (one may be -1)`,
      )
    } else known *= d
  }
  if (infer >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(op, `cannot reshape ${fmt(x.shape)} (size ${x.size}) into ${fmt(shape)}`)
    }
    out[infer] = x.size / known
  }
  if (sizeOf(out) !== x.size) {
    throw new ShapeError(
      op,
      `cannot reshape ${fmt(x.shape)} (size ${x.size}) into ${fmt(shape)} (size ${sizeOf(out)})`,
    )
  }
  return runOp(op, [x], { shape: out })
}

/** Merges axes startAxis..endAxis into one (default: all, giving 1-D). */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  x.check('flatten')
  if (x.rank === 0) return reshape(x, [1])
  const s = normAxis('flatten', startAxis, x.rank)
  const e = normAxis('flatten', endAxis, x.rank)
  if (e < s)
    throw new ShapeError('flatten', `endAxis ${endAxis} comes before startAxis ${startAxis}`)
  return reshape(x, [
    ...x.shape.slice(0, s),
    sizeOf(x.shape.slice(s, e + 1)),
    ...x.shape.slice(e + 1),
  ])
}

/** Inserts a size-1 axis at `axis` (−1 appends). */
export function expandDims(x: Tensor, axis = 0): Tensor {
  x.check('expandDims')
  const ax = normAxis('expandDims', axis, x.rank + 1)
  return reshape(x, [...x.shape.slice(0, ax), 1, ...x.shape.slice(ax)])
}

/** Removes size-1 axes (all of them, or the given ones, which must have size 1). */
export function squeeze(x: Tensor, axis?: Axis): Tensor {
  x.check('squeeze')
  let axes: number[]
  if (axis === undefined) axes = x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
  else {
    axes = normAxes('squeeze', axis, x.rank)
    for (const a of axes) {
      if (x.shape[a] !== 1)
        throw new ShapeError(
          'squeeze',
          `axis ${a} has size ${x.shape[a]} in ${fmt(x.shape)}; expected 1`,
        )
    }
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  )
}

/**
 * Permutes axes (default: reversed). A copy.
 *
 * @example
 * x.transpose()          // [3, 2] for x of [2, 3]
 * x.transpose([0, 2, 1])
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const op = 'transpose'
  x.check(op)
  const p =
    perm === undefined
      ? x.shape.map((_, i) => x.rank - 1 - i)
      : perm.map((a) => normAxis(op, a, x.rank))
  if (p.length !== x.rank || new Set(p).size !== p.length) {
    throw new ShapeError(
      op,
      `perm [${perm?.join(', ')}] is not a permutation of the ${x.rank} axes of ${fmt(x.shape)}`,
    )
  }
  return runOp(op, [x], { perm: p })
}

/** transpose with the axes as arguments (PyTorch permute). @example x.permute(0, 2, 3, 1) */
export function permute(x: Tensor, ...axes: number[]): Tensor {
  return transpose(x, axes)
}

/**
 * A block of `x` starting at `begin` with `size` (−1: to the end), as tfjs slice. A number
 * for begin/size applies to the first axis.
 *
 * @example
 * x.slice([0, 1], [2, -1])
 */
export function slice(
  x: Tensor,
  begin: number | readonly number[],
  size?: number | readonly number[],
): Tensor {
  const op = 'slice'
  x.check(op)
  const b = typeof begin === 'number' ? [begin] : begin.slice()
  const s = size === undefined ? [] : typeof size === 'number' ? [size] : size.slice()
  if (b.length > x.rank || s.length > x.rank) {
    throw new ShapeError(
      op,
      `begin [${b.join(', ')}] / size [${s.join(', ')}] have more entries than the rank of ${fmt(x.shape)}`,
    )
  }
  const bb: number[] = []
  const ss: number[] = []
  for (let i = 0; i < x.rank; i++) {
    const dim = x.shape[i]
    let bi = b[i] ?? 0
    if (bi < 0) bi += dim
    const si = s[i] === undefined || s[i] === -1 ? dim - bi : (s[i] as number)
    if (!Number.isInteger(bi) || !Number.isInteger(si) || bi < 0 || si < 0 || bi + si > dim) {
      throw new ShapeError(
        op,
        `block begin=[${b.join(', ')}] size=[${s.join(', ')}] is outside ${fmt(x.shape)} on axis ${i}`,
      )
    }
    bb.push(bi)
    ss.push(si)
  }
  return runOp(op, [x], { begin: bb, size: ss })
}

/**
 * Joins tensors along an existing axis.
 *
 * @example
 * concat([a, b], 1)
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  const op = 'concat'
  if (!Array.isArray(xs) || xs.length === 0)
    throw new ShapeError(op, 'expected a non-empty array of tensors')
  for (const t of xs) {
    if (!(t instanceof Tensor)) throw new DTypeError(op, 'every element must be a Tensor')
    t.check(op)
  }
  const first = xs[0] as Tensor
  if (first.rank === 0) throw new ShapeError(op, 'cannot concatenate rank-0 tensors; use stack')
  const ax = normAxis(op, axis, first.rank)
  for (const t of xs as readonly Tensor[]) {
    if (t.dtype !== first.dtype)
      throw new DTypeError(op, `dtypes differ: ${first.dtype} and ${t.dtype}; cast first`)
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new ShapeError(
        op,
        `shapes ${fmt(first.shape)} and ${fmt(t.shape)} differ outside axis ${ax}`,
      )
    }
  }
  if (xs.length === 1) return runOp('clone', [first], undefined)
  return runOp(op, xs, { axis: ax })
}

/** Joins tensors of one shape along a new axis. @example stack([a, b]) */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0)
    throw new ShapeError('stack', 'expected a non-empty array of tensors')
  const first = xs[0] as Tensor
  for (const t of xs) {
    if (!shapesEqual(t.shape, first.shape))
      throw new ShapeError('stack', `shapes differ: ${fmt(first.shape)} and ${fmt(t.shape)}`)
  }
  const ax = normAxis('stack', axis, first.rank + 1)
  return tidy(() =>
    concat(
      xs.map((t) => expandDims(t, ax)),
      ax,
    ),
  )
}

/**
 * Splits along `axis` into `sections` equal parts, or parts of the given sizes.
 *
 * @example
 * const [a, b] = x.split(2, 1)
 */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  const op = 'split'
  x.check(op)
  const ax = normAxis(op, axis, x.rank)
  const dim = x.shape[ax]
  let sizes: number[]
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections <= 0 || dim % sections !== 0) {
      throw new ShapeError(
        op,
        `axis ${ax} of size ${dim} cannot be split into ${sections} equal parts`,
      )
    }
    sizes = new Array(sections).fill(dim / sections)
  } else {
    sizes = sections.slice()
    if (sizes.reduce((a, b) => a + b, 0) !== dim) {
      throw new ShapeError(
        op,
        `sizes [${sizes.join(', ')}] do not add up to ${dim} (axis ${ax} of ${fmt(x.shape)})`,
      )
    }
  }
  const out: Tensor[] = []
  let start = 0
  for (const s of sizes) {
    const begin = x.shape.map((_, i) => (i === ax ? start : 0))
    const size = x.shape.map((d, i) => (i === ax ? s : d))
    out.push(slice(x, begin, size))
    start += s
  }
  return out
}

/**
 * Pads with a constant: paddings[i] = [before, after] for axis i.
 *
 * @example
 * x.pad([[0, 0], [1, 1]])
 */
export function pad(
  x: Tensor,
  paddings: readonly (readonly [number, number])[],
  value = 0,
): Tensor {
  const op = 'pad'
  x.check(op)
  if (
    paddings.length !== x.rank ||
    paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))
  ) {
    throw new ShapeError(
      op,
      `expected ${x.rank} pairs of non-negative integers for ${fmt(x.shape)}, got ${JSON.stringify(paddings)}`,
    )
  }
  return runOp(op, [x], { paddings: paddings.map((p) => [p[0], p[1]]), value })
}

/** Repeats the tensor reps[i] times along axis i (NumPy tile). */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  const op = 'tile'
  x.check(op)
  if (reps.some((r) => !Number.isInteger(r) || r < 0))
    throw new ShapeError(op, `reps must be non-negative integers, got [${reps.join(', ')}]`)
  let t = x
  if (reps.length > x.rank) t = reshape(x, [...new Array(reps.length - x.rank).fill(1), ...x.shape])
  const r = [...new Array(Math.max(0, t.rank - reps.length)).fill(1), ...reps]
  try {
    return runOp(op, [t], { reps: r })
  } finally {
    if (t !== x) t.dispose()
  }
}

/** Broadcasts to `shape` (NumPy rules). A copy. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const op = 'broadcastTo'
  x.check(op)
  const target = shape.slice()
  const b = broadcastShapes(op, x.shape, target)
  if (!shapesEqual(b, target))
    throw new ShapeError(op, `${fmt(x.shape)} cannot be broadcast to ${fmt(shape)}`)
  return runOp(op, [x], { shape: target })
}
