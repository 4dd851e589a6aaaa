/**
 * Shared pieces of the linear models: data centring for the intercept, the regressors' fitted
 * state `{ coef, intercept, nFeatures }` with its prediction, and the classifiers' raw scores.
 */
import { centerColumns, columnMeans, dot, mean } from './linalg.js'
import { type Dense, type MatrixLike, toDenseFitted } from './validation.js'

/** Fitted state of a single-target linear regressor. */
export interface LinearState {
  coef: Float64Array
  intercept: number
  nFeatures: number
}

/**
 * Centres X and y when fitting an intercept (so the intercept is never penalised), with
 * weighted means when sample weights are given; weighted rows are then scaled by sqrt(w) so
 * plain least squares on the result minimises sum w_i (y_i - x_i w)^2 (scikit-learn's approach).
 */
export function preprocessLinear(
  X: Dense,
  y: Float64Array,
  fitIntercept: boolean,
  sampleWeight?: Float64Array,
): { X: Dense; y: Float64Array; xMean: Float64Array; yMean: number } {
  const { rows: n, cols: d } = X
  const xMean = new Float64Array(d)
  let yMean = 0
  if (fitIntercept) {
    if (sampleWeight) {
      let sw = 0
      for (let i = 0; i < n; i++) {
        const w = sampleWeight[i] as number
        sw += w
        yMean += w * (y[i] as number)
        for (let j = 0; j < d; j++)
          xMean[j] = (xMean[j] as number) + w * (X.data[i * d + j] as number)
      }
      yMean /= sw
      for (let j = 0; j < d; j++) xMean[j] = (xMean[j] as number) / sw
    } else {
      xMean.set(columnMeans(X))
      yMean = mean(y)
    }
  }
  const Xc = fitIntercept
    ? centerColumns(X, xMean)
    : { data: Float64Array.from(X.data), rows: n, cols: d }
  const yc = new Float64Array(n)
  for (let i = 0; i < n; i++) yc[i] = (y[i] as number) - yMean
  if (sampleWeight) {
    for (let i = 0; i < n; i++) {
      const r = Math.sqrt(sampleWeight[i] as number)
      yc[i] = (yc[i] as number) * r
      for (let j = 0; j < d; j++) Xc.data[i * d + j] = (Xc.data[i * d + j] as number) * r
    }
  }
  return { X: Xc, y: yc, xMean, yMean }
}

/** Builds the state from coefficients learnt on centred data. */
export function linearState(coef: Float64Array, xMean: Float64Array, yMean: number): LinearState {
  return { coef, intercept: yMean - dot(xMean, coef), nFeatures: coef.length }
}

/** X coef + intercept with input validation. */
export function linearPredict(state: LinearState, X: MatrixLike, api: string): Float64Array {
  const Xd = toDenseFitted(X, state.nFeatures, api)
  const { data, rows, cols } = Xd
  const out = new Float64Array(rows)
  const w = state.coef
  for (let i = 0; i < rows; i++) {
    let s = state.intercept
    const off = i * cols
    for (let j = 0; j < cols; j++) s += (data[off + j] as number) * (w[j] as number)
    out[i] = s
  }
  return out
}

/**
 * Raw linear scores `X coefᵀ + intercept` with input validation: rows × k row-major, where `coef`
 * holds k rows of `nFeatures` weights (k is read from its length) and `intercept` one value per row.
 */
export function linearScores(
  X: MatrixLike,
  nFeatures: number,
  coef: Float64Array,
  intercept: Float64Array,
  api: string,
): Dense {
  const Xd = toDenseFitted(X, nFeatures, api)
  const d = nFeatures
  const k = coef.length / d
  const out = new Float64Array(Xd.rows * k)
  for (let i = 0; i < Xd.rows; i++) {
    for (let r = 0; r < k; r++) {
      let z = intercept[r] as number
      for (let j = 0; j < d; j++) z += (Xd.data[i * d + j] as number) * (coef[r * d + j] as number)
      out[i * k + r] = z
    }
  }
  return { data: out, rows: Xd.rows, cols: k }
}
