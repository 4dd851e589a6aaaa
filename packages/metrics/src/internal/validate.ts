/** Input validation shared by all metrics: labels, lengths, finiteness, weights, 2-D inputs. */
import {
  EmptyInputError,
  InvalidOptionError,
  InvalidValueError,
  LengthMismatchError,
} from '../errors.js'
import type { Label, LabelArray, Matrix2D, NumberArray, ZeroDivision } from '../types.js'

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of length ${value.length}`
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`
  return typeof value
}

/** Checks that `y` is array-like and non-empty; returns its length. */
export function checkArrayLike(api: string, name: string, y: unknown): number {
  if (
    y === null ||
    typeof y !== 'object' ||
    typeof (y as { length?: unknown }).length !== 'number'
  ) {
    throw new InvalidValueError(
      `${api}: ${name} must be an array or typed array, got ${describe(y)}`,
    )
  }
  const n = (y as ArrayLike<unknown>).length
  if (n === 0) throw new EmptyInputError(`${api}: ${name} is empty; expected at least one sample`)
  return n
}

export function checkSameLength(api: string, aName: string, a: number, bName: string, b: number) {
  if (a !== b) {
    throw new LengthMismatchError(
      `${api}: ${aName} has ${a} samples but ${bName} has ${b}; expected the same number`,
    )
  }
}

/**
 * Copies labels into a plain array, rejecting NaN, non-finite numbers, mixed numbers and strings,
 * and anything that is neither a number nor a string.
 */
export function toLabels(api: string, name: string, y: LabelArray): Label[] {
  const n = checkArrayLike(api, name, y)
  const out: Label[] = new Array(n)
  let kind: 'number' | 'string' | undefined
  for (let i = 0; i < n; i++) {
    const v = (y as ArrayLike<unknown>)[i]
    const k = typeof v
    if (k === 'number') {
      if (!Number.isFinite(v)) {
        throw new InvalidValueError(
          `${api}: ${name}[${i}] is ${v}; labels must be finite numbers or strings`,
        )
      }
    } else if (k !== 'string') {
      throw new InvalidValueError(
        `${api}: ${name}[${i}] is ${describe(v)}; labels must be numbers or strings`,
      )
    }
    if (kind === undefined) kind = k as 'number' | 'string'
    else if (kind !== k) {
      throw new InvalidValueError(
        `${api}: ${name} mixes numbers and strings (index ${i} is a ${k}); use one label type`,
      )
    }
    out[i] = v as Label
  }
  return out
}

/** Copies a numeric array into a Float64Array, rejecting NaN and infinities. */
export function toFinite(api: string, name: string, y: NumberArray): Float64Array {
  const n = checkArrayLike(api, name, y)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = y[i]
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidValueError(
        `${api}: ${name}[${i}] is ${typeof v === 'number' ? v : describe(v)}; expected a finite number`,
      )
    }
    out[i] = v
  }
  return out
}

/** Validates optional sample weights (finite, non-negative, one per sample). */
export function toWeights(
  api: string,
  sampleWeight: NumberArray | undefined,
  n: number,
): Float64Array | null {
  if (sampleWeight === undefined) return null
  const w = toFinite(api, 'sampleWeight', sampleWeight)
  checkSameLength(api, 'yTrue', n, 'sampleWeight', w.length)
  for (let i = 0; i < n; i++) {
    if (w[i]! < 0) {
      throw new InvalidValueError(
        `${api}: sampleWeight[${i}] is ${w[i]}; expected non-negative weights`,
      )
    }
  }
  return w
}

/**
 * Guards a weighted mean's divisor: all-zero sample weights leave nothing to average (scikit-learn's
 * np.average raises too), which would otherwise come out as a silent NaN.
 */
export function checkWeightTotal(api: string, total: number): void {
  if (total === 0) {
    throw new InvalidValueError(
      `${api}: sampleWeight sums to 0; expected at least one positive weight`,
    )
  }
}

/** Reads a 2-D numeric input into row arrays, checking a rectangular, finite shape. */
export function toRows(api: string, name: string, x: Matrix2D): Float64Array[] {
  const src =
    x !== null &&
    typeof x === 'object' &&
    typeof (x as { to2DArray?: unknown }).to2DArray === 'function'
      ? (x as { to2DArray(): number[][] }).to2DArray()
      : (x as ArrayLike<ArrayLike<number>>)
  const n = checkArrayLike(api, name, src)
  const rows: Float64Array[] = new Array(n)
  let width = -1
  for (let i = 0; i < n; i++) {
    const r = src[i]
    if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
      throw new InvalidValueError(`${api}: ${name}[${i}] is ${describe(r)}; expected a row array`)
    }
    if (width === -1) width = r.length
    else if (r.length !== width) {
      throw new InvalidValueError(
        `${api}: ${name}[${i}] has ${r.length} columns but row 0 has ${width}; expected a rectangular 2-D input`,
      )
    }
    rows[i] = toFinite(api, `${name}[${i}]`, r)
  }
  return rows
}

export function is2D(y: unknown): boolean {
  if (
    y !== null &&
    typeof y === 'object' &&
    typeof (y as { to2DArray?: unknown }).to2DArray === 'function'
  )
    return true
  if (!Array.isArray(y) || y.length === 0) return false
  const first = y[0]
  return first !== null && typeof first === 'object'
}

function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number') return a - (b as number)
  return a < b ? -1 : a > b ? 1 : 0
}

/** The sorted union of labels of several arrays (numbers ascending, strings by code unit). */
export function sortedUnique(api: string, ...arrays: Label[][]): Label[] {
  const set = new Set<Label>()
  for (const a of arrays) for (const v of a) set.add(v)
  const out = [...set]
  const kinds = new Set(out.map((v) => typeof v))
  if (kinds.size > 1) {
    throw new InvalidValueError(
      `${api}: inputs mix number and string labels; expected one label type for all inputs`,
    )
  }
  return out.sort(compareLabels)
}

export function checkZeroDivision(api: string, z: unknown): ZeroDivision {
  if (z === 'warn' || z === 0 || z === 1) return z
  throw new InvalidOptionError(`${api}: zeroDivision is ${String(z)}; expected 'warn', 0 or 1`)
}

/** Index of each label in `labels`, for fast counting. */
export function labelIndex(labels: Label[]): Map<Label, number> {
  const m = new Map<Label, number>()
  for (const [i, l] of labels.entries()) m.set(l, i)
  return m
}

export function formatLabel(l: Label): string {
  return typeof l === 'string' ? `'${l}'` : String(l)
}
