/** The lasso: L1-penalised least squares by coordinate descent (ElasticNet with l1Ratio = 1). */
import { ParameterError } from '../errors.js'
import { registerEstimator } from '../serialization/registry.js'
import { CoordinateDescentRegressor, type ElasticNetParams } from './ElasticNet.js'

/** Options of Lasso (l1Ratio is fixed to 1). */
export type LassoParams = Omit<ElasticNetParams, 'l1Ratio'>

/**
 * Lasso: (1/2n)||y - Xw||² + alpha·||w||₁.
 * @example
 * const model = new Lasso({ alpha: 0.1 }).fit(X, y)
 * model.coef // sparse coefficients
 */
export class Lasso extends CoordinateDescentRegressor<ElasticNetParams> {
  readonly kind = 'Lasso'

  constructor(options: Partial<LassoParams> = {}) {
    super({ alpha: 1, l1Ratio: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4 }, options)
  }

  override setParams(p: Partial<ElasticNetParams>): this {
    if (p.l1Ratio !== undefined && p.l1Ratio !== 1) {
      throw new ParameterError(
        `${this.kind}.setParams: l1Ratio = ${p.l1Ratio}; the lasso fixes l1Ratio to 1 (use ElasticNet)`,
      )
    }
    return super.setParams(p)
  }
}

registerEstimator('Lasso', (json) => Lasso.fromJSON(json))
