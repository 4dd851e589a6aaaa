/**
 * Shape arithmetic shared by ops and kernels: sizes, row-major strides, NumPy broadcasting and
 * axis normalization, each failing with a ShapeError that names the op.
 */
import { ShapeError } from '../errors.js'

export type Shape = readonly number[]

export function sizeOf(shape: Shape): number {
  let n = 1
  for (let i = 0; i < shape.length; i++) n *= shape[i]
  return n
}

/** Row-major (C-order) strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length)
  let acc = 1
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc
    acc *= shape[i]
  }
  return s
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function fmt(shape: Shape): string {
  return `[${shape.join(', ')}]`
}

/** Validates a user-given shape: non-negative integers. */
export function checkShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) {
    throw new ShapeError(
      op,
      `expected a shape (array of non-negative integers), got ${String(shape)}`,
    )
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        op,
        `expected a shape of non-negative integers, got [${shape.map(String).join(', ')}]`,
      )
    }
  }
  return shape.slice()
}

/** NumPy broadcasting of two shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  if (shapesEqual(a, b)) return a.slice()
  const n = Math.max(a.length, b.length)
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]
    const db = i < n - b.length ? 1 : b[i - (n - b.length)]
    if (da === db || db === 1) out[i] = da
    else if (da === 1) out[i] = db
    else {
      throw new ShapeError(
        op,
        `shapes ${fmt(a)} and ${fmt(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db}); expected equal sizes or 1`,
      )
    }
  }
  return out
}

/**
 * Strides of `shape` viewed as broadcast to `outShape` (0 on broadcast axes), for iterating an
 * input in the output's index space.
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const n = outShape.length
  const s = new Array<number>(n).fill(0)
  const own = stridesOf(shape)
  const off = n - shape.length
  for (let i = 0; i < shape.length; i++) s[i + off] = shape[i] === 1 ? 0 : own[i]
  return s
}

/** Normalizes a possibly negative axis into [0, rank). */
export function normAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ShapeError(
      op,
      `axis ${axis} is out of range for a tensor of rank ${rank}; expected an integer in [${-rank}, ${Math.max(rank - 1, 0)}]`,
    )
  }
  return axis < 0 ? axis + rank : axis
}

/** Normalizes `axis` (undefined = all axes) into sorted, unique, non-negative axes. */
export function normAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i)
  const list = typeof axis === 'number' ? [axis] : axis
  const out: number[] = []
  for (const a of list) {
    const n = normAxis(op, a, rank)
    if (out.includes(n)) throw new ShapeError(op, `axis ${a} is repeated in [${list.join(', ')}]`)
    out.push(n)
  }
  return out.sort((x, y) => x - y)
}

/** The axes along which `shape` was broadcast to reach `outShape` (to sum gradients over). */
export function broadcastedAxes(shape: Shape, outShape: Shape): number[] {
  const axes: number[] = []
  const off = outShape.length - shape.length
  for (let i = 0; i < outShape.length; i++) {
    if (i < off || (shape[i - off] === 1 && outShape[i] !== 1)) axes.push(i)
  }
  return axes
}
