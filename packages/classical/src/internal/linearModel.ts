/**
 * Shared pieces of the linear regressors: data centring for the intercept and the fitted
 * state `{ coef, intercept, nFeatures }` with its prediction.
 */
import { centerColumns, columnMeans, dot, mean } from './linalg.js'
import { checkNFeatures, type Dense, type MatrixLike, toDense } from './validation.js'

/** Fitted state of a single-target linear regressor. */
export interface LinearState {
  coef: Float64Array
  intercept: number
  nFeatures: number
}

/** Centres X and y when fitting an intercept (the intercept is then never penalised). */
export function preprocessLinear(
  X: Dense,
  y: Float64Array,
  fitIntercept: boolean,
): { X: Dense; y: Float64Array; xMean: Float64Array; yMean: number } {
  if (!fitIntercept) return { X, y, xMean: new Float64Array(X.cols), yMean: 0 }
  const xMean = columnMeans(X)
  const yMean = mean(y)
  const yc = new Float64Array(y.length)
  for (let i = 0; i < y.length; i++) yc[i] = (y[i] as number) - yMean
  return { X: centerColumns(X, xMean), y: yc, xMean, yMean }
}

/** Builds the state from coefficients learnt on centred data. */
export function linearState(coef: Float64Array, xMean: Float64Array, yMean: number): LinearState {
  return { coef, intercept: yMean - dot(xMean, coef), nFeatures: coef.length }
}

/** X coef + intercept with input validation. */
export function linearPredict(state: LinearState, X: MatrixLike, api: string): Float64Array {
  const Xd = toDense(X, api)
  checkNFeatures(Xd, state.nFeatures, api)
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
