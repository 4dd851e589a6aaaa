/**
 * Linear support vector classification: scikit-learn's LinearSVC (LIBLINEAR's dual coordinate
 * descent, squared hinge loss by default, one-vs-rest for 3+ classes, a regularised intercept
 * fitted as an extra constant feature of value `interceptScaling`).
 */
import type { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { Random } from '../internal/random.js'
import {
  checkOneOf,
  checkRange,
  checkXyDense,
  denseToMatrix,
  encodeLabels,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
import { classifierScores } from '../linear/internal/classifierScores.js'
import { registerEstimator } from '../serialization/registry.js'
import { solveL2rSvcDual } from './internal/liblinear.js'

/** Options of LinearSVC. */
export interface LinearSVCParams {
  /** Regularisation: penalty on the loss. Default 1. */
  C: number
  /** 'squared_hinge' (default, as scikit-learn) or 'hinge'. */
  loss: 'squared_hinge' | 'hinge'
  /** Stopping tolerance on the projected-gradient gap. Default 1e-4. */
  tol: number
  /** Coordinate-descent epochs per class. Default 1000. */
  maxIter: number
  /** Learn an intercept (as a regularised constant feature). Default true. */
  fitIntercept: boolean
  /** Value of that constant feature. Default 1. */
  interceptScaling: number
  /** Seed of the per-epoch permutations (default 0: deterministic). */
  randomState: number | undefined
}

/** Fitted state: one weight row per class (one row for two classes, for classes[1]). */
export interface LinearSVCState {
  classes: Float64Array
  nFeatures: number
  coef: Float64Array
  intercept: Float64Array
  nIter: number
  converged: boolean
}

/**
 * Linear SVM classifier (scikit-learn's LinearSVC).
 * @example
 * const clf = new LinearSVC({ C: 0.5 }).fit(Xtrain, ytrain)
 * clf.predict(Xtest)
 */
export class LinearSVC extends BaseClassifier<LinearSVCParams, LinearSVCState> {
  readonly kind = 'LinearSVC'

  constructor(options: Partial<LinearSVCParams> = {}) {
    super(
      {
        C: 1,
        loss: 'squared_hinge',
        tol: 1e-4,
        maxIter: 1000,
        fitIntercept: true,
        interceptScaling: 1,
        randomState: undefined,
      },
      options,
    )
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const C = checkRange(this.params.C, 'C', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
    checkOneOf(this.params.loss, 'loss', api, ['squared_hinge', 'hinge'] as const)
    const tol = checkRange(this.params.tol, 'tol', api, 0, Number.POSITIVE_INFINITY, {
      loOpen: true,
    })
    const maxIter = checkRange(this.params.maxIter, 'maxIter', api, 1, Number.MAX_SAFE_INTEGER, {
      integer: true,
    })
    checkOneOf(this.params.fitIntercept, 'fitIntercept', api, [true, false])
    const scaling = checkRange(
      this.params.interceptScaling,
      'interceptScaling',
      api,
      0,
      Number.MAX_VALUE,
      {
        loOpen: true,
      },
    )
    const data = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(data.y, api)
    const n = data.X.rows
    const d = data.X.cols
    const fi = this.params.fitIntercept
    const stride = d + (fi ? 1 : 0)
    const A = new Float64Array(n * stride)
    for (let i = 0; i < n; i++) {
      A.set(data.X.data.subarray(i * d, i * d + d), i * stride)
      if (fi) A[i * stride + d] = scaling
    }
    const k = classes.length
    const rows = k === 2 ? 1 : k
    const coef = new Float64Array(rows * d)
    const intercept = new Float64Array(rows)
    const rng = new Random(this.params.randomState ?? 0)
    const yb = new Int8Array(n)
    let nIter = 0
    let converged = true
    for (let r = 0; r < rows; r++) {
      const positive = k === 2 ? 1 : r
      for (let i = 0; i < n; i++) yb[i] = encoded[i] === positive ? 1 : -1
      const res = solveL2rSvcDual(A, n, stride, yb, C, C, this.params.loss, tol, maxIter, rng)
      for (let j = 0; j < d; j++) coef[r * d + j] = res.w[j]
      if (fi) intercept[r] = res.w[d] * scaling
      nIter = Math.max(nIter, res.iterations)
      if (!res.converged) converged = false
    }
    this.state = { classes, nFeatures: d, coef, intercept, nIter, converged }
    return this
  }

  private scores(method: string, X: MatrixLike): { s: LinearSVCState; Z: Float64Array; m: number } {
    const s = this.fittedState(method)
    const api = `${this.kind}.${method}`
    const Z = classifierScores(X, s.nFeatures, s.coef, s.intercept, api)
    return { s, Z: Z.data, m: Z.rows }
  }

  /** Signed distances: a Float64Array for two classes (> 0 favours classes[1]), else m × k. */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const { s, Z, m } = this.scores('decisionFunction', X)
    const rows = s.intercept.length
    if (rows === 1) return Z
    return denseToMatrix({ data: Z, rows: m, cols: rows })
  }

  predict(X: MatrixLike): Float64Array {
    const { s, Z, m } = this.scores('predict', X)
    const rows = s.intercept.length
    const out = new Float64Array(m)
    for (let i = 0; i < m; i++) {
      if (rows === 1) out[i] = s.classes[Z[i] > 0 ? 1 : 0]
      else {
        let best = 0
        for (let r = 1; r < rows; r++) if (Z[i * rows + r] > Z[i * rows + best]) best = r
        out[i] = s.classes[best]
      }
    }
    return out
  }

  /** Weights: rows × nFeatures (one row for two classes). */
  get coef(): Matrix {
    const s = this.fittedState('coef')
    return denseToMatrix({ data: s.coef, rows: s.intercept.length, cols: s.nFeatures })
  }

  get intercept(): Float64Array {
    return this.fittedState('intercept').intercept.slice()
  }

  /** Largest number of epochs over the per-class problems. */
  get nIter(): number {
    return this.fittedState('nIter').nIter
  }

  /** False when some class stopped at maxIter (scikit-learn warns with ConvergenceWarning). */
  get converged(): boolean {
    return this.fittedState('converged').converged
  }
}

registerEstimator('LinearSVC', (json) => LinearSVC.fromJSON(json))
