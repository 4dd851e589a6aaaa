/** Elastic net (L1 + L2) linear regression by coordinate descent, scikit-learn's objective and defaults. */
import { elasticNetCD } from '../internal/coordinateDescent.js'
import { type LinearState, linearState, preprocessLinear } from '../internal/linearModel.js'
import {
  checkRange,
  checkXyDense,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { LinearRegressorBase } from './internal/LinearRegressorBase.js'

/** Options of ElasticNet. */
export interface ElasticNetParams {
  /** Overall penalty strength. Default 1. */
  alpha: number
  /** Mix: 1 is the lasso, 0 ridge. Default 0.5. */
  l1Ratio: number
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept: boolean
  /** Maximum passes over the coordinates. Default 1000. */
  maxIter: number
  /** Tolerance of the update size and duality gap. Default 1e-4. */
  tol: number
}

/** Fitted state: the linear model plus solver diagnostics. */
export interface ElasticNetState extends LinearState {
  nIter: number
  dualGap: number
}

/** Shared implementation of ElasticNet and Lasso. */
export abstract class CoordinateDescentRegressor<
  P extends ElasticNetParams,
> extends LinearRegressorBase<P, ElasticNetState> {
  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const alpha = checkRange(this.params.alpha, 'alpha', api, 0, Number.POSITIVE_INFINITY)
    const l1Ratio = checkRange(this.params.l1Ratio, 'l1Ratio', api, 0, 1)
    const maxIter = checkRange(this.params.maxIter, 'maxIter', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
    const tol = checkRange(this.params.tol, 'tol', api, 0, Number.POSITIVE_INFINITY)
    const data = checkXyDense(X, y, api)
    const p = preprocessLinear(data.X, data.y, this.params.fitIntercept)
    const r = elasticNetCD(p.X, p.y, alpha, l1Ratio, maxIter, tol)
    this.state = { ...linearState(r.coef, p.xMean, p.yMean), nIter: r.nIter, dualGap: r.dualGap }
    return this
  }

  /** Passes over the coordinates until convergence. */
  get nIter(): number {
    return this.fittedState('nIter').nIter
  }
}

/**
 * Elastic net: (1/2n)||y - Xw||² + alpha·l1Ratio·||w||₁ + alpha·(1 - l1Ratio)/2·||w||².
 * @example
 * const model = new ElasticNet({ alpha: 0.1, l1Ratio: 0.7 }).fit(X, y)
 */
export class ElasticNet extends CoordinateDescentRegressor<ElasticNetParams> {
  readonly kind = 'ElasticNet'

  constructor(options: Partial<ElasticNetParams> = {}) {
    super({ alpha: 1, l1Ratio: 0.5, fitIntercept: true, maxIter: 1000, tol: 1e-4 }, options)
  }
}

registerEstimator('ElasticNet', (json) => ElasticNet.fromJSON(json))
