/** Shared array and label types of @mlstack/data. */
import type { Matrix } from 'ml-matrix'

/** Any of JavaScript's numeric typed arrays (BigInt arrays excluded). */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array

/**
 * A dense n-dimensional array: row-major `data` with its `shape`. The first axis is the sample
 * axis. This is what readers and loaders produce; @mlstack/nn turns it into a tensor.
 */
export interface NDArray<T extends TypedArray = TypedArray> {
  data: T
  shape: number[]
}

/** A class label. */
export type Label = number | string

/** One label per sample. */
export type LabelArray = ArrayLike<Label>

/** What estimators and preprocessors accept as a 2-D feature matrix. */
export type MatrixLike =
  | Matrix
  | readonly (readonly number[])[]
  | readonly Float64Array[]
  | readonly Float32Array[]

/**
 * Anything with a sample axis that splits can index: an ml-matrix `Matrix` (rows), a plain
 * array (elements), a typed array (elements) or an `NDArray` (first axis).
 */
export type Splittable = Matrix | readonly unknown[] | TypedArray | NDArray
