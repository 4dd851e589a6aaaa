// In-place scaling of a gradient, for clipGradNorm.
import type { FloatArray } from './FloatArray.js'

/** Multiplies every element of `x` by `c` in place. */
export function scaleInPlace(x: FloatArray, c: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= c
}
