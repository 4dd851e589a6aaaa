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

/** Dot product of rows a (offset ao) and b (offset bo) of length d, summed in LIBSVM's order. */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0
  for (let k = 0; k < d; k++) s += a[ao + k] * b[bo + k]
  return s
}

/**
 * out[t] = dot(a[ao..], b[offs[t]..]) for t < cnt. Four rows of b at a time share each load of
 * a and keep four independent add chains busy (≈2-3× a plain loop in V8), while every single dot
 * is still summed in LIBSVM's sequential order.
 */
export function dotsInto(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  offs: Int32Array,
  cnt: number,
  d: number,
  out: Float64Array,
): void {
  let t = 0
  for (; t + 3 < cnt; t += 4) {
    const o0 = offs[t]
    const o1 = offs[t + 1]
    const o2 = offs[t + 2]
    const o3 = offs[t + 3]
    let s0 = 0
    let s1 = 0
    let s2 = 0
    let s3 = 0
    for (let k = 0; k < d; k++) {
      const v = a[ao + k]
      s0 += v * b[o0 + k]
      s1 += v * b[o1 + k]
      s2 += v * b[o2 + k]
      s3 += v * b[o3 + k]
    }
    out[t] = s0
    out[t + 1] = s1
    out[t + 2] = s2
    out[t + 3] = s3
  }
  for (; t < cnt; t++) out[t] = dot(a, ao, b, offs[t], d)
}

/**
 * Squared norm of every row of a row-major n × d matrix, each summed in order as `dot` does;
 * four rows per pass give the adds four independent chains.
 */
export function rowSquaredNorms(
  data: Float64Array,
  n: number,
  d: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  let i = 0
  for (; i + 3 < n; i += 4) {
    const o = i * d
    let s0 = 0
    let s1 = 0
    let s2 = 0
    let s3 = 0
    for (let k = 0; k < d; k++) {
      const v0 = data[o + k]
      const v1 = data[o + d + k]
      const v2 = data[o + 2 * d + k]
      const v3 = data[o + 3 * d + k]
      s0 += v0 * v0
      s1 += v1 * v1
      s2 += v2 * v2
      s3 += v3 * v3
    }
    out[i] = s0
    out[i + 1] = s1
    out[i + 2] = s2
    out[i + 3] = s3
  }
  for (; i < n; i++) out[i] = dot(data, i * d, data, i * d, d)
  return out
}

/** Turns dot products into kernel values in place (RBF reads the squared norms). */
export function applyKernel(
  spec: KernelSpec,
  vals: Float64Array,
  m: number,
  qsq: number,
  svsq: Float64Array,
): void {
  const { kernel, gamma, coef0, degree } = spec
  if (kernel === RBF)
    for (let j = 0; j < m; j++) vals[j] = Math.exp(-gamma * (qsq + svsq[j] - 2 * vals[j]))
  else if (kernel === POLY)
    for (let j = 0; j < m; j++) vals[j] = powi(gamma * vals[j] + coef0, degree)
  else if (kernel === SIGMOID)
    for (let j = 0; j < m; j++) vals[j] = Math.tanh(gamma * vals[j] + coef0)
}
