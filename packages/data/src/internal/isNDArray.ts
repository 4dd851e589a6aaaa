/** The structural test for this package's `NDArray` ({ data: TypedArray, shape: number[] }). */
import type { NDArray } from '../types.js'

export function isNDArray(x: unknown): x is NDArray {
  return (
    x !== null &&
    typeof x === 'object' &&
    ArrayBuffer.isView((x as NDArray).data) &&
    Array.isArray((x as NDArray).shape)
  )
}
