/**
 * The shared surface of the single-target linear regressors (LinearRegression, Ridge, ElasticNet,
 * Lasso, SGDRegressor): prediction from the fitted `{ coef, intercept, nFeatures }` and the
 * `coef` / `intercept` accessors. Subclasses only differ in how `fit` finds the coefficients.
 */
import { BaseRegressor } from '../../base/BaseRegressor.js'
import { type LinearState, linearPredict } from '../../internal/linearModel.js'
import type { MatrixLike } from '../../internal/validation.js'

/** Base class of the linear regressors; subclasses implement `fit` and set a LinearState. */
export abstract class LinearRegressorBase<
  P extends object,
  S extends LinearState,
> extends BaseRegressor<P, S> {
  /** X·coef + intercept. */
  predict(X: MatrixLike): Float64Array {
    return linearPredict(this.fittedState('predict'), X, `${this.kind}.predict`)
  }

  /** Coefficients, one per feature (exact zeros where an L1 penalty removed a feature). */
  get coef(): Float64Array {
    return this.fittedState('coef').coef.slice()
  }

  /** Intercept. */
  get intercept(): number {
    return this.fittedState('intercept').intercept
  }
}
