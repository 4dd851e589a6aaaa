/**
 * LIBLINEAR's dual coordinate descent for L2-regularised linear SVMs (Hsieh et al. 2008,
 * `solve_l2r_l1l2_svc`): squared hinge (L2 loss, scikit-learn's default for LinearSVC) or hinge
 * (L1 loss), with LIBLINEAR's random permutation per epoch and shrinking.
 */
import type { Random } from '../../internal/random.js'

export interface DualCdResult {
  w: Float64Array
  iterations: number
  converged: boolean
}

/**
 * Solves one binary problem. `data` is row-major n × d (the bias column, if any, already
 * appended); y is ±1. Returns w of length d.
 */
export function solveL2rSvcDual(
  data: Float64Array,
  n: number,
  d: number,
  y: Int8Array,
  Cp: number,
  Cn: number,
  loss: 'squared_hinge' | 'hinge',
  eps: number,
  maxIter: number,
  rng: Random,
): DualCdResult {
  const w = new Float64Array(d)
  const alpha = new Float64Array(n)
  const QD = new Float64Array(n)
  const index = new Int32Array(n)
  const l2 = loss === 'squared_hinge'
  // LIBLINEAR's GETI(i) = y_i + 1 indexes these: [negative, -, positive].
  const diagN = l2 ? 0.5 / Cn : 0
  const diagP = l2 ? 0.5 / Cp : 0
  const ubN = l2 ? Number.POSITIVE_INFINITY : Cn
  const ubP = l2 ? Number.POSITIVE_INFINITY : Cp
  for (let i = 0; i < n; i++) {
    let nrm = 0
    const o = i * d
    for (let k = 0; k < d; k++) nrm += data[o + k] * data[o + k]
    QD[i] = (y[i] > 0 ? diagP : diagN) + nrm
    index[i] = i
  }
  let activeSize = n
  let PGmaxOld = Number.POSITIVE_INFINITY
  let PGminOld = Number.NEGATIVE_INFINITY
  let iter = 0
  let converged = false
  while (iter < maxIter) {
    let PGmaxNew = Number.NEGATIVE_INFINITY
    let PGminNew = Number.POSITIVE_INFINITY
    for (let i = 0; i < activeSize; i++) {
      // One 32-bit draw per swap (like LIBLINEAR's rand()): this shuffle runs every epoch.
      const j = i + Math.floor(rng.nextUint32() * ((activeSize - i) / 4294967296))
      const t = index[i]
      index[i] = index[j]
      index[j] = t
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s]
      const yi = y[i]
      const o = i * d
      // Four partial sums: the add latency chain, not the multiplies, bounds this loop.
      let g0 = 0
      let g1 = 0
      let g2 = 0
      let g3 = 0
      let k = 0
      for (; k + 3 < d; k += 4) {
        g0 += w[k] * data[o + k]
        g1 += w[k + 1] * data[o + k + 1]
        g2 += w[k + 2] * data[o + k + 2]
        g3 += w[k + 3] * data[o + k + 3]
      }
      for (; k < d; k++) g0 += w[k] * data[o + k]
      let G = yi * (g0 + g1 + (g2 + g3)) - 1
      const C = yi > 0 ? ubP : ubN
      G += alpha[i] * (yi > 0 ? diagP : diagN)
      let PG = 0
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          activeSize--
          index[s] = index[activeSize]
          index[activeSize] = i
          s--
          continue
        }
        if (G < 0) PG = G
      } else if (alpha[i] === C) {
        if (G < PGminOld) {
          activeSize--
          index[s] = index[activeSize]
          index[activeSize] = i
          s--
          continue
        }
        if (G > 0) PG = G
      } else PG = G
      if (PG > PGmaxNew) PGmaxNew = PG
      if (PG < PGminNew) PGminNew = PG
      if (Math.abs(PG) > 1.0e-12) {
        const old = alpha[i]
        alpha[i] = Math.min(Math.max(alpha[i] - G / QD[i], 0.0), C)
        const delta = (alpha[i] - old) * yi
        for (let k = 0; k < d; k++) w[k] += delta * data[o + k]
      }
    }
    iter++
    if (PGmaxNew - PGminNew <= eps) {
      if (activeSize === n) {
        converged = true
        break
      }
      activeSize = n
      PGmaxOld = Number.POSITIVE_INFINITY
      PGminOld = Number.NEGATIVE_INFINITY
      continue
    }
    PGmaxOld = PGmaxNew
    PGminOld = PGminNew
    if (PGmaxOld <= 0) PGmaxOld = Number.POSITIVE_INFINITY
    if (PGminOld >= 0) PGminOld = Number.NEGATIVE_INFINITY
  }
  return { w, iterations: iter, converged }
}
