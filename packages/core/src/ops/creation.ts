/**
 * Creation ops: tensors from JS values and typed arrays, constant fills, ranges, identity and
 * seeded random tensors.
 */

import {
  checkDType,
  type DType,
  dtypeOfArray,
  isFloat,
  makeTypedArray,
  type TypedArray,
} from '../dtype.js'
import { activeBackend } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { checkShape, fmt, sizeOf } from '../internal/shape.js'
import { globalRandom, Random } from '../random/Random.js'
import { Tensor } from '../tensor/Tensor.js'

export interface CreateOptions {
  /** Default float32 (bool for nested booleans, the array's own dtype for typed arrays). */
  dtype?: DType
  /** Mark the result as a parameter whose gradient backward computes. */
  requiresGrad?: boolean
}

export interface RandomOptions extends CreateOptions {
  /** Seed for a private generator; without it the global one (see manualSeed) is used. */
  seed?: number
}

/** A nested array of numbers or booleans (any depth, rectangular). */
export type NestedArray = number | boolean | readonly NestedArray[]

/** @internal a tensor from raw values, no validation. */
export function fromValues(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
): Tensor {
  return new Tensor(shape, dtype, activeBackend().write(values, dtype))
}

function finish(t: Tensor, opts: CreateOptions | undefined): Tensor {
  if (opts?.requiresGrad) t.requiresGrad_(true)
  return t
}

function inferShape(v: NestedArray, shape: number[]): void {
  if (Array.isArray(v)) {
    shape.push(v.length)
    if (v.length > 0) inferShape(v[0] as NestedArray, shape)
  }
}

function flattenInto(
  op: string,
  v: NestedArray,
  shape: number[],
  d: number,
  out: number[],
  hasBool: { b: boolean },
): void {
  if (d === shape.length) {
    if (typeof v === 'boolean') {
      hasBool.b = true
      out.push(v ? 1 : 0)
    } else if (typeof v === 'number') out.push(v)
    else
      throw new ShapeError(
        op,
        `ragged or non-numeric nested array: expected a number at depth ${d}, got ${Array.isArray(v) ? 'an array' : typeof v}`,
      )
    return
  }
  if (!Array.isArray(v) || v.length !== shape[d]) {
    throw new ShapeError(
      op,
      `ragged nested array: expected length ${shape[d]} at depth ${d}, got ${Array.isArray(v) ? v.length : typeof v}`,
    )
  }
  for (const x of v) flattenInto(op, x, shape, d + 1, out, hasBool)
}

/**
 * A tensor from a number, nested arrays or a typed array (copied).
 *
 * @example
 * tensor([[1, 2], [3, 4]])                        // float32 [2, 2]
 * tensor(new Float64Array(6), { shape: [2, 3] })  // float64
 * tensor([0, 1], { dtype: 'int32' })
 */
export function tensor(
  values: NestedArray | ArrayLike<number>,
  options: CreateOptions & { shape?: readonly number[] } = {},
): Tensor {
  const op = 'tensor'
  let flat: ArrayLike<number>
  let shape: number[]
  let dtype: DType
  if (ArrayBuffer.isView(values)) {
    flat = values as unknown as ArrayLike<number>
    shape = options.shape ? checkShape(op, options.shape) : [flat.length]
    dtype = options.dtype ? checkDType(op, options.dtype) : (dtypeOfArray(flat) ?? 'float32')
  } else {
    const inferred: number[] = []
    inferShape(values as NestedArray, inferred)
    const out: number[] = []
    const hasBool = { b: false }
    flattenInto(op, values as NestedArray, inferred, 0, out, hasBool)
    flat = out
    shape = options.shape ? checkShape(op, options.shape) : inferred
    dtype = options.dtype ? checkDType(op, options.dtype) : hasBool.b ? 'bool' : 'float32'
  }
  if (sizeOf(shape) !== flat.length) {
    throw new ShapeError(
      op,
      `${flat.length} values cannot fill shape ${fmt(shape)} (size ${sizeOf(shape)})`,
    )
  }
  if (dtype === 'bool') {
    const b = new Uint8Array(flat.length)
    for (let i = 0; i < flat.length; i++) b[i] = flat[i] ? 1 : 0
    flat = b
  }
  return finish(fromValues(flat, shape, dtype), options)
}

/** A rank-0 tensor. */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return fromValues([Number(value)], [], dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'))
}

/**
 * A tensor of `shape` filled with `value`.
 *
 * @example
 * full([2, 3], 7)
 */
