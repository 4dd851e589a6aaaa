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
    const consider = (i: number, s: number): void => {
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
    let i = 0
    if (p === 2) {
      // Four training rows per pass: each query value is loaded once for four accumulators;
      // every distance is still summed in feature order, so results equal the plain loop.
      for (; i + 3 < n; i += 4) {
        const t0 = i * d
        const t1 = t0 + d
        const t2 = t1 + d
        const t3 = t2 + d
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        for (let j = 0; j < d; j++) {
          const qv = Q[qo + j] as number
          const a = (T[t0 + j] as number) - qv
          const b = (T[t1 + j] as number) - qv
          const c = (T[t2 + j] as number) - qv
          const e = (T[t3 + j] as number) - qv
          s0 += a * a
          s1 += b * b
          s2 += c * c
          s3 += e * e
        }
        consider(i, s0)
        consider(i + 1, s1)
        consider(i + 2, s2)
        consider(i + 3, s3)
      }
    }
    for (; i < n; i++) {
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
      consider(i, s)
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
