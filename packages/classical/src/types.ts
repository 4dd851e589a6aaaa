/** The input types every estimator accepts. */
import type { Matrix } from 'ml-matrix'

/** Anything an estimator accepts as X. */
export type MatrixLike =
  | Matrix
  | readonly (readonly number[])[]
  | readonly Float64Array[]
  | readonly Float32Array[]

/** Anything an estimator accepts as y. */
export type VectorLike = readonly number[] | Float64Array | Float32Array | Int32Array
