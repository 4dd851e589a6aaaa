/** Row selection that keeps the input's kind: the one primitive every split is built on. */
import { Matrix } from 'ml-matrix'
import { InvalidDataError } from './errors.js'
import { isNDArray } from './internal/isNDArray.js'
import type { Splittable, TypedArray } from './types.js'

/** Number of samples (rows, elements or first-axis length) of a splittable input. */
export function sampleCount(x: Splittable | number, api = 'sampleCount'): number {
  if (typeof x === 'number') {
    if (!Number.isInteger(x) || x < 0) {
      throw new InvalidDataError(`${api}: sample count is ${x}; expected a non-negative integer`)
    }
    return x
  }
  if (Matrix.isMatrix(x)) return (x as Matrix).rows
  if (isNDArray(x)) {
    if (x.shape.length === 0)
      throw new InvalidDataError(`${api}: NDArray has no sample axis (shape [])`)
    return x.shape[0]!
  }
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length
  throw new InvalidDataError(
    `${api}: expected a Matrix, an array, a typed array or an NDArray, got ${x === null ? 'null' : typeof x}`,
  )
}

/**
 * The rows (samples) of `x` at `indices`, as the same kind of value: Matrix → Matrix, array →
 * array, typed array → typed array of the same type, NDArray → NDArray.
 *
 * @example
 * takeRows([[1, 2], [3, 4], [5, 6]], [2, 0]) // [[5, 6], [1, 2]]
 */
export function takeRows<T extends Splittable>(x: T, indices: ArrayLike<number>): T {
  const n = sampleCount(x, 'takeRows')
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new InvalidDataError(
        `takeRows: index ${i} at position ${k} is out of range; expected an integer in [0, ${n})`,
      )
    }
  }
  if (Matrix.isMatrix(x)) {
    const m = x as unknown as Matrix
    const out = new Matrix(indices.length, m.columns)
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!
      for (let j = 0; j < m.columns; j++) out.set(k, j, m.get(i, j))
    }
    return out as unknown as T
  }
  if (isNDArray(x)) {
    const rowSize = x.shape.slice(1).reduce((a, b) => a * b, 1)
    const Ctor = x.data.constructor as new (n: number) => TypedArray
    const data = new Ctor(indices.length * rowSize)
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!
      data.set(x.data.subarray(i * rowSize, (i + 1) * rowSize), k * rowSize)
    }
    return { data, shape: [indices.length, ...x.shape.slice(1)] } as unknown as T
  }
  if (ArrayBuffer.isView(x)) {
    const a = x as unknown as TypedArray
    const Ctor = a.constructor as new (n: number) => TypedArray
    const out = new Ctor(indices.length)
    for (let k = 0; k < indices.length; k++) out[k] = a[indices[k]!]!
    return out as unknown as T
  }
  const a = x as readonly unknown[]
  return Array.from(indices, (i) => a[i]) as unknown as T
}
