/**
 * Input validation shared by every estimator: converts the accepted matrix/vector shapes into
 * owned copies and rejects bad input with an InputError that names the API, what was given and
 * what was expected. Estimators never keep a reference to caller data.
 */
import { Matrix } from 'ml-matrix'
import { InputError, ParameterError } from '../errors.js'
import type { MatrixLike, VectorLike } from '../types.js'

export type { MatrixLike, VectorLike } from '../types.js'

/** Row-major dense copy used by the hot loops (faster than Matrix.get). */
export interface Dense {
  data: Float64Array
  rows: number
  cols: number
  /**
   * Sum of every entry in row-major order (a sequential sum from 0), when toDense computed it
   * as its finiteness check; consumers that need the same sum (SVM's gamma = 'scale') reuse it.
   */
  sum?: number
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of length ${v.length}`
  if (ArrayBuffer.isView(v))
    return `a ${v.constructor.name} of length ${(v as Float64Array).length}`
  if (v instanceof Matrix) return `a ${v.rows}x${v.columns} Matrix`
  return typeof v
}

/** Validates X and returns a row-major Float64Array copy; checks 2-D, non-empty, rectangular, finite. */
export function toDense(X: MatrixLike, api: string): Dense {
  if (X instanceof Matrix || Matrix.isMatrix(X)) {
    const M = X as Matrix
    const rows = M.rows
    const cols = M.columns
    if (rows === 0 || cols === 0) {
      throw new InputError(
        `${api}: X is empty (${rows}x${cols}); expected at least 1 sample and 1 feature`,
      )
    }
    const data = new Float64Array(rows * cols)
    for (let i = 0; i < rows; i++) data.set(M.getRow(i), i * cols)
    let sum = 0
    for (let k = 0; k < data.length; k++) sum += data[k] as number
    if (!Number.isFinite(sum)) checkFinite(data, cols, api)
    return { data, rows, cols, sum }
  }
  if (!Array.isArray(X)) {
    throw new InputError(
      `${api}: X must be a Matrix or an array of rows (number[][] / Float64Array[]), got ${describe(X)}`,
    )
  }
  const rows = X.length
  if (rows === 0) {
    throw new InputError(`${api}: X is empty (0 samples); expected at least 1 sample`)
  }
  const first = X[0] as unknown
  if (!(Array.isArray(first) || ArrayBuffer.isView(first))) {
    throw new InputError(
      `${api}: X must be 2-D (an array of rows), got an array whose first element is ${describe(first)}; reshape a single feature to [[x0], [x1], ...]`,
    )
  }
  const cols = (first as ArrayLike<number>).length
  if (cols === 0) {
    throw new InputError(`${api}: X has 0 features; expected at least 1 feature`)
  }
  const data = new Float64Array(rows * cols)
  let sum = 0
  for (let i = 0; i < rows; i++) {
    const row = X[i] as unknown
    if (!(Array.isArray(row) || ArrayBuffer.isView(row))) {
      throw new InputError(
        `${api}: X row ${i} is ${describe(row)}; expected an array of ${cols} numbers`,
      )
    }
    const r = row as ArrayLike<number>
    if (r.length !== cols) {
      throw new InputError(
        `${api}: X is ragged: row ${i} has ${r.length} values but row 0 has ${cols}; expected every row to have ${cols}`,
      )
    }
    sum =
      r instanceof Float64Array
        ? copyRowF64(r, data, i * cols, cols, sum)
        : copyRow(r, data, i * cols, cols, sum)
  }
  if (!Number.isFinite(sum)) checkFinite(data, cols, api)
  return { data, rows, cols, sum }
}

// The copies also sum the values in order: a finite sum proves every value finite (a NaN or an
// infinity cannot cancel out), so the per-value check runs only to name the culprit, or when
// finite values overflowed. One pass instead of a copy (TypedArray.set costs ≈ 60 ns a row)
// plus a check; the Float64Array rows keep their own loop so that its loads stay monomorphic.
function copyRowF64(r: Float64Array, data: Float64Array, off: number, cols: number, s: number) {
  for (let j = 0; j < cols; j++) {
    const v = r[j] as number
    data[off + j] = v
    s += v
  }
  return s
}

// Other rows (plain arrays, other typed arrays): the store converts (as before), then the sum
// reads the converted value back.
function copyRow(r: ArrayLike<number>, data: Float64Array, off: number, cols: number, s: number) {
  for (let j = 0; j < cols; j++) {
    data[off + j] = r[j] as number
    s += data[off + j] as number
  }
  return s
}

function checkFinite(data: Float64Array, cols: number, api: string): void {
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number
    if (!Number.isFinite(v)) {
      const i = Math.floor(k / cols)
      const j = k % cols
      throw new InputError(
        `${api}: X contains ${Number.isNaN(v) ? 'NaN (or a non-number)' : v} at row ${i}, column ${j}; expected finite numbers (impute or drop missing values first)`,
      )
    }
  }
}

/** Validates X and returns an owned ml-matrix copy. */
export function toMatrix(X: MatrixLike, api: string): Matrix {
  return denseToMatrix(toDense(X, api))
}

/** Wraps a row-major buffer as a Matrix (copies). */
export function denseToMatrix(d: Dense): Matrix {
  const M = new Matrix(d.rows, d.cols)
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) M.set(i, j, d.data[i * d.cols + j] as number)
  }
  return M
}

/** Validates y (1-D, non-empty, finite) and returns an owned Float64Array copy. */
export function toVector(y: VectorLike, api: string): Float64Array {
  if (!(Array.isArray(y) || (ArrayBuffer.isView(y) && !(y instanceof DataView)))) {
    throw new InputError(`${api}: y must be a 1-D array of numbers, got ${describe(y)}`)
  }
  const n = y.length
  if (n === 0) throw new InputError(`${api}: y is empty; expected at least 1 value`)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = y[i] as unknown
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(
        `${api}: y[${i}] is ${Array.isArray(v) ? 'an array (y must be 1-D)' : String(v)}; expected a finite number`,
      )
    }
    out[i] = v
  }
  return out
}

/** Validates X and y together (same number of samples). */
export function checkXyDense(
  X: MatrixLike,
  y: VectorLike,
  api: string,
): { X: Dense; y: Float64Array } {
  const Xd = toDense(X, api)
  const yv = toVector(y, api)
  if (yv.length !== Xd.rows) {
    throw new InputError(
      `${api}: X has ${Xd.rows} samples but y has ${yv.length}; expected the same number of samples`,
    )
  }
  return { X: Xd, y: yv }
}

/** Matrix flavour of checkXyDense, as in the shared contract. */
export function checkXy(X: MatrixLike, y: VectorLike, api: string): { X: Matrix; y: Float64Array } {
  const r = checkXyDense(X, y, api)
  return { X: denseToMatrix(r.X), y: r.y }
}

/** Throws when X does not have the feature count seen in fit. */
export function checkNFeatures(X: Matrix | Dense, expected: number, api: string): void {
  const got = X instanceof Matrix ? X.columns : X.cols
  if (got !== expected) {
    throw new InputError(
      `${api}: X has ${got} features, but the estimator was fitted with ${expected} features`,
    )
  }
}

/** Validates X for a fitted estimator: a dense copy, with the feature count seen in fit. */
export function toDenseFitted(X: MatrixLike, nFeatures: number, api: string): Dense {
  const Xd = toDense(X, api)
  checkNFeatures(Xd, nFeatures, api)
  return Xd
}

/** Sorted distinct values of y. */
export function uniqueLabels(y: Float64Array): Float64Array {
  // Few distinct labels (the usual case): a short list searched linearly is several times
  // cheaper per value than a Set. Many labels, or a NaN (which === never matches), take the Set.
  const seen: number[] = []
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number
    let k = 0
    while (k < seen.length && seen[k] !== v) k++
    if (k === seen.length) {
      if (k === FEW_LABELS || Number.isNaN(v)) return uniqueBySet(y)
      seen.push(v === 0 ? 0 : v) // as a Set does: -0 is stored as +0
    }
  }
  const s = Float64Array.from(seen)
  s.sort()
  return s
}

const FEW_LABELS = 16

function uniqueBySet(y: Float64Array): Float64Array {
  const s = Float64Array.from(new Set(y))
  s.sort()
  return s
}

/**
 * Classification targets: the sorted classes and y mapped to 0..k-1. Requires at least
 * `minClasses` classes (2 by default), as every classifier needs two to learn a boundary.
 */
export function encodeLabels(
  y: Float64Array,
  api: string,
  minClasses = 2,
): { classes: Float64Array; encoded: Int32Array } {
  const classes = uniqueLabels(y)
  if (classes.length < minClasses) {
    throw new InputError(
      `${api}: y has ${classes.length} class (${Array.from(classes).join(', ')}); expected at least ${minClasses} classes`,
    )
  }
  const encoded = new Int32Array(y.length)
  const nc = classes.length
  if (nc <= FEW_LABELS && !Number.isNaN(classes[nc - 1])) {
    // Every value is among the classes (=== matches -0 to 0, as the Map's SameValueZero does).
    for (let i = 0; i < y.length; i++) {
      const v = y[i] as number
      let k = 0
      while (classes[k] !== v) k++
      encoded[i] = k
    }
    return { classes, encoded }
  }
  const index = new Map<number, number>()
  for (let k = 0; k < nc; k++) index.set(classes[k] as number, k)
  for (let i = 0; i < y.length; i++) encoded[i] = index.get(y[i] as number) as number
  return { classes, encoded }
}

/** Validates a sample-weight-like or option value is a finite number within [lo, hi]. */
export function checkRange(
  value: unknown,
  name: string,
  api: string,
  lo: number,
  hi: number,
  opts: { loOpen?: boolean; hiOpen?: boolean; integer?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (opts.loOpen ? value > lo : value >= lo) &&
    (opts.hiOpen ? value < hi : value <= hi) &&
    (!opts.integer || Number.isInteger(value))
  if (!ok) {
    const range = `${opts.loOpen ? '(' : '['}${lo}, ${hi}${opts.hiOpen ? ')' : ']'}`
    throw new ParameterError(
      `${api}: option ${name} = ${String(value)}; expected ${opts.integer ? 'an integer' : 'a number'} in ${range}`,
    )
  }
  return value as number
}

/** Validates that an option is one of the allowed values. */
export function checkOneOf<T>(value: T, name: string, api: string, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new ParameterError(
      `${api}: option ${name} = ${JSON.stringify(value)}; expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    )
  }
  return value
}

/** Validates per-sample weights: n finite, non-negative values with a positive sum (a copy). */
export function checkSampleWeight(w: VectorLike, n: number, api: string): Float64Array {
  const v = toVector(w, `${api} (sampleWeight)`)
  if (v.length !== n) {
    throw new InputError(`${api}: sampleWeight has ${v.length} values but X has ${n} samples`)
  }
  let sum = 0
  for (let i = 0; i < n; i++) {
    const x = v[i] as number
    if (x < 0)
      throw new InputError(`${api}: sampleWeight[${i}] = ${x}; expected non-negative weights`)
    sum += x
  }
  if (!(sum > 0)) throw new InputError(`${api}: sampleWeight sums to 0; expected a positive total`)
  return v
}
