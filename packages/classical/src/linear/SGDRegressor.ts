/** Linear regression trained by stochastic gradient descent (squared loss, L2 penalty), as scikit-learn's SGDRegressor. */
import type { LinearState } from '../internal/linearModel.js'
import { Random } from '../internal/random.js'
import { plainSgd, type SgdEstimatorParams, sgdSettings, squaredLoss } from '../internal/sgd.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { LinearRegressorBase } from './internal/LinearRegressorBase.js'

/** Options of SGDRegressor (scikit-learn's defaults). */
export interface SGDRegressorParams extends SgdEstimatorParams {
  /** Seed of the shuffling. */
  randomState: number | undefined
}

/** Fitted state. */
export interface SGDRegressorState extends LinearState {
  nIter: number
}

/**
 * Gradient-descent linear regression; scale the features first (e.g. StandardScaler in a Pipeline).
 * @example
 * const model = new SGDRegressor({ randomState: 0 }).fit(Xscaled, y)
 */
export class SGDRegressor extends LinearRegressorBase<SGDRegressorParams, SGDRegressorState> {
  readonly kind = 'SGDRegressor'

  constructor(options: Partial<SGDRegressorParams> = {}) {
    super(
      {
        alpha: 1e-4,
        penalty: 'l2',
        fitIntercept: true,
        maxIter: 1000,
        tol: 1e-3,
        shuffle: true,
        learningRate: 'invscaling',
        eta0: 0.01,
        powerT: 0.25,
        nIterNoChange: 5,
        randomState: undefined,
      },
      options,
    )
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const p = this.params
    const settings = sgdSettings(p, api)
    const data = checkXyDense(X, y, api)
    const r = plainSgd(data.X, data.y, {
      ...settings,
      loss: squaredLoss,
      seed: new Random(p.randomState).seed(),
    })
    this.state = { coef: r.coef, intercept: r.intercept, nFeatures: data.X.cols, nIter: r.nIter }
    return this
  }

  /** Epochs run. */
  get nIter(): number {
    return this.fittedState('nIter').nIter
  }
}

registerEstimator('SGDRegressor', (json) => SGDRegressor.fromJSON(json))
