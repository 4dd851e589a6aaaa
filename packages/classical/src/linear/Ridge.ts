/** Ridge regression: least squares with an L2 penalty, solved in closed form by Cholesky. */
import { choleskySolve, gram, xtv } from '../internal/linalg.js'
import { type LinearState, linearState, preprocessLinear } from '../internal/linearModel.js'
import {
  checkRange,
  checkSampleWeight,
  checkXyDense,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { LinearRegressorBase } from './internal/LinearRegressorBase.js'

/** Options of Ridge. */
export interface RidgeParams {
  /** L2 strength: minimises ||y - Xw||² + alpha ||w||². Default 1. */
  alpha: number
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept: boolean
}

/**
 * Ridge regression (scikit-learn's objective; the 'cholesky' solver).
 * @example
 * const model = new Ridge({ alpha: 0.5 }).fit(X, y)
 * model.score(Xtest, ytest) // R²
 */
export class Ridge extends LinearRegressorBase<RidgeParams, LinearState> {
  readonly kind = 'Ridge'

  constructor(options: Partial<RidgeParams> = {}) {
    super({ alpha: 1, fitIntercept: true }, options)
  }

  /** Fits on (X, y); optional `sampleWeight` weights each sample's squared error. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const alpha = checkRange(this.params.alpha, 'alpha', api, 0, Number.POSITIVE_INFINITY)
    const data = checkXyDense(X, y, api)
    const sw =
      sampleWeight === undefined ? undefined : checkSampleWeight(sampleWeight, data.X.rows, api)
    const p = preprocessLinear(data.X, data.y, this.params.fitIntercept, sw)
    const d = p.X.cols
    const G = gram(p.X)
    for (let j = 0; j < d; j++) G[j * d + j] = (G[j * d + j] as number) + alpha
    const coef = choleskySolve(G, xtv(p.X, p.y), d, api)
    this.state = linearState(coef, p.xMean, p.yMean)
    return this
  }
}

registerEstimator('Ridge', (json) => Ridge.fromJSON(json))
