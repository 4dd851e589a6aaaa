/**
 * Map-style datasets: a length and random access by index, as PyTorch's `Dataset`. DataLoader
 * batches any of them; `ArrayDataset` additionally gathers whole batches in one copy.
 */
import { Matrix } from 'ml-matrix'
import { InvalidDataError, ShapeMismatchError } from '../errors.js'
import type { NDArray, TypedArray } from '../types.js'

/** Anything with a length and `get(i)`. */
export interface Dataset<T> {
  readonly length: number
  get(index: number): T
  /** Optional fast path: the samples at `indices` already collated into one batch. */
  getBatch?(indices: ArrayLike<number>): unknown
}

/** What `ArrayDataset` accepts per field: an NDArray, a typed array, nested rows or a Matrix. */
export type FieldInput =
  | NDArray
  | TypedArray
  | readonly number[]
  | readonly (readonly number[])[]
  | Matrix

/** Converts a field input to an NDArray with the sample axis first (copying only nested arrays). */
export function toNDArray(x: FieldInput, name = 'x'): NDArray {
  if (Matrix.isMatrix(x)) {
    const m = x as Matrix
    const data = new Float64Array(m.rows * m.columns)
    for (let i = 0; i < m.rows; i++) data.set(m.getRow(i), i * m.columns)
    return { data, shape: [m.rows, m.columns] }
  }
  if (ArrayBuffer.isView(x)) return { data: x as TypedArray, shape: [(x as TypedArray).length] }
  if (Array.isArray(x)) {
    if (x.length > 0 && (Array.isArray(x[0]) || ArrayBuffer.isView(x[0]))) {
      const rows = x as readonly (readonly number[])[]
      const w = rows[0]!.length
      const data = new Float64Array(rows.length * w)
      rows.forEach((r, i) => {
        if (r.length !== w) {
          throw new InvalidDataError(
            `ArrayDataset: ${name} row ${i} has ${r.length} values but row 0 has ${w}`,
          )
        }
        data.set(r, i * w)
      })
      return { data, shape: [rows.length, w] }
    }
    return { data: Float64Array.from(x as readonly number[]), shape: [x.length] }
  }
  const nd = x as NDArray
  if (nd && ArrayBuffer.isView(nd.data) && Array.isArray(nd.shape)) {
    const size = nd.shape.reduce((a, b) => a * b, 1)
    if (nd.shape.length === 0 || size !== nd.data.length) {
      throw new ShapeMismatchError(
        `ArrayDataset: ${name} has shape [${nd.shape.join(', ')}] but ${nd.data.length} elements`,
      )
    }
    return nd
  }
  throw new InvalidDataError(
    `ArrayDataset: ${name} must be an NDArray, a typed array, an array or a Matrix`,
  )
}

/** One sample or one batch of an ArrayDataset: an NDArray per field. */
export type Fields<K extends string> = { [P in K]: NDArray }

/**
 * Samples stored as arrays that share a first (sample) axis, as PyTorch's `TensorDataset`:
 * `get(i)` returns each field's row `i` (a view, shape without the sample axis) and
 * `getBatch(indices)` gathers rows into new arrays of shape [batch, ...].
 *
 * @example
 * const ds = new ArrayDataset({ x: images, y: labels }) // images: { data, shape: [n, 784] }
 * ds.get(0).x.shape // [784]
 */
export class ArrayDataset<K extends string> implements Dataset<Fields<K>> {
  readonly fields: Fields<K>
  readonly length: number
  private readonly rowSize: Record<string, number>

  constructor(fields: { [P in K]: FieldInput }) {
    const entries = Object.entries(fields) as [K, FieldInput][]
    if (entries.length === 0)
      throw new InvalidDataError('ArrayDataset: expected at least one field')
    const out = {} as Fields<K>
    this.rowSize = {}
    let n = -1
    for (const [k, v] of entries) {
      const nd = toNDArray(v, k)
      if (n === -1) n = nd.shape[0]!
      else if (nd.shape[0] !== n) {
        throw new ShapeMismatchError(
          `ArrayDataset: field '${k}' has ${nd.shape[0]} samples but '${entries[0]![0]}' has ${n}; expected the same number`,
        )
      }
      out[k] = nd
      this.rowSize[k] = nd.shape.slice(1).reduce((a, b) => a * b, 1)
    }
    this.fields = out
    this.length = n
  }

  get(index: number): Fields<K> {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(
        `ArrayDataset.get: index ${index} is out of range; expected an integer in [0, ${this.length})`,
      )
    }
    const out = {} as Fields<K>
    for (const k of Object.keys(this.fields) as K[]) {
      const f = this.fields[k]
      const s = this.rowSize[k]!
      out[k] = { data: f.data.subarray(index * s, (index + 1) * s), shape: f.shape.slice(1) }
    }
    return out
  }

  getBatch(indices: ArrayLike<number>): Fields<K> {
    const out = {} as Fields<K>
    const m = indices.length
    for (const k of Object.keys(this.fields) as K[]) {
      const f = this.fields[k]
      const s = this.rowSize[k]!
      const src = f.data
      const Ctor = src.constructor as new (n: number) => TypedArray
      const data = new Ctor(m * s)
      for (let b = 0; b < m; b++) {
        const i = indices[b]!
        if (i < 0 || i >= this.length || !Number.isInteger(i)) {
          throw new RangeError(
            `ArrayDataset.getBatch: index ${i} is out of range; expected an integer in [0, ${this.length})`,
          )
        }
      }
      if (s === 1) {
        for (let b = 0; b < m; b++) data[b] = src[indices[b]!]!
      } else if (s < 64) {
        // Short rows: a plain loop beats creating a subarray view per row.
        for (let b = 0; b < m; b++) {
          const o = indices[b]! * s
          for (let c = 0; c < s; c++) data[b * s + c] = src[o + c]!
        }
      } else {
        for (let b = 0; b < m; b++) {
          const i = indices[b]!
          data.set(src.subarray(i * s, (i + 1) * s), b * s)
        }
      }
      out[k] = { data, shape: [m, ...f.shape.slice(1)] }
    }
    return out
  }
}

/** A dataset whose samples are another dataset's samples passed through `fn`. */
export class MappedDataset<T, U> implements Dataset<U> {
  constructor(
    readonly source: Dataset<T>,
    readonly fn: (sample: T, index: number) => U,
  ) {}
  get length(): number {
    return this.source.length
  }
  get(index: number): U {
    return this.fn(this.source.get(index), index)
  }
}

/** The samples of `source` at `indices` (e.g. a train split), without copying data. */
export class Subset<T> implements Dataset<T> {
  readonly indices: number[]
  constructor(
    readonly source: Dataset<T>,
    indices: ArrayLike<number>,
  ) {
    this.indices = Array.from(indices)
    for (const i of this.indices) {
      if (!Number.isInteger(i) || i < 0 || i >= source.length) {
        throw new RangeError(
          `Subset: index ${i} is out of range; expected an integer in [0, ${source.length})`,
        )
      }
    }
  }
  get length(): number {
    return this.indices.length
  }
  get(index: number): T {
    const i = this.indices[index]
    if (i === undefined) {
      throw new RangeError(
        `Subset.get: index ${index} is out of range; expected an integer in [0, ${this.indices.length})`,
      )
    }
    return this.source.get(i)
  }
  getBatch(indices: ArrayLike<number>): unknown {
    const src = this.source
    const mapped = Array.from(indices, (k) => this.indices[k]!)
    if (src.getBatch) return src.getBatch(mapped)
    return undefined
  }
}
