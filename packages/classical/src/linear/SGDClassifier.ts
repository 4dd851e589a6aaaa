/** Linear classifiers trained by stochastic gradient descent (hinge = linear SVM, log_loss = logistic), one-vs-rest. */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { ParameterError } from '../errors.js'
import { Random } from '../internal/random.js'
import {
  hingeLoss,
  logLoss,
  plainSgd,
  type SgdEstimatorParams,
  sgdSettings,
} from '../internal/sgd.js'
import {
  checkOneOf,
  checkXyDense,
  denseToMatrix,
  encodeLabels,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { classifierScores } from './internal/classifierScores.js'

/** Options of SGDClassifier (scikit-learn's defaults). */
export interface SGDClassifierParams extends SgdEstimatorParams {
  /** 'hinge' (linear SVM, default) or 'log_loss' (logistic regression, gives predictProba). */
  loss: 'hinge' | 'log_loss'
  /** Seed of the shuffling. */
  randomState: number | undefined
}

/** Fitted state: one weight row per one-vs-rest problem (one row for binary problems). */
export interface SGDClassifierState {
  classes: Float64Array
  coef: Float64Array
  intercept: Float64Array
  nFeatures: number
  nIter: number
}

/**
 * SGD-trained linear classifier.
 * @example
 * const clf = new SGDClassifier({ loss: 'log_loss', randomState: 0 }).fit(Xscaled, y)
 */
export class SGDClassifier extends BaseClassifier<SGDClassifierParams, SGDClassifierState> {
  readonly kind = 'SGDClassifier'

  constructor(options: Partial<SGDClassifierParams> = {}) {
    super(
      {
        loss: 'hinge',
        penalty: 'l2',
        alpha: 1e-4,
        fitIntercept: true,
        maxIter: 1000,
        tol: 1e-3,
        shuffle: true,
        learningRate: 'optimal',
        eta0: 0,
        powerT: 0.5,
        nIterNoChange: 5,
        randomState: undefined,
      },
      options,
    )
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const p = this.params
    checkOneOf(p.loss, 'loss', api, ['hinge', 'log_loss'])
    const settings = sgdSettings(p, api)
    const loss = p.loss === 'hinge' ? hingeLoss : logLoss
    const data = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(data.y, api)
    const K = classes.length
    const rows = K === 2 ? 1 : K
    const d = data.X.cols
    const coef = new Float64Array(rows * d)
    const intercept = new Float64Array(rows)
    const rng = new Random(p.randomState)
    let nIter = 0
    for (let k = 0; k < rows; k++) {
      const pos = K === 2 ? 1 : k
      const yb = new Float64Array(encoded.length)
      for (let i = 0; i < encoded.length; i++) yb[i] = encoded[i] === pos ? 1 : -1
      const r = plainSgd(data.X, yb, { ...settings, loss, seed: rng.seed() })
      coef.set(r.coef, k * d)
      intercept[k] = r.intercept
      nIter = Math.max(nIter, r.nIter)
    }
    this.state = { classes, coef, intercept, nFeatures: d, nIter }
    return this
  }

  /** Signed distances: Float64Array for binary problems, else a Matrix (one column per class). */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const s = this.fittedState('decisionFunction')
    const Z = this.scores(s, X, `${this.kind}.decisionFunction`)
    return Z.columns === 1 ? Float64Array.from(Z.getColumn(0)) : Z
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const Z = this.scores(s, X, `${this.kind}.predict`)
    const out = new Float64Array(Z.rows)
    for (let i = 0; i < Z.rows; i++) {
      if (Z.columns === 1) out[i] = s.classes[Z.get(i, 0) > 0 ? 1 : 0] as number
      else out[i] = s.classes[Z.maxRowIndex(i)[1]] as number
    }
    return out
  }

  /** Probabilities (only with loss 'log_loss'): sigmoid per one-vs-rest problem, normalised. */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    if (this.params.loss !== 'log_loss') {
      throw new ParameterError(
        `${this.kind}.predictProba: probabilities need loss 'log_loss'; this model uses '${this.params.loss}'`,
      )
    }
    const Z = this.scores(s, X, `${this.kind}.predictProba`)
    const K = s.classes.length
    const P = new Matrix(Z.rows, K)
    for (let i = 0; i < Z.rows; i++) {
      if (Z.columns === 1) {
        const q = 1 / (1 + Math.exp(-Z.get(i, 0)))
        P.set(i, 0, 1 - q)
        P.set(i, 1, q)
      } else {
        let sum = 0
        for (let k = 0; k < K; k++) sum += 1 / (1 + Math.exp(-Z.get(i, k)))
        for (let k = 0; k < K; k++) P.set(i, k, 1 / (1 + Math.exp(-Z.get(i, k))) / sum)
      }
    }
    return P
  }

  private scores(s: SGDClassifierState, X: MatrixLike, api: string): Matrix {
    return denseToMatrix(classifierScores(X, s.nFeatures, s.coef, s.intercept, api))
  }
}

registerEstimator('SGDClassifier', (json) => SGDClassifier.fromJSON(json))
