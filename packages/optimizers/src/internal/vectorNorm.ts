// The p-norm of a typed array, as torch.norm(x, p) computes it for p > 0 and p = Infinity.
import type { FloatArray } from './FloatArray.js'

export function vectorNorm(x: ArrayLike<number>, p: number): number {
  const n = x.length
  if (p === Number.POSITIVE_INFINITY) {
    let m = 0
    for (let i = 0; i < n; i++) {
      const a = Math.abs(x[i])
      if (a > m || Number.isNaN(a)) m = a
      if (Number.isNaN(m)) return m
    }
    return m
  }
  let s = 0
  if (p === 2) {
    for (let i = 0; i < n; i++) s += x[i] * x[i]
    return Math.sqrt(s)
  }
  if (p === 1) {
    for (let i = 0; i < n; i++) s += Math.abs(x[i])
    return s
  }
  for (let i = 0; i < n; i++) s += Math.abs(x[i]) ** p
  return s ** (1 / p)
}

/** Multiplies every element of `x` by `c` in place. */
export function scaleInPlace(x: FloatArray, c: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= c
}
