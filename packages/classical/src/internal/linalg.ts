/**
 * Small dense linear-algebra kernels on row-major Float64Array buffers, used by the linear models
 * where ml-matrix's per-element accessors would dominate the run time.
 */
import { InputError } from '../errors.js'
import type { Dense } from './validation.js'

/** Column means of X. */
export function columnMeans(X: Dense): Float64Array {
  const { data, rows, cols } = X
  const m = new Float64Array(cols)
  for (let i = 0; i < rows; i++) {
    const off = i * cols
    for (let j = 0; j < cols; j++) m[j] += data[off + j] as number
  }
  for (let j = 0; j < cols; j++) m[j] = (m[j] as number) / rows
  return m
}

/** X with `means` subtracted from each row (a copy). */
export function centerColumns(X: Dense, means: Float64Array): Dense {
  const { data, rows, cols } = X
  const out = new Float64Array(data.length)
  for (let i = 0; i < rows; i++) {
    const off = i * cols
    for (let j = 0; j < cols; j++) out[off + j] = (data[off + j] as number) - (means[j] as number)
  }
  return { data: out, rows, cols }
}

/** Mean of a vector. */
export function mean(v: Float64Array): number {
  let s = 0
  for (let i = 0; i < v.length; i++) s += v[i] as number
  return s / v.length
}

/**
 * Xᵀ X (cols × cols, row-major). Columns are copied out contiguously and four dot products share
 * each load of column a; every entry is still summed over the rows in order.
 */
export function gram(X: Dense): Float64Array {
  const { data, rows: n, cols: d } = X
  const T = new Float64Array(n * d)
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) T[j * n + i] = data[i * d + j] as number
  const G = new Float64Array(d * d)
  for (let a = 0; a < d; a++) {
    const ao = a * n
    let b = a
    for (; b + 3 < d; b += 4) {
      const b0 = b * n
      const b1 = b0 + n
      const b2 = b1 + n
      const b3 = b2 + n
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let i = 0; i < n; i++) {
        const x = T[ao + i] as number
        s0 += x * (T[b0 + i] as number)
        s1 += x * (T[b1 + i] as number)
        s2 += x * (T[b2 + i] as number)
        s3 += x * (T[b3 + i] as number)
      }
      G[a * d + b] = s0
      G[a * d + b + 1] = s1
      G[a * d + b + 2] = s2
      G[a * d + b + 3] = s3
    }
    for (; b < d; b++) {
      const bo = b * n
      let s0 = 0
      for (let i = 0; i < n; i++) s0 += (T[ao + i] as number) * (T[bo + i] as number)
      G[a * d + b] = s0
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) G[a * d + b] = G[b * d + a] as number
  return G
}

/** Xᵀ v. */
export function xtv(X: Dense, v: Float64Array): Float64Array {
  const { data, rows, cols } = X
  const out = new Float64Array(cols)
  for (let i = 0; i < rows; i++) {
    const vi = v[i] as number
    if (vi === 0) continue
    const off = i * cols
    for (let j = 0; j < cols; j++) out[j] += (data[off + j] as number) * vi
  }
  return out
}

/** X w + b. */
export function xw(X: Dense, w: Float64Array, b = 0): Float64Array {
  const { data, rows, cols } = X
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    const off = i * cols
    let s = b
    for (let j = 0; j < cols; j++) s += (data[off + j] as number) * (w[j] as number)
    out[i] = s
  }
  return out
}

/** Dot product. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}

/**
 * Solves A x = b for symmetric positive-definite A (n × n, row-major) by Cholesky.
 * Throws InputError naming `api` when A is not positive definite.
 */
export function choleskySolve(
  A: Float64Array,
  b: Float64Array,
  n: number,
  api: string,
): Float64Array {
  const L = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] as number
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number)
      if (i === j) {
        if (!(s > 0)) {
          throw new InputError(
            `${api}: the regularised Gram matrix is not positive definite (pivot ${i} = ${s}); increase alpha or remove collinear features`,
          )
        }
        L[i * n + i] = Math.sqrt(s)
      } else {
        L[i * n + j] = s / (L[j * n + j] as number)
      }
    }
  }
  const z = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = b[i] as number
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (z[k] as number)
    z[i] = s / (L[i * n + i] as number)
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i] as number
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (x[k] as number)
    x[i] = s / (L[i * n + i] as number)
  }
  return x
}

/**
 * Least squares min ||X w - y|| by Householder QR (X is rows × cols with rows >= cols).
 * Returns null when X is (numerically) rank deficient, so the caller can fall back to the
 * minimum-norm SVD solution.
 */
export function qrLeastSquares(X: Dense, y: Float64Array): Float64Array | null {
  const { rows: m, cols: n } = X
  if (m < n) return null
  // Column-major copy: Householder reflections sweep columns.
  const A = new Float64Array(m * n)
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A[j * m + i] = X.data[i * n + j] as number
  const b = Float64Array.from(y)
  const rdiag = new Float64Array(n)
  let maxDiag = 0
  for (let k = 0; k < n; k++) {
    const ck = k * m
    let norm = 0
    for (let i = k; i < m; i++) norm = Math.hypot(norm, A[ck + i] as number)
    if (norm === 0) return null
    if ((A[ck + k] as number) < 0) norm = -norm
    for (let i = k; i < m; i++) A[ck + i] = (A[ck + i] as number) / norm
    A[ck + k] = (A[ck + k] as number) + 1
    for (let j = k + 1; j < n; j++) {
      const cj = j * m
      let s = 0
      for (let i = k; i < m; i++) s += (A[ck + i] as number) * (A[cj + i] as number)
      s = -s / (A[ck + k] as number)
      for (let i = k; i < m; i++) A[cj + i] = (A[cj + i] as number) + s * (A[ck + i] as number)
    }
    let s = 0
    for (let i = k; i < m; i++) s += (A[ck + i] as number) * (b[i] as number)
    s = -s / (A[ck + k] as number)
    for (let i = k; i < m; i++) b[i] = (b[i] as number) + s * (A[ck + i] as number)
    rdiag[k] = -norm
    maxDiag = Math.max(maxDiag, Math.abs(norm))
  }
  // Same cutoff as lstsq: a diagonal below eps·max(m, n)·max|R_kk| means rank deficiency.
  const cutoff = Number.EPSILON * Math.max(m, n) * maxDiag
  for (let k = 0; k < n; k++) if (Math.abs(rdiag[k] as number) <= cutoff) return null
  const w = new Float64Array(n)
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k] as number
    for (let j = k + 1; j < n; j++) s -= (A[j * m + k] as number) * (w[j] as number)
    w[k] = s / (rdiag[k] as number)
  }
  return w
}
