/** Gaussian naive Bayes with scikit-learn's variance smoothing. */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { InputError } from '../errors.js'
import {
  checkNFeatures,
  checkRange,
  checkXyDense,
  encodeLabels,
  type MatrixLike,
  toDense,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'

/** Options of GaussianNB. */
export interface GaussianNBParams {
  /** Fraction of the largest feature variance added to every variance. Default 1e-9. */
  varSmoothing: number
  /** Class priors (in sorted-class order); default: class frequencies. */
  priors: number[] | undefined
}

/** Fitted state: per-class means, variances and priors. */
export interface GaussianNBState {
  classes: Float64Array
  /** classes × features, row-major. */
  theta: Float64Array
  variance: Float64Array
  classPrior: Float64Array
  nFeatures: number
}

/**
 * Gaussian naive Bayes classifier.
 * @example
 * const nb = new GaussianNB().fit(X, y)
 * nb.predictProba(Xtest)
 */
export class GaussianNB extends BaseClassifier<GaussianNBParams, GaussianNBState> {
  readonly kind = 'GaussianNB'

  constructor(options: Partial<GaussianNBParams> = {}) {
    super({ varSmoothing: 1e-9, priors: undefined }, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const vs = checkRange(
      this.params.varSmoothing,
      'varSmoothing',
      api,
      0,
      Number.POSITIVE_INFINITY,
    )
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(yv, api)
    const K = classes.length
    const { data, rows: n, cols: d } = Xd
    // Global variance for the smoothing epsilon.
    let maxVar = 0
    for (let j = 0; j < d; j++) {
      let m = 0
      for (let i = 0; i < n; i++) m += data[i * d + j] as number
      m /= n
      let v = 0
      for (let i = 0; i < n; i++) v += ((data[i * d + j] as number) - m) ** 2
      maxVar = Math.max(maxVar, v / n)
    }
    const eps = vs * maxVar
    const theta = new Float64Array(K * d)
    const variance = new Float64Array(K * d)
    const count = new Float64Array(K)
    for (let i = 0; i < n; i++) {
      const c = encoded[i] as number
      count[c] = (count[c] as number) + 1
      for (let j = 0; j < d; j++)
        theta[c * d + j] = (theta[c * d + j] as number) + (data[i * d + j] as number)
    }
    for (let c = 0; c < K; c++)
      for (let j = 0; j < d; j++)
        theta[c * d + j] = (theta[c * d + j] as number) / (count[c] as number)
    for (let i = 0; i < n; i++) {
      const c = encoded[i] as number
      for (let j = 0; j < d; j++) {
        variance[c * d + j] =
          (variance[c * d + j] as number) +
          ((data[i * d + j] as number) - (theta[c * d + j] as number)) ** 2
      }
    }
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < d; j++)
        variance[c * d + j] = (variance[c * d + j] as number) / (count[c] as number) + eps
    }
    let classPrior: Float64Array
    if (this.params.priors !== undefined) {
      const pr = this.params.priors
      const sum = pr.reduce((a, b) => a + b, 0)
      if (pr.length !== K || pr.some((v) => !(v >= 0)) || Math.abs(sum - 1) > 1e-8) {
        throw new InputError(
          `${api}: priors ${JSON.stringify(pr)}; expected ${K} non-negative values summing to 1`,
        )
      }
      classPrior = Float64Array.from(pr)
    } else {
      classPrior = count.map((c) => c / n)
    }
    for (let k = 0; k < K * d; k++) {
      if (!((variance[k] as number) > 0)) {
        throw new InputError(
          `${api}: a class has zero variance in feature ${k % d} and varSmoothing is 0; set varSmoothing > 0`,
        )
      }
    }
    this.state = { classes, theta, variance, classPrior, nFeatures: d }
    return this
  }

  /** Joint log-likelihood log P(x, c) per class (before normalisation). */
  jointLogLikelihood(X: MatrixLike): Matrix {
    const s = this.fittedState('jointLogLikelihood')
    const api = `${this.kind}.jointLogLikelihood`
    const Q = toDense(X, api)
    checkNFeatures(Q, s.nFeatures, api)
    const K = s.classes.length
    const d = s.nFeatures
    const J = new Matrix(Q.rows, K)
    for (let c = 0; c < K; c++) {
      let norm = 0
      for (let j = 0; j < d; j++) norm += Math.log(2 * Math.PI * (s.variance[c * d + j] as number))
      const base = Math.log(s.classPrior[c] as number) - 0.5 * norm
      for (let i = 0; i < Q.rows; i++) {
        let q = 0
        for (let j = 0; j < d; j++) {
          const diff = (Q.data[i * d + j] as number) - (s.theta[c * d + j] as number)
          q += (diff * diff) / (s.variance[c * d + j] as number)
        }
        J.set(i, c, base - 0.5 * q)
      }
    }
    return J
  }

  predictProba(X: MatrixLike): Matrix {
    this.fittedState('predictProba')
    const J = this.jointLogLikelihood(X)
    for (let i = 0; i < J.rows; i++) {
      const max = J.maxRow(i)
      let sum = 0
      for (let c = 0; c < J.columns; c++) sum += Math.exp(J.get(i, c) - max)
      const lse = max + Math.log(sum)
      for (let c = 0; c < J.columns; c++) J.set(i, c, Math.exp(J.get(i, c) - lse))
    }
    return J
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const J = this.jointLogLikelihood(X)
    const out = new Float64Array(J.rows)
    for (let i = 0; i < J.rows; i++) out[i] = s.classes[J.maxRowIndex(i)[1]] as number
    return out
  }
}

registerEstimator('GaussianNB', (json) => GaussianNB.fromJSON(json))
