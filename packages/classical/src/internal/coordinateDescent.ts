/**
 * Cyclic coordinate descent for the elastic net, following scikit-learn's cd_fast: objective
 *   (1/2n)||y - Xw||² + alpha·l1Ratio·||w||₁ + (alpha·(1-l1Ratio)/2)·||w||²,
 * with its stopping rule (max coordinate update < tol·max|w|, then duality gap < tol·||y||²).
 */
import type { Dense } from './validation.js'

/** Result of a coordinate-descent run. */
export interface CDResult {
  coef: Float64Array
  nIter: number
  dualGap: number
  converged: boolean
}

/** Solves the elastic net on (already centred) X, y. */
export function elasticNetCD(
  X: Dense,
  y: Float64Array,
  alpha: number,
  l1Ratio: number,
  maxIter: number,
  tol: number,
): CDResult {
  const { rows: n, cols: d, data } = X
  // Column-major copy: every coordinate step reads one column.
  const cols = new Float64Array(n * d)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) cols[j * n + i] = data[i * d + j] as number
  const l1 = alpha * l1Ratio * n
  const l2 = alpha * (1 - l1Ratio) * n
  const normCols = new Float64Array(d)
  for (let j = 0; j < d; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += (cols[j * n + i] as number) ** 2
    normCols[j] = s
  }
  const w = new Float64Array(d)
  const R = Float64Array.from(y)
  let yy = 0
  for (let i = 0; i < n; i++) yy += (y[i] as number) ** 2
  const tolAbs = tol * yy
  let gap = tolAbs + 1
  let iter = 0
  let converged = false
  for (iter = 0; iter < maxIter; iter++) {
    let wMax = 0
    let dMax = 0
    for (let j = 0; j < d; j++) {
      const nc = normCols[j] as number
      if (nc === 0) continue
      const wj = w[j] as number
      const off = j * n
      if (wj !== 0)
        for (let i = 0; i < n; i++) R[i] = (R[i] as number) + (cols[off + i] as number) * wj
      let tmp = 0
      for (let i = 0; i < n; i++) tmp += (cols[off + i] as number) * (R[i] as number)
      const nw = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (nc + l2)
      w[j] = nw
      if (nw !== 0)
        for (let i = 0; i < n; i++) R[i] = (R[i] as number) - (cols[off + i] as number) * nw
      const dw = Math.abs(nw - wj)
      if (dw > dMax) dMax = dw
      if (Math.abs(nw) > wMax) wMax = Math.abs(nw)
    }
    if (wMax === 0 || dMax / wMax < tol || iter === maxIter - 1) {
      gap = dualityGap(cols, n, d, w, R, y, l1, l2)
      if (gap < tolAbs) {
        converged = true
        iter++
        break
      }
    }
  }
  return { coef: w, nIter: iter, dualGap: gap, converged }
}

function dualityGap(
  cols: Float64Array,
  n: number,
  d: number,
  w: Float64Array,
  R: Float64Array,
  y: Float64Array,
  l1: number,
  l2: number,
): number {
  let dualNorm = 0
  let wNorm2 = 0
  let l1Norm = 0
  for (let j = 0; j < d; j++) {
    let xta = 0
    for (let i = 0; i < n; i++) xta += (cols[j * n + i] as number) * (R[i] as number)
    xta -= l2 * (w[j] as number)
    if (Math.abs(xta) > dualNorm) dualNorm = Math.abs(xta)
    wNorm2 += (w[j] as number) ** 2
    l1Norm += Math.abs(w[j] as number)
  }
  let rNorm2 = 0
  let ry = 0
  for (let i = 0; i < n; i++) {
    rNorm2 += (R[i] as number) ** 2
    ry += (R[i] as number) * (y[i] as number)
  }
  let gap: number
  let c: number
  if (dualNorm > l1) {
    c = l1 / dualNorm
    gap = 0.5 * (rNorm2 + rNorm2 * c * c)
  } else {
    c = 1
    gap = rNorm2
  }
  return gap + l1 * l1Norm - c * ry + 0.5 * l2 * (1 + c * c) * wNorm2
}
