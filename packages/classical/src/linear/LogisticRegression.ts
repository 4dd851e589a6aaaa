/**
 * Logistic regression with scikit-learn 1.2's 'lbfgs' objective: binary (sigmoid) or multinomial
 * (softmax) log loss summed over samples plus ||W||²/(2C); the intercept is not penalised.
 */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { ModelFormatError } from '../errors.js'
import { lbfgs } from '../internal/lbfgs.js'
import {
  checkOneOf,
  checkRange,
  checkXyDense,
  type Dense,
  denseToMatrix,
  encodeLabels,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { type ClassWeight, sampleWeights } from '../tree/internal/sampleWeights.js'
import { classifierScores } from './internal/classifierScores.js'
import {
  binaryObjective,
  binaryObjectiveWasm,
  multinomialObjective,
  multinomialObjectiveWasm,
} from './internal/logisticObjectives.js'

/** Options of LogisticRegression. */
export interface LogisticRegressionParams {
  /** 'l2' (default) or 'none' (unpenalised). */
  penalty: 'l2' | 'none'
  /** Inverse regularisation strength. Default 1. */
  C: number
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept: boolean
  /** L-BFGS iterations. Default 100 (as scikit-learn). */
  maxIter: number
  /** Gradient tolerance: stop when max|∇| <= tol. Default 1e-4. */
  tol: number
  /** Class weights: null (default), 'balanced' (n / (k · class count)) or { label: weight }. */
  classWeight: ClassWeight
  /**
   * 'auto' (default): sigmoid for two classes, softmax otherwise; 'multinomial': softmax always;
   * 'ovr': one sigmoid model per class, probabilities normalised (scikit-learn's multi_class).
   */
  multiClass: 'auto' | 'ovr' | 'multinomial'
}

/** Fitted state. Binary problems keep one weight row (the positive class), multiclass one per class. */
export interface LogisticRegressionState {
  classes: Float64Array
  /** rows × nFeatures, row-major; rows = 1 (binary) or number of classes. */
  coef: Float64Array
  intercept: Float64Array
  nFeatures: number
  nIter: number
  converged: boolean
  /** How scores become probabilities: one sigmoid per row ('ovr', also binary) or a softmax. */
  link: 'sigmoid' | 'softmax'
}

/**
 * Logistic regression classifier (binary and multinomial) solved by L-BFGS.
 * @example
 * const clf = new LogisticRegression({ C: 10 }).fit(X, y)
 * clf.predictProba(Xtest) // Matrix, one column per class
 */
export class LogisticRegression extends BaseClassifier<
  LogisticRegressionParams,
  LogisticRegressionState
> {
  readonly kind = 'LogisticRegression'

  constructor(options: Partial<LogisticRegressionParams> = {}) {
    super(
      {
        penalty: 'l2',
        C: 1,
        fitIntercept: true,
        maxIter: 100,
        tol: 1e-4,
        classWeight: null,
        multiClass: 'auto',
      },
      options,
    )
  }

  /** Fits on (X, y); optional `sampleWeight` (times `classWeight`) multiplies each sample's log loss. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    checkOneOf(this.params.penalty, 'penalty', api, ['l2', 'none'])
    const C = checkRange(this.params.C, 'C', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
    const maxIter = checkRange(this.params.maxIter, 'maxIter', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
    const tol = checkRange(this.params.tol, 'tol', api, 0, Number.POSITIVE_INFINITY)
    const data = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(data.y, api)
    // Sample and class weights combine as in scikit-learn (shared with the trees).
    const sw = sampleWeights(data.X.rows, sampleWeight, api, {
      classes,
      encoded,
      classWeight: this.params.classWeight,
    })
    checkOneOf(this.params.multiClass, 'multiClass', api, ['auto', 'ovr', 'multinomial'])
    const lambda = this.params.penalty === 'none' ? 0 : 1 / C
    const K = classes.length
    const d = data.X.cols
    const fi = this.params.fitIntercept
    const stride = d + (fi ? 1 : 0)
    const mode =
      this.params.multiClass === 'auto' ? (K === 2 ? 'ovr' : 'multinomial') : this.params.multiClass
    let coef: Float64Array
    let intercept: Float64Array
    let nIter = 0
    let converged = true
    const unpack = (x: Float64Array, src: number, dst: number) => {
      for (let j = 0; j < d; j++) coef[dst * d + j] = x[src * stride + j] as number
      if (fi) intercept[dst] = x[src * stride + d] as number
    }
    if (mode === 'multinomial') {
      const res = lbfgs(
        multinomialObjectiveWasm(data.X, encoded, sw, K, lambda, fi) ??
          multinomialObjective(data.X, encoded, sw, K, lambda, fi),
        new Float64Array(K * stride),
        {
          maxIter,
          gtol: tol,
        },
      )
      nIter = res.nIter
      converged = res.converged
      // Two classes keep only the second row, as scikit-learn (its score is half the log-odds).
      const rows = K === 2 ? 1 : K
      coef = new Float64Array(rows * d)
      intercept = new Float64Array(rows)
      for (let k = 0; k < rows; k++) unpack(res.x, K === 2 ? 1 : k, k)
    } else {
      // One-vs-rest: one binary problem per class (a single one, for the positive class, if K = 2).
      const rows = K === 2 ? 1 : K
      coef = new Float64Array(rows * d)
      intercept = new Float64Array(rows)
      for (let k = 0; k < rows; k++) {
        const pos = K === 2 ? 1 : k
        const yb = new Int32Array(encoded.length)
        for (let i = 0; i < yb.length; i++) yb[i] = encoded[i] === pos ? 1 : 0
        const objective =
          binaryObjectiveWasm(data.X, yb, sw, lambda, fi) ??
          binaryObjective(data.X, yb, sw, lambda, fi)
        const res = lbfgs(objective, new Float64Array(stride), {
          maxIter,
          gtol: tol,
        })
        nIter = Math.max(nIter, res.nIter)
        converged &&= res.converged
        unpack(res.x, 0, k)
      }
    }
    this.state = {
      classes,
      coef,
      intercept,
      nFeatures: d,
      nIter,
      converged,
      link: mode === 'multinomial' ? 'softmax' : 'sigmoid',
    }
    return this
  }

  /** Raw scores: a Float64Array for binary problems (positive class), else a Matrix (one column per class). */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const s = this.fittedState('decisionFunction')
    const Z = this.scores(s, X, `${this.kind}.decisionFunction`)
    if (s.coef.length === s.nFeatures) return Z.data
    return denseToMatrix(Z)
  }

  /** Class probabilities (rows sum to 1), columns in `classes` order. */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    const Z = this.scores(s, X, `${this.kind}.predictProba`)
    const K = s.classes.length
    const P = new Matrix(Z.rows, K)
    const softmax = s.link === 'softmax'
    for (let i = 0; i < Z.rows; i++) {
      if (Z.cols === 1) {
        // Binary softmax on the single score d is softmax([-d, d]) = sigmoid(2d) (scikit-learn's workaround).
        const z = Z.data[i] as number
        const p = 1 / (1 + Math.exp(-(softmax ? 2 * z : z)))
        P.set(i, 0, 1 - p)
        P.set(i, 1, p)
      } else if (softmax) {
        let max = Number.NEGATIVE_INFINITY
        for (let k = 0; k < K; k++) max = Math.max(max, Z.data[i * K + k] as number)
        let sum = 0
        // Each exponential once, kept in the score row (Z is this call's own array).
        for (let k = 0; k < K; k++) {
          const e = Math.exp((Z.data[i * K + k] as number) - max)
          Z.data[i * K + k] = e
          sum += e
        }
        for (let k = 0; k < K; k++) P.set(i, k, (Z.data[i * K + k] as number) / sum)
      } else {
        // One-vs-rest: each class's sigmoid, normalised over the classes.
        let sum = 0
        for (let k = 0; k < K; k++) sum += 1 / (1 + Math.exp(-(Z.data[i * K + k] as number)))
        for (let k = 0; k < K; k++)
          P.set(i, k, 1 / (1 + Math.exp(-(Z.data[i * K + k] as number))) / sum)
      }
    }
    return P
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const Z = this.scores(s, X, `${this.kind}.predict`)
    const out = new Float64Array(Z.rows)
    for (let i = 0; i < Z.rows; i++) {
      if (Z.cols === 1) {
        out[i] = s.classes[(Z.data[i] as number) > 0 ? 1 : 0] as number
      } else {
        let best = 0
        for (let k = 1; k < Z.cols; k++) {
          if ((Z.data[i * Z.cols + k] as number) > (Z.data[i * Z.cols + best] as number)) best = k
        }
        out[i] = s.classes[best] as number
      }
    }
    return out
  }

  /** Coefficients: rows × nFeatures (rows = 1 for binary problems). */
  get coef(): Matrix {
    const s = this.fittedState('coef')
    return denseToMatrix({ data: s.coef, rows: s.coef.length / s.nFeatures, cols: s.nFeatures })
  }

  /** Intercepts (one per coefficient row). */
  get intercept(): Float64Array {
    return this.fittedState('intercept').intercept.slice()
  }

  /** L-BFGS iterations run. */
  get nIter(): number {
    return this.fittedState('nIter').nIter
  }

  /** False when L-BFGS stopped at maxIter (scikit-learn would warn): scale X or raise maxIter. */
  get converged(): boolean {
    return this.fittedState('converged').converged
  }

  protected override decodeState(raw: unknown): LogisticRegressionState {
    const st = super.decodeState(raw)
    if (
      !(st.coef instanceof Float64Array) ||
      !(st.classes instanceof Float64Array) ||
      typeof st.nFeatures !== 'number'
    ) {
      throw new ModelFormatError(`${this.kind}.fromJSON: state needs classes, coef and nFeatures`)
    }
    // Before multiClass existed, several rows always meant a softmax model.
    st.link ??= st.coef.length > st.nFeatures ? 'softmax' : 'sigmoid'
    return st
  }

  private scores(s: LogisticRegressionState, X: MatrixLike, api: string): Dense {
    return classifierScores(X, s.nFeatures, s.coef, s.intercept, api)
  }
}

registerEstimator('LogisticRegression', (json) => LogisticRegression.fromJSON(json))
