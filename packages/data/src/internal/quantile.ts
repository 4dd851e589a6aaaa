/** NumPy-compatible median and linear-interpolation percentile of sorted values. */

/** Median of ascending `sorted` as NumPy computes it (mean of the two middle values). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  const h = n >> 1
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2
}

/** `np.percentile(x, q)` with the default 'linear' method, for ascending `sorted`. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  const p = q / 100
  // NumPy's virtual index for the linear method: n*p + (1 - p) - 1.
  const vi = n * p + (1 - p) - 1
  const lo = Math.min(Math.max(Math.floor(vi), 0), n - 1)
  const hi = Math.min(lo + 1, n - 1)
  const t = vi - Math.floor(vi)
  const a = sorted[lo]!
  const b = sorted[hi]!
  const diff = b - a
  // NumPy's _lerp: from the nearer end for accuracy.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
}
