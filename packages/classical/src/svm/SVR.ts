/**
 * Epsilon-support vector regression: scikit-learn's SVR on the same LIBSVM SMO port as SVC
 * (LIBSVM's 2l-variable formulation of the epsilon-insensitive loss).
 */
import { Matrix } from 'ml-matrix'
import { BaseRegressor } from '../base/BaseRegressor.js'
import {
  checkRange,
  checkXyDense,
  denseToMatrix,
  type MatrixLike,
  toDenseFitted,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import type { KernelSpec } from './internal/kernel.js'
import {
  KERNEL_SVM_DEFAULTS,
  type KernelSvmParams,
  resolveSolverParams,
  specFromState,
} from './internal/kernelParams.js'
import { svrPredict, trainSvr } from './internal/libsvm.js'

/** Options of SVR. */
export interface SVRParams extends KernelSvmParams {
  /** Half-width of the epsilon-insensitive tube (no loss inside it). Default 0.1. */
  epsilon: number
}

/** Fitted state. */
export interface SVRState extends KernelSpec {
  nFeatures: number
  support: Int32Array
  supportVectors: Float64Array
  coef: Float64Array
  rho: number
  nIter: number
  fitStatus: number
}

/**
 * Kernel support vector regressor (scikit-learn's SVR, LIBSVM's epsilon-SVR).
 * @example
 * const reg = new SVR({ kernel: 'rbf', C: 10, epsilon: 0.1 }).fit(Xtrain, ytrain)
 * reg.predict(Xtest) // Float64Array
 */
export class SVR extends BaseRegressor<SVRParams, SVRState> {
  readonly kind = 'SVR'

  constructor(options: Partial<SVRParams> = {}) {
    super({ ...KERNEL_SVM_DEFAULTS, epsilon: 0.1 }, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const data = checkXyDense(X, y, api)
    const params = resolveSolverParams(this.params, data.X, api)
    const epsilon = checkRange(this.params.epsilon, 'epsilon', api, 0, Number.POSITIVE_INFINITY)
    const m = trainSvr(data.X.data, data.X.rows, data.X.cols, data.y, epsilon, params)
    this.state = {
      nFeatures: data.X.cols,
      ...params.spec,
      support: m.support,
      supportVectors: m.sv,
      coef: m.coef,
      rho: m.rho,
      nIter: m.iterations,
      fitStatus: m.maxIterReached ? 1 : 0,
    }
    return this
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const api = `${this.kind}.predict`
    const Xd = toDenseFitted(X, s.nFeatures, api)
    return svrPredict(
      {
        nFeatures: s.nFeatures,
        support: s.support,
        sv: s.supportVectors,
        coef: s.coef,
        rho: s.rho,
        iterations: s.nIter,
        maxIterReached: s.fitStatus !== 0,
      },
      specFromState(s),
      Xd.data,
      Xd.rows,
    )
  }

  /** Indices (into the training rows) of the support vectors. */
  get support(): Int32Array {
    return this.fittedState('support').support.slice()
  }

  /** The support vectors, one row each. */
  get supportVectors(): Matrix {
    const s = this.fittedState('supportVectors')
    return denseToMatrix({ data: s.supportVectors, rows: s.support.length, cols: s.nFeatures })
  }

  /** Dual coefficients α_i − α*_i, 1 × nSV (scikit-learn's dual_coef_). */
  get dualCoef(): Matrix {
    const s = this.fittedState('dualCoef')
    return new Matrix([Array.from(s.coef)])
  }

  /** The intercept b of f(x) = Σ coef_i K(sv_i, x) + b (scikit-learn's intercept_). */
  get intercept(): number {
    return -this.fittedState('intercept').rho
  }

  /** Solver iterations. */
  get nIter(): number {
    return this.fittedState('nIter').nIter
  }
}

registerEstimator('SVR', (json) => SVR.fromJSON(json))