export function full(
  shape: readonly number[],
  value: number | boolean,
  options: CreateOptions = {},
): Tensor {
  const s = checkShape('full', shape)
  const dtype = options.dtype
    ? checkDType('full', options.dtype)
    : typeof value === 'boolean'
      ? 'bool'
      : 'float32'
  const be = activeBackend()
  const n = sizeOf(s)
  let buf = be.alloc(n, dtype)
  const cpu = buf as unknown as { view?: () => TypedArray }
  if (typeof cpu.view === 'function') cpu.view().fill(Number(value))
  else {
    be.dispose(buf)
    const arr = makeTypedArray(dtype, n)
    arr.fill(Number(value))
    buf = be.write(arr, dtype)
  }
  return finish(new Tensor(s, dtype, buf), options)
}

/** Zeros of `shape`. @example zeros([2, 3]) */
export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 0, { dtype: 'float32', ...options })
}

/** Ones of `shape`. @example ones([3]) */
export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 1, { dtype: 'float32', ...options })
}

/** Zeros with the shape and dtype of `t`. */
export function zerosLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...options })
}

/** Ones with the shape and dtype of `t`. */
export function onesLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...options })
}

/** `value` with the shape and dtype of `t`. */
export function fullLike(t: Tensor, value: number, options: CreateOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options })
}

/**
 * Evenly spaced values in [start, stop) (NumPy arange). `arange(n)` is 0..n-1.
 *
 * @example
 * arange(5)          // [0, 1, 2, 3, 4]
 * arange(1, 2, 0.25) // [1, 1.25, 1.5, 1.75]
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: CreateOptions = {},
): Tensor {
  if (stop === undefined) {
    stop = start
    start = 0
  }
  if (step === 0 || !Number.isFinite(step))
    throw new ShapeError('arange', `step must be a non-zero finite number, got ${step}`)
  const n = Math.max(0, Math.ceil((stop - start) / step))
  const v = new Float64Array(n)
  for (let i = 0; i < n; i++) v[i] = start + i * step
  return finish(fromValues(v, [n], options.dtype ?? 'float32'), options)
}

/**
 * `num` evenly spaced values from start to stop inclusive.
 *
 * @example
 * linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(
  start: number,
  stop: number,
  num: number,
  options: CreateOptions = {},
): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new ShapeError('linspace', `num must be a non-negative integer, got ${num}`)
  const v = new Float64Array(num)
  const step = num > 1 ? (stop - start) / (num - 1) : 0
  for (let i = 0; i < num; i++) v[i] = i === num - 1 && num > 1 ? stop : start + i * step
  return finish(fromValues(v, [num], options.dtype ?? 'float32'), options)
}

/**
 * The n×m identity (m defaults to n).
 *
 * @example
 * eye(3)
 */
export function eye(n: number, m = n, options: CreateOptions = {}): Tensor {
  checkShape('eye', [n, m])
  const v = new Float64Array(n * m)
  for (let i = 0; i < Math.min(n, m); i++) v[i * m + i] = 1
  return finish(fromValues(v, [n, m], options.dtype ?? 'float32'), options)
}

function floatDType(op: string, options: CreateOptions): DType {
  const d = options.dtype ?? 'float32'
  if (!isFloat(d)) throw new DTypeError(op, `expected a float dtype, got ${d}`)
  return d
}

/**
 * Uniform values in [low, high) (default [0, 1)), from xoshiro128**.
 *
 * @example
 * rand([2, 2], { seed: 1 })
 */
export function rand(
  shape: readonly number[],
  options: RandomOptions & { low?: number; high?: number } = {},
): Tensor {
  const s = checkShape('rand', shape)
  const rng = options.seed !== undefined ? new Random(options.seed) : globalRandom
  const lo = options.low ?? 0
  const hi = options.high ?? 1
  const v = new Float64Array(sizeOf(s))
  for (let i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rng.uniform()
  return finish(fromValues(v, s, floatDType('rand', options)), options)
}

/**
 * Normal values (default mean 0, std 1), Box-Muller on xoshiro128**.
 *
 * @example
 * randn([784, 64], { seed: 0, requiresGrad: true })
 */
export function randn(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; std?: number } = {},
): Tensor {
  const s = checkShape('randn', shape)
  const rng = options.seed !== undefined ? new Random(options.seed) : globalRandom
  const mean = options.mean ?? 0
  const std = options.std ?? 1
  const v = new Float64Array(sizeOf(s))
  for (let i = 0; i < v.length; i++) v[i] = mean + std * rng.normal()
  return finish(fromValues(v, s, floatDType('randn', options)), options)
}

/**
 * Uniform integers in [low, high) as int32.
 *
 * @example
 * randint(0, 10, [5], { seed: 3 })
 */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options: { seed?: number } = {},
): Tensor {
  const s = checkShape('randint', shape)
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ShapeError('randint', `expected integers low < high, got low=${low}, high=${high}`)
  }
  const rng = options.seed !== undefined ? new Random(options.seed) : globalRandom
  const v = new Int32Array(sizeOf(s))
  for (let i = 0; i < v.length; i++) v[i] = rng.int(low, high)
  return fromValues(v, s, 'int32')
}
