/**
 * Elementwise ops: unary math and activations, binary arithmetic with NumPy broadcasting and
 * dtype promotion, comparisons and logical ops (bool results), where and cast. Scalars are
 * accepted wherever NumPy takes them and adopt the tensor operand's dtype when they fit it.
 */
import { checkDType, type DType, isFloat, promoteTypes } from '../dtype.js'
import { activeBackend, releaseBuffer, runOp } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { Tensor } from '../tensor/Tensor.js'
import type { TensorLike } from './types.js'

function scalarDType(v: number | boolean, like: DType | undefined): DType {
  if (typeof v === 'boolean') return like ?? 'bool'
  if (like === undefined) return 'float32'
  if (isFloat(like)) return like
  return Number.isInteger(v) ? 'int32' : 'float32'
}

// Scalars in ops (x.mul(0.5), where(m, x, 0)) reuse cached rank-0 constants: creating one per
// call would triple the cost of a tiny op. They are untracked (not counted in numTensors, never
// in a tidy scope) and never handed to users, so nothing can write into them.
const SCALAR_CACHE_SIZE = 256
const scalarCache = new Map<string, Tensor>()

function cachedScalar(v: number | boolean, dtype: DType): Tensor {
  const key = dtype + String(v)
  let t = scalarCache.get(key)
  if (t === undefined) {
    if (scalarCache.size >= SCALAR_CACHE_SIZE) {
      for (const c of scalarCache.values()) releaseBuffer(c.buf)
      scalarCache.clear()
    }
    t = new Tensor([], dtype, activeBackend().write([Number(v)], dtype), false)
    scalarCache.set(key, t)
  }
  return t
}

/**
 * @internal a tensor for a TensorLike. Scalars come from a cache of constants: callers release
 * what they did not receive as a Tensor with `release`.
 */
export function toTensor(op: string, v: TensorLike, like?: DType): Tensor {
  if (v instanceof Tensor) {
    v.check(op)
    return v
  }
  if (typeof v !== 'number' && typeof v !== 'boolean') {
    throw new DTypeError(
      op,
      `expected a Tensor, number or boolean, got ${v === null ? 'null' : typeof v}`,
    )
  }
  return cachedScalar(v, scalarDType(v, like))
}

/** @internal disposes a temporary unless it is a cached constant. */
export function release(t: Tensor): void {
  if (!t.kept) t.dispose()
}

/** @internal casts if needed; the returned tensor is new (to dispose) when it differs. */
export function castTo(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : runOp('cast', [x], { dtype })
}

type BinaryKind = 'arith' | 'div' | 'compare' | 'logical'

function binary(op: string, a: TensorLike, b: TensorLike, kind: BinaryKind): Tensor {
  const aT = a instanceof Tensor
  const bT = b instanceof Tensor
  let x = aT ? toTensor(op, a) : undefined
  let y = bT ? toTensor(op, b) : undefined
  if (x === undefined) x = toTensor(op, a, y?.dtype)
  if (y === undefined) y = toTensor(op, b, x.dtype)
  let dt = promoteTypes(x.dtype, y.dtype)
  if (kind === 'div' && !isFloat(dt)) dt = 'float32'
  else if (kind === 'arith' && dt === 'bool') dt = 'int32'
  else if (kind === 'logical') dt = 'bool'
  const xc = castTo(x, dt)
  const yc = castTo(y, dt)
  try {
    return runOp(op, [xc, yc], undefined)
  } finally {
    if (xc !== x) xc.dispose()
    if (yc !== y) yc.dispose()
    if (!aT) release(x)
    if (!bT) release(y)
  }
}

/** a + b with broadcasting. @example add(x, 1) */
export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b, 'arith')
/** a - b with broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b, 'arith')
/** a * b with broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b, 'arith')
/** a / b (true division: integer inputs give float32). */
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('div', a, b, 'div')
/** a ** b with broadcasting. */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('pow', a, b, 'arith')
/** Elementwise maximum (NaN propagates). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b, 'arith')
/** Elementwise minimum (NaN propagates). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b, 'arith')
/** a == b as bool. */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary('equal', a, b, 'compare')
/** a != b as bool. */
export const notEqual = (a: TensorLike, b: TensorLike): Tensor =>
  binary('notEqual', a, b, 'compare')
/** a < b as bool. */
export const less = (a: TensorLike, b: TensorLike): Tensor => binary('less', a, b, 'compare')
/** a <= b as bool. */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor =>
  binary('lessEqual', a, b, 'compare')
/** a > b as bool. */
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary('greater', a, b, 'compare')
/** a >= b as bool. */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor =>
  binary('greaterEqual', a, b, 'compare')
/** Logical and (inputs read as bool). */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor =>
  binary('logicalAnd', a, b, 'logical')
/** Logical or. */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor =>
  binary('logicalOr', a, b, 'logical')
/** Logical xor. */
export const logicalXor = (a: TensorLike, b: TensorLike): Tensor =>
  binary('logicalXor', a, b, 'logical')

