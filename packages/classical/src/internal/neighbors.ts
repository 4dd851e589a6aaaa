/** Brute-force k-nearest-neighbour search shared by the KNeighbors estimators. */
import type { Dense } from './validation.js'

/** For each query row: the k nearest training indices and distances, nearest first (ties by index). */
export function kNearest(
  train: Dense,
  query: Dense,
  k: number,
  p: number,
): { index: Int32Array; dist: Float64Array } {
  const { data: T, rows: n, cols: d } = train
  const Q = query.data
  const m = query.rows
  const index = new Int32Array(m * k)
  const dist = new Float64Array(m * k)
  const bestD = new Float64Array(k)
  const bestI = new Int32Array(k)
  for (let q = 0; q < m; q++) {
    let filled = 0
    const qo = q * d
    for (let i = 0; i < n; i++) {
      const to = i * d
      let s = 0
      if (p === 2) {
        for (let j = 0; j < d; j++) {
          const diff = (T[to + j] as number) - (Q[qo + j] as number)
          s += diff * diff
        }
      } else if (p === 1) {
        for (let j = 0; j < d; j++) s += Math.abs((T[to + j] as number) - (Q[qo + j] as number))
      } else {
        for (let j = 0; j < d; j++)
          s += Math.abs((T[to + j] as number) - (Q[qo + j] as number)) ** p
      }
      // Insertion into the sorted buffer; strict < keeps the lower index first on ties.
      if (filled < k) {
        let pos = filled++
        while (pos > 0 && s < (bestD[pos - 1] as number)) {
          bestD[pos] = bestD[pos - 1] as number
          bestI[pos] = bestI[pos - 1] as number
          pos--
        }
        bestD[pos] = s
        bestI[pos] = i
      } else if (s < (bestD[k - 1] as number)) {
        let pos = k - 1
        while (pos > 0 && s < (bestD[pos - 1] as number)) {
          bestD[pos] = bestD[pos - 1] as number
          bestI[pos] = bestI[pos - 1] as number
          pos--
        }
        bestD[pos] = s
        bestI[pos] = i
      }
    }
    for (let r = 0; r < k; r++) {
      const raw = bestD[r] as number
      dist[q * k + r] = p === 2 ? Math.sqrt(raw) : p === 1 ? raw : raw ** (1 / p)
      index[q * k + r] = bestI[r] as number
    }
  }
  return { index, dist }
}

/** Neighbour weights: uniform, or 1/distance with exact matches taking all the weight. */
export function neighborWeights(
  dist: Float64Array,
  off: number,
  k: number,
  mode: 'uniform' | 'distance',
): Float64Array {
  const w = new Float64Array(k)
  if (mode === 'uniform') return w.fill(1)
  let zero = false
  for (let r = 0; r < k; r++) if (dist[off + r] === 0) zero = true
  for (let r = 0; r < k; r++) {
    const dv = dist[off + r] as number
    w[r] = zero ? (dv === 0 ? 1 : 0) : 1 / dv
  }
  return w
}
