/** Ordinary least squares, solved exactly by Householder QR, or SVD (minimum-norm solution, like scipy's lstsq) when X is rank deficient. */
import { SingularValueDecomposition } from 'ml-matrix'
import { qrLeastSquares } from '../internal/linalg.js'
import { type LinearState, linearState, preprocessLinear } from '../internal/linearModel.js'
import {
  checkSampleWeight,
  checkXyDense,
  denseToMatrix,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { LinearRegressorBase } from './internal/LinearRegressorBase.js'

/** Options of LinearRegression. */
export interface LinearRegressionParams {
  /** Learn an intercept (data are centred first). Default true. */
  fitIntercept: boolean
}

/**
 * Ordinary least squares linear regression.
 * @example
 * const model = new LinearRegression().fit([[1], [2], [3]], [2, 4, 6])
 * model.predict([[4]]) // Float64Array [8]
 */
export class LinearRegression extends LinearRegressorBase<LinearRegressionParams, LinearState> {
  readonly kind = 'LinearRegression'

  constructor(options: Partial<LinearRegressionParams> = {}) {
    super({ fitIntercept: true }, options)
  }

  /** Fits on (X, y); optional `sampleWeight` weights each sample's squared error. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const data = checkXyDense(X, y, api)
    const sw =
      sampleWeight === undefined ? undefined : checkSampleWeight(sampleWeight, data.X.rows, api)
    const p = preprocessLinear(data.X, data.y, this.params.fitIntercept, sw)
    // Householder QR is exact and fast for full-rank X; SVD gives the minimum-norm solution otherwise.
    const qr = qrLeastSquares(p.X, p.y)
    if (qr) {
      this.state = linearState(qr, p.xMean, p.yMean)
      return this
    }
    const svd = new SingularValueDecomposition(denseToMatrix(p.X), { autoTranspose: true })
    const s = svd.diagonal
    const U = svd.leftSingularVectors
    const V = svd.rightSingularVectors
    const smax = Math.max(...s)
    // numpy/scipy lstsq's cutoff: singular values below eps·max(n, d)·s_max count as zero.
    const cutoff = Number.EPSILON * Math.max(p.X.rows, p.X.cols) * smax
    const d = p.X.cols
    const coef = new Float64Array(d)
    for (let k = 0; k < s.length; k++) {
      const sk = s[k] as number
      if (sk <= cutoff) continue
      let uty = 0
      for (let i = 0; i < p.X.rows; i++) uty += U.get(i, k) * (p.y[i] as number)
      const f = uty / sk
      for (let j = 0; j < d; j++) coef[j] += V.get(j, k) * f
    }
    this.state = linearState(coef, p.xMean, p.yMean)
    return this
  }
}

registerEstimator('LinearRegression', (json) => LinearRegression.fromJSON(json))
