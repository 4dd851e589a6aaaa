/** A zero-filled array of the same type and length as `like`. */
import type { FloatArray } from './FloatArray.js'

export function zerosOf(like: FloatArray): FloatArray {
  return like instanceof Float64Array
    ? new Float64Array(like.length)
    : new Float32Array(like.length)
}
