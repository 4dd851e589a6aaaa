/**
 * Kernel functions over dense row-major Float64Array data, written as LIBSVM computes them
 * (same formulas and summation order) so that solutions match LIBSVM / scikit-learn closely.
 */

/** Kernel ids, in LIBSVM's numbering. */
export const LINEAR = 0
export const POLY = 1
export const RBF = 2
export const SIGMOID = 3

export type KernelName = 'linear' | 'poly' | 'rbf' | 'sigmoid'

export const KERNEL_IDS: Record<KernelName, number> = {
  linear: LINEAR,
  poly: POLY,
  rbf: RBF,
  sigmoid: SIGMOID,
}

/** Resolved kernel parameters (gamma already a number). */
export interface KernelSpec {
  kernel: number
  gamma: number
  degree: number
  coef0: number
}

/** LIBSVM's powi: integer power by squaring (bitwise-identical to LIBSVM's results). */
export function powi(base: number, times: number): number {
  let tmp = base
  let ret = 1.0
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp
    tmp = tmp * tmp
  }
  return ret
}

/** Dot product of rows a (offset ao) and b (offset bo) of length d. */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0
  for (let k = 0; k < d; k++) s += a[ao + k] * b[bo + k]
  return s
}

/** Squared norm of every row of a row-major n × d matrix. */
export function rowSquaredNorms(data: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = dot(data, i * d, data, i * d, d)
  return out
}

/**
 * Kernel value between row `ai` of `a` and row `bi` of `b`. `asq`/`bsq` are the rows' squared
 * norms (only read by the RBF kernel).
 */
export function kernelValue(
  spec: KernelSpec,
  a: Float64Array,
  ao: number,
  asq: number,
  b: Float64Array,
  bo: number,
  bsq: number,
  d: number,
): number {
  const dp = dot(a, ao, b, bo, d)
  switch (spec.kernel) {
    case LINEAR:
      return dp
    case POLY:
      return powi(spec.gamma * dp + spec.coef0, spec.degree)
    case RBF:
      return Math.exp(-spec.gamma * (asq + bsq - 2 * dp))
    default:
      return Math.tanh(spec.gamma * dp + spec.coef0)
  }
}

/**
 * Kernel values between one query row and every row of `sv` (m × d), written into `out`.
 * Used at prediction time; the loop is specialised per kernel so the hot path has no switch.
 */
export function kernelRowAgainst(
  spec: KernelSpec,
  q: Float64Array,
  qo: number,
  qsq: number,
  sv: Float64Array,
  svsq: Float64Array,
  m: number,
  d: number,
  out: Float64Array,
): void {
  const { kernel, gamma, coef0, degree } = spec
  for (let j = 0; j < m; j++) {
    const bo = j * d
    let s = 0
    for (let k = 0; k < d; k++) s += q[qo + k] * sv[bo + k]
    if (kernel === RBF) out[j] = Math.exp(-gamma * (qsq + svsq[j] - 2 * s))
    else if (kernel === LINEAR) out[j] = s
    else if (kernel === POLY) out[j] = powi(gamma * s + coef0, degree)
    else out[j] = Math.tanh(gamma * s + coef0)
  }
}
