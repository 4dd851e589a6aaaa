/** Indexing ops: gather (numpy.take along an axis), its inverse scatterAdd, and oneHot. */
import type { DType } from '../dtype.js'
import { runOp, tidy } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { fmt, normAxis, shapesEqual } from '../internal/shape.js'
import { Tensor } from '../tensor/Tensor.js'
import { arange, tensor } from './creation.js'
import { castTo } from './elementwise.js'

function indexTensor(op: string, idx: Tensor | readonly number[]): Tensor {
  if (idx instanceof Tensor) {
    idx.check(op)
    if (idx.dtype !== 'int32') throw new DTypeError(op, `indices must be int32, got ${idx.dtype}`)
    return idx
  }
  return tensor(idx as number[], { dtype: 'int32' })
}

/**
 * Takes entries of `x` along `axis` at `indices` (int32, any shape; negative counts from the
 * end). Output shape: x.shape[:axis] + indices.shape + x.shape[axis+1:].
 *
 * @example
 * embeddings.gather(tokenIds)        // rows
 * x.gather([2, 0], 1)                // columns 2 and 0
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  const op = 'gather'
  x.check(op)
  const idx = indexTensor(op, indices)
  try {
    if (x.rank === 0) throw new ShapeError(op, 'cannot gather from a rank-0 tensor')
    return runOp(op, [x, idx], { axis: normAxis(op, axis, x.rank) })
  } finally {
    if (idx !== indices) idx.dispose()
  }
}

/**
 * Returns a copy of `x` with `updates` added at `indices` along `axis` (duplicates add up): the
 * inverse of gather. updates.shape = x.shape[:axis] + indices.shape + x.shape[axis+1:].
 *
 * @example
 * zeros([3]).scatterAdd([0, 0, 2], tensor([1, 2, 3])) // [3, 0, 3]
 */
export function scatterAdd(
  x: Tensor,
  indices: Tensor | readonly number[],
  updates: Tensor,
  axis = 0,
): Tensor {
  const op = 'scatterAdd'
  x.check(op)
  updates.check(op)
  const idx = indexTensor(op, indices)
  try {
    const ax = normAxis(op, axis, x.rank)
    const expect = [...x.shape.slice(0, ax), ...idx.shape, ...x.shape.slice(ax + 1)]
    if (!shapesEqual(expect, updates.shape)) {
      throw new ShapeError(
        op,
        `updates have shape ${fmt(updates.shape)}; expected ${fmt(expect)} for x ${fmt(x.shape)}, indices ${fmt(idx.shape)}, axis ${ax}`,
      )
    }
    const u = castTo(updates, x.dtype)
    try {
      return runOp(op, [x, idx, u], { axis: ax })
    } finally {
      if (u !== updates) u.dispose()
    }
  } finally {
    if (idx !== indices) idx.dispose()
  }
}

/**
 * One-hot encoding: a new last axis of `depth` with 1 at each index (float32 by default).
 * Indices outside [0, depth) give all-zero rows.
 *
 * @example
 * oneHot([0, 2], 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(
  indices: Tensor | readonly number[],
  depth: number,
  dtype: DType = 'float32',
): Tensor {
  const op = 'oneHot'
  if (!Number.isInteger(depth) || depth <= 0)
    throw new ShapeError(op, `depth must be a positive integer, got ${depth}`)
  const idx = indexTensor(op, indices)
  try {
    return tidy(() =>
      castTo(idx.expandDims(-1).equal(arange(depth, undefined, 1, { dtype: 'int32' })), dtype),
    )
  } finally {
    if (idx !== indices) idx.dispose()
  }
}
