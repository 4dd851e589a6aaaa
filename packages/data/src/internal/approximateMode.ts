/** scikit-learn's `_approximate_mode`: split `nDraws` across classes in proportion to counts. */
import type { Random } from './random.js'

/**
 * Floors the proportional allocation, then hands out the remaining draws to the classes with
 * the largest remainders (ties broken at random), so per-class counts match scikit-learn's.
 */
export function approximateMode(counts: number[], nDraws: number, rng: Random): number[] {
  const total = counts.reduce((a, b) => a + b, 0)
  const continuous = counts.map((c) => (c / total) * nDraws)
  const floored = continuous.map(Math.floor)
  let need = nDraws - floored.reduce((a, b) => a + b, 0)
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!)
    const values = [...new Set(remainder)].sort((a, b) => b - a)
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []))
      rng.shuffle(inds)
      const addNow = Math.min(inds.length, need)
      for (let k = 0; k < addNow; k++) floored[inds[k]!]! += 1
      need -= addNow
      if (need === 0) break
    }
  }
  return floored
}