/** Float-valued functions turn integer inputs into float32 (as NumPy/PyTorch do). */
function unary(op: string, v: TensorLike, attrs: unknown, floatOnly: boolean): Tensor {
  const owned = !(v instanceof Tensor)
  const x = toTensor(op, v)
  const target =
    x.dtype === 'bool' || (floatOnly && !isFloat(x.dtype))
      ? floatOnly
        ? 'float32'
        : 'int32'
      : x.dtype
  const xc = castTo(x, target)
  try {
    return runOp(op, [xc], attrs)
  } finally {
    if (xc !== x) xc.dispose()
    if (owned) release(x)
  }
}

/** -x */
export const neg = (x: TensorLike): Tensor => unary('neg', x, undefined, false)
/** |x| */
export const abs = (x: TensorLike): Tensor => unary('abs', x, undefined, false)
/** -1, 0 or 1 (NaN stays NaN). Not differentiable (its derivative is 0). */
export const sign = (x: TensorLike): Tensor => unary('sign', x, undefined, false)
/** e^x */
export const exp = (x: TensorLike): Tensor => unary('exp', x, undefined, true)
/** Natural logarithm. */
export const log = (x: TensorLike): Tensor => unary('log', x, undefined, true)
/** log(1 + x), accurate near 0. */
export const log1p = (x: TensorLike): Tensor => unary('log1p', x, undefined, true)
/** Square root. */
export const sqrt = (x: TensorLike): Tensor => unary('sqrt', x, undefined, true)
/** 1 / sqrt(x). */
export const rsqrt = (x: TensorLike): Tensor => unary('rsqrt', x, undefined, true)
/** x². */
export const square = (x: TensorLike): Tensor => unary('square', x, undefined, false)
/** sin x. */
export const sin = (x: TensorLike): Tensor => unary('sin', x, undefined, true)
/** cos x. */
export const cos = (x: TensorLike): Tensor => unary('cos', x, undefined, true)
/** tanh x. */
export const tanh = (x: TensorLike): Tensor => unary('tanh', x, undefined, true)
/** 1 / (1 + e^-x), computed stably. */
export const sigmoid = (x: TensorLike): Tensor => unary('sigmoid', x, undefined, true)
/** max(x, 0). */
export const relu = (x: TensorLike): Tensor => unary('relu', x, undefined, false)
/** x for x ≥ 0, alpha·x otherwise. */
export const leakyRelu = (x: TensorLike, alpha = 0.01): Tensor =>
  unary('leakyRelu', x, { alpha }, true)
/** x for x ≥ 0, alpha·(e^x − 1) otherwise. */
export const elu = (x: TensorLike, alpha = 1): Tensor => unary('elu', x, { alpha }, true)
/** GELU: x·Φ(x) (erf form, as PyTorch's default) or its tanh approximation. */
export const gelu = (x: TensorLike, approximate: 'none' | 'tanh' = 'none'): Tensor =>
  unary('gelu', x, { approximate }, true)
/** log(1 + e^x), computed stably. */
export const softplus = (x: TensorLike): Tensor => unary('softplus', x, undefined, true)
/** Logical not (bool result). */
export const logicalNot = (x: TensorLike): Tensor => {
  const t = toTensor('logicalNot', x)
  const b = castTo(t, 'bool')
  try {
    return runOp('logicalNot', [b], undefined)
  } finally {
    if (b !== t) b.dispose()
    if (t !== x) release(t)
  }
}
/** A copy with its own buffer (differentiable). */
export const clone = (x: Tensor): Tensor => unary('clone', x, undefined, false)

/**
 * Clamps into [min, max] (NaN propagates). The gradient is 1 inside the range, 0 outside.
 *
 * @example
 * clip(x, -1, 1)
 */
export function clip(x: TensorLike, min: number, max: number): Tensor {
  if (!(min <= max)) throw new ShapeError('clip', `expected min <= max, got min=${min}, max=${max}`)
  return unary('clip', x, { min, max }, false)
}

/**
 * Casts to another dtype (float→int truncates toward zero; →bool is `!= 0`). Float-to-float
 * casts are differentiable.
 *
 * @example
 * x.cast('int32')
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  const t = toTensor('cast', x)
  checkDType('cast', dtype)
  return t.dtype === dtype ? runOp('clone', [t], undefined) : runOp('cast', [t], { dtype })
}

/**
 * Elementwise choice: cond ? a : b, broadcasting all three.
 *
 * @example
 * where(x.greater(0), x, 0)
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const op = 'where'
  const aT = a instanceof Tensor
  const bT = b instanceof Tensor
  const cT = cond instanceof Tensor
  let x = aT ? toTensor(op, a) : undefined
  let y = bT ? toTensor(op, b) : undefined
  if (x === undefined) x = toTensor(op, a, y?.dtype)
  if (y === undefined) y = toTensor(op, b, x.dtype)
  const c = toTensor(op, cond)
  const dt = promoteTypes(x.dtype, y.dtype)
  const xc = castTo(x, dt)
  const yc = castTo(y, dt)
  const cc = castTo(c, 'bool')
  try {
    return runOp(op, [cc, xc, yc], undefined)
  } finally {
    for (const [t, orig] of [
      [xc, x],
      [yc, y],
      [cc, c],
    ] as const) {
      if (t !== orig) t.dispose()
    }
    if (!aT) release(x)
    if (!bT) release(y)
    if (!cT) release(c)
  }
}
