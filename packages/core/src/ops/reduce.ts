/**
 * Reductions over axes with keepDims: the primitives sum, prod, max, min, argmax, argmin and
 * the composites mean, var, std and logsumexp built from them.
 */
import { isFloat } from '../dtype.js'
import { noGradInternal, runOp } from '../engine/engine.js'
import { ShapeError } from '../errors.js'
import { fmt, normAxes, normAxis } from '../internal/shape.js'
import type { Tensor } from '../tensor/Tensor.js'
import { castTo, toTensor } from './elementwise.js'
import type { Axis } from './types.js'

function reduce(op: string, x: Tensor, axis: Axis, keepDims: boolean, allowEmpty: boolean): Tensor {
  x.check(op)
  const axes = normAxes(op, axis, x.rank)
  if (!allowEmpty) {
    for (const a of axes) {
      if (x.shape[a] === 0) {
        throw new ShapeError(
          op,
          `cannot reduce over axis ${a} of size 0 (shape ${fmt(x.shape)}): the result is undefined`,
        )
      }
    }
  }
  // Integer sums and products stay int32; bool becomes int32 (NumPy promotes to int).
  const xc = x.dtype === 'bool' && (op === 'sum' || op === 'prod') ? castTo(x, 'int32') : x
  try {
    return runOp(op, [xc], { axes, keepDims })
  } finally {
    if (xc !== x) xc.dispose()
  }
}

/** Sum over `axis` (all axes by default). @example x.sum(1, true) */
export const sum = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('sum', x, axis, keepDims, true)
/** Product over `axis`. */
export const prod = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('prod', x, axis, keepDims, true)
/** Maximum over `axis` (NaN propagates; the gradient is shared among ties). */
export const max = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('max', x, axis, keepDims, false)
/** Minimum over `axis`. */
export const min = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('min', x, axis, keepDims, false)

function arg(op: string, x: Tensor, axis: number | undefined, keepDims: boolean): Tensor {
  x.check(op)
  if (axis === undefined) {
    const flat = x.reshape([x.size])
    try {
      return arg(op, flat, 0, false)
    } finally {
      flat.dispose()
    }
  }
  const ax = normAxis(op, axis, x.rank)
  if (x.rank === 0) return arg(op, x, undefined, keepDims)
  if (x.shape[ax] === 0)
    throw new ShapeError(op, `cannot take ${op} over an empty axis (shape ${fmt(x.shape)})`)
  return runOp(op, [x], { axis: ax, keepDims })
}

/** Index (int32) of the maximum along `axis` (flattened when undefined); first on ties. */
export const argmax = (x: Tensor, axis?: number, keepDims = false): Tensor =>
  arg('argmax', x, axis, keepDims)
/** Index (int32) of the minimum along `axis`. */
export const argmin = (x: Tensor, axis?: number, keepDims = false): Tensor =>
  arg('argmin', x, axis, keepDims)

function count(x: Tensor, axis: Axis): number {
  return normAxes('mean', axis, x.rank).reduce((n, a) => n * x.shape[a], 1)
}

/** Arithmetic mean over `axis` (integer inputs give float32). @example x.mean(0) */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const xf = isFloat(x.dtype) ? x : castTo(toTensor('mean', x), 'float32')
  const s = sum(xf, axis, keepDims)
  const out = s.div(count(x, axis))
  s.dispose()
  if (xf !== x) xf.dispose()
  return out
}

/**
 * Variance over `axis`: mean squared deviation divided by (n − correction). Default
 * correction 0 (NumPy); pass 1 for the unbiased estimate (PyTorch's default).
 */
export function variance(x: Tensor, axis?: Axis, keepDims = false, correction = 0): Tensor {
  const n = count(x, axis)
  const m = mean(x, axis, true)
  const d = x.sub(m)
  const d2 = d.square()
  const s = sum(d2, axis, keepDims)
  const out = s.div(Math.max(n - correction, 0))
  for (const t of [m, d, d2, s]) t.dispose()
  return out
}

/** Standard deviation: sqrt(var). */
export function std(x: Tensor, axis?: Axis, keepDims = false, correction = 0): Tensor {
  const v = variance(x, axis, keepDims, correction)
  const out = v.sqrt()
  v.dispose()
  return out
}

/**
 * log(sum(exp(x))) over `axis`, stable: the max is subtracted first (as a constant, so the
 * gradient is exactly softmax).
 */
export function logsumexp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const m = noGradInternal(() => {
    const mx = max(x, axis, true)
    // An all -inf slice would give NaN from (-inf) - (-inf); shift by 0 there instead.
    const finite = mx.where(mx.abs().less(Number.POSITIVE_INFINITY), 0)
    mx.dispose()
    return finite
  })
  const sh = x.sub(m)
  const e = sh.exp()
  const s = sum(e, axis, true)
  const l = s.log()
  const r = l.add(m)
  const out = keepDims ? r : r.squeeze(normAxes('logsumexp', axis, x.rank))
  for (const t of [m, sh, e, s, l]) t.dispose()
  if (out !== r) r.dispose()
  return out
}
