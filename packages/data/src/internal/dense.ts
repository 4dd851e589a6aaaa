/** Conversion of the accepted 2-D inputs into a validated row-major Float64Array, and back. */
import { Matrix } from 'ml-matrix'
import { InvalidDataError, ShapeMismatchError } from '../errors.js'
import type { MatrixLike } from '../types.js'

export interface Dense {
  data: Float64Array
  rows: number
  cols: number
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of length ${v.length}`
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`
  return typeof v
}

/**
 * Validates X (2-D, non-empty, rectangular, numeric; NaN only if `allowNaN`, never ±Infinity)
 * and copies it, so callers' data is never mutated or retained.
 */
export function toDense(api: string, X: MatrixLike, allowNaN: boolean): Dense {
  return Matrix.isMatrix(X)
    ? matrixToDense(api, X as Matrix, allowNaN)
    : rowsToDense(api, X, allowNaN)
}

/** Reads entries in place: getRow() would build a fresh JS array per row. */
function matrixToDense(api: string, m: Matrix, allowNaN: boolean): Dense {
  const { rows, columns: cols } = m
  checkNotEmpty(api, rows, cols)
  const data = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = m.get(i, j)
      if (!isValid(v, allowNaN)) badValue(api, v, i, j, allowNaN)
      data[i * cols + j] = v
    }
  }
  return { data, rows, cols }
}

function rowsToDense(api: string, X: MatrixLike, allowNaN: boolean): Dense {
  if (!Array.isArray(X)) {
    throw new InvalidDataError(
      `${api}: X must be a Matrix or an array of rows (number[][]), got ${describe(X)}`,
    )
  }
  const rows = X.length
  const first = X[0] as unknown
  if (rows > 0 && !(Array.isArray(first) || ArrayBuffer.isView(first))) {
    throw new InvalidDataError(
      `${api}: X must be 2-D (an array of rows), got an array whose first element is ${describe(first)}; reshape one feature to [[x0], [x1], ...]`,
    )
  }
  const cols = rows > 0 ? (first as ArrayLike<number>).length : 0
  checkNotEmpty(api, rows, cols)
  const data = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) {
    const r = X[i] as unknown
    if (!(Array.isArray(r) || ArrayBuffer.isView(r))) {
      throw new InvalidDataError(
        `${api}: X row ${i} is ${describe(r)}; expected an array of ${cols} numbers`,
      )
    }
    const row = r as ArrayLike<number>
    if (row.length !== cols) {
      throw new InvalidDataError(
        `${api}: X row ${i} has ${row.length} values but row 0 has ${cols}; expected a rectangular matrix`,
      )
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j]
      if (!isValid(v, allowNaN)) badValue(api, v, i, j, allowNaN)
      data[i * cols + j] = v
    }
  }
  return { data, rows, cols }
}

function checkNotEmpty(api: string, rows: number, cols: number): void {
  if (rows === 0 || cols === 0) {
    throw new InvalidDataError(
      `${api}: X is empty (${rows}x${cols}); expected at least 1 sample and 1 feature`,
    )
  }
}

/** Whether X[i][j] is usable: a number, finite unless `allowNaN` lets NaN through. */
function isValid(v: unknown, allowNaN: boolean): v is number {
  return typeof v === 'number' && (Number.isFinite(v) || (allowNaN && Number.isNaN(v)))
}

/** The typed error for an entry that failed `isValid` (kept out of the hot loops). */
function badValue(api: string, v: unknown, i: number, j: number, allowNaN: boolean): never {
  if (typeof v !== 'number') {
    throw new InvalidDataError(`${api}: X[${i}][${j}] is ${describe(v)}; expected a number`)
  }
  throw new InvalidDataError(
    `${api}: X[${i}][${j}] is ${v}; expected a finite number${allowNaN ? ' or NaN (missing)' : ''}`,
  )
}

export function checkFeatures(api: string, d: Dense, expected: number): void {
  if (d.cols !== expected) {
    throw new ShapeMismatchError(
      `${api}: X has ${d.cols} features but this instance was fitted with ${expected}; expected ${expected}`,
    )
  }
}

export function toMatrix(d: Dense): Matrix {
  const m = new Matrix(d.rows, d.cols)
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) m.set(i, j, d.data[i * d.cols + j]!)
  }
  return m
}

/** The values of column j that are not NaN. */
export function column(d: Dense, j: number): number[] {
  const out: number[] = []
  for (let i = 0; i < d.rows; i++) {
    const v = d.data[i * d.cols + j]!
    if (!Number.isNaN(v)) out.push(v)
  }
  return out
}

/** scikit-learn's `_handle_zeros_in_scale`: near-zero scales become 1 so constant features pass. */
export function handleZerosInScale(scale: Float64Array, constant?: boolean[]): Float64Array {
  const out = Float64Array.from(scale)
  for (let j = 0; j < out.length; j++) {
    const isConst = constant ? constant[j] : out[j]! < 10 * Number.EPSILON
    if (isConst) out[j] = 1
  }
  return out
}
