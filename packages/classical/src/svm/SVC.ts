/**
 * C-support vector classification: scikit-learn's SVC on a TypeScript port of LIBSVM's SMO
 * solver (WSS3 working-set selection, shrinking, LRU kernel cache), one-vs-one multiclass with
 * LIBSVM's voting, and optional Platt-scaled probabilities.
 */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { InputError, ParameterError } from '../errors.js'
import { Random } from '../internal/random.js'
import {
  checkXyDense,
  denseToMatrix,
  encodeLabels,
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
import {
  type SvcModel,
  svcDecisionValues,
  svcProbabilities,
  trainSvc,
  voteFromDecision,
} from './internal/libsvm.js'

/** Options of SVC. */
export interface SVCParams extends KernelSvmParams {
  /** Fit Platt-scaled probabilities (5-fold CV per class pair, seeded by randomState). Default false. */
  probability: boolean
  /** Shape of `decisionFunction` for 3+ classes: 'ovr' (default, as scikit-learn) or 'ovo'. */
  decisionFunctionShape: 'ovr' | 'ovo'
  /** Per-class C multipliers: null (default), 'balanced', or { label: weight }. */
  classWeight: null | 'balanced' | Record<string, number>
  /** Seed for the probability cross-validation shuffles. */
  randomState: number | undefined
}

/** Fitted state (LIBSVM's model layout: support vectors grouped by class). */
export interface SVCState extends KernelSpec {
  classes: Float64Array
  nFeatures: number
  support: Int32Array
  supportVectors: Float64Array
  nSupport: Int32Array
  svCoef: Float64Array
  rho: Float64Array
  probA: Float64Array | null
  probB: Float64Array | null
  nIter: Int32Array
  fitStatus: number
}

function toModel(s: SVCState): SvcModel {
  return {
    nClass: s.classes.length,
    nFeatures: s.nFeatures,
    nSupport: s.nSupport,
    support: s.support,
    sv: s.supportVectors,
    svCoef: s.svCoef,
    rho: s.rho,
    probA: s.probA,
    probB: s.probB,
    iterations: s.nIter,
    maxIterReached: s.fitStatus !== 0,
  }
}

function classWeights(
  cw: SVCParams['classWeight'],
  classes: Float64Array,
  encoded: Int32Array,
  api: string,
): Float64Array {
  const k = classes.length
  const w = new Float64Array(k).fill(1)
  if (cw === null || cw === undefined) return w
  if (cw === 'balanced') {
    const count = new Float64Array(k)
    for (let i = 0; i < encoded.length; i++) count[encoded[i]]++
    for (let c = 0; c < k; c++) w[c] = encoded.length / (k * count[c])
    return w
  }
  if (typeof cw !== 'object') {
    throw new ParameterError(
      `${api}: option classWeight = ${JSON.stringify(cw)}; expected null, 'balanced' or { label: weight }`,
    )
  }
  for (const [label, v] of Object.entries(cw)) {
    const c = classes.indexOf(Number(label))
    if (c < 0) {
      throw new ParameterError(
        `${api}: classWeight names label ${label}, which is not among the classes ${Array.from(classes).join(', ')}`,
      )
    }
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new ParameterError(
        `${api}: classWeight[${label}] = ${String(v)}; expected a number > 0`,
      )
    }
    w[c] = v
  }
  return w
}

// Built once: the constructor merges options over these (a fit-per-instance loop makes many).
const SVC_DEFAULTS: SVCParams = {
  ...KERNEL_SVM_DEFAULTS,
  probability: false,
  decisionFunctionShape: 'ovr',
  classWeight: null,
  randomState: undefined,
}

/**
 * Kernel support vector classifier (scikit-learn's SVC, LIBSVM's C-SVC).
 * @example
 * const clf = new SVC({ kernel: 'rbf', C: 1, gamma: 'scale' }).fit(Xtrain, ytrain)
 * clf.predict(Xtest)          // Float64Array of labels
 * clf.decisionFunction(Xtest) // Matrix (one column per class for 3+ classes, 'ovr' shape)
 * clf.nSupport                // support vectors per class
 */
export class SVC extends BaseClassifier<SVCParams, SVCState> {
  readonly kind = 'SVC'

  constructor(options: Partial<SVCParams> = {}) {
    super(SVC_DEFAULTS, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const data = checkXyDense(X, y, api)
    const params = resolveSolverParams(this.params, data.X, api)
    if (
      this.params.decisionFunctionShape !== 'ovr' &&
      this.params.decisionFunctionShape !== 'ovo'
    ) {
      throw new ParameterError(
        `${api}: option decisionFunctionShape = ${JSON.stringify(this.params.decisionFunctionShape)}; expected 'ovr' or 'ovo'`,
      )
    }
    const { classes, encoded } = encodeLabels(data.y, api)
    const weights = classWeights(this.params.classWeight, classes, encoded, api)
    if (this.params.probability) {
      const count = new Int32Array(classes.length)
      for (let i = 0; i < encoded.length; i++) count[encoded[i]]++
      for (let c = 0; c < classes.length; c++) {
        if (count[c] < 2) {
          throw new InputError(
            `${api}: probability=true needs at least 2 samples per class for its internal cross-validation; class ${classes[c]} has ${count[c]}`,
          )
        }
      }
    }
    const rng = this.params.probability ? new Random(this.params.randomState ?? 0) : null
    const m = trainSvc(
      data.X.data,
      data.X.rows,
      data.X.cols,
      encoded,
      classes.length,
      params,
      weights,
      rng,
    )
    this.state = {
      classes,
      nFeatures: data.X.cols,
      ...params.spec,
      support: m.support,
      supportVectors: m.sv,
      nSupport: m.nSupport,
      svCoef: m.svCoef,
      rho: m.rho,
      probA: m.probA,
      probB: m.probB,
      nIter: m.iterations,
      fitStatus: m.maxIterReached ? 1 : 0,
    }
    return this
  }

  private ovoValues(method: string, X: MatrixLike): { s: SVCState; dec: Float64Array; m: number } {
    const s = this.fittedState(method)
    const api = `${this.kind}.${method}`
    const Xd = toDenseFitted(X, s.nFeatures, api)
    const dec = svcDecisionValues(toModel(s), specFromState(s), Xd.data, Xd.rows)
    return { s, dec, m: Xd.rows }
  }

  /** Predicted labels by LIBSVM's one-vs-one vote (ties go to the lower class). */
  predict(X: MatrixLike): Float64Array {
    const { s, dec, m } = this.ovoValues('predict', X)
    const winners = voteFromDecision(dec, s.classes.length, m)
    const out = new Float64Array(m)
    for (let i = 0; i < m; i++) out[i] = s.classes[winners[i]]
    return out
  }

  /**
   * Decision values as scikit-learn returns them: for two classes a Float64Array (> 0 favours
   * `classes[1]`); otherwise a Matrix, m × k ('ovr': votes plus a confidence in (-1/3, 1/3)) or
   * m × k(k-1)/2 ('ovo': pairs (0,1), (0,2), ..., positive favours the first class of the pair).
   */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const { s, dec, m } = this.ovoValues('decisionFunction', X)
    const k = s.classes.length
    if (k === 2) {
      const out = new Float64Array(m)
      for (let i = 0; i < m; i++) out[i] = -dec[i]
      return out
    }
    const nPairs = (k * (k - 1)) / 2
    if (this.params.decisionFunctionShape === 'ovo') {
      return denseToMatrix({ data: dec, rows: m, cols: nPairs })
    }
    // scikit-learn's _ovr_decision_function: votes plus sum of confidences squashed to (-1/3, 1/3).
    const M = new Matrix(m, k)
    const votes = new Float64Array(k)
    const conf = new Float64Array(k)
    for (let r = 0; r < m; r++) {
      votes.fill(0)
      conf.fill(0)
      let p = 0
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const v = dec[r * nPairs + p]
          conf[i] += v
          conf[j] -= v
          if (v < 0) votes[j]++
          else votes[i]++
          p++
        }
      }
      for (let c = 0; c < k; c++) M.set(r, c, votes[c] + conf[c] / (3 * (Math.abs(conf[c]) + 1)))
    }
    return M
  }

  /**
   * Platt-scaled class probabilities (needs `probability: true`), columns in `classes` order.
   * They come from LIBSVM's internal 5-fold cross-validation with this library's seeded shuffle,
   * so values differ slightly from scikit-learn's, and the most probable class can disagree with
   * `predict` near the boundary (as in LIBSVM).
   */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    if (s.probA === null || s.probB === null) {
      throw new ParameterError(
        `${this.kind}.predictProba: the model was fitted with probability=false; set probability: true and fit again`,
      )
    }
    const { dec, m } = this.ovoValues('predictProba', X)
    const k = s.classes.length
    return denseToMatrix({ data: svcProbabilities(toModel(s), dec, m), rows: m, cols: k })
  }

  /** Indices (into the training rows) of the support vectors, grouped by class. */
  get support(): Int32Array {
    return this.fittedState('support').support.slice()
  }

  /** The support vectors, one row each (nSV × nFeatures). */
  get supportVectors(): Matrix {
    const s = this.fittedState('supportVectors')
    return denseToMatrix({ data: s.supportVectors, rows: s.support.length, cols: s.nFeatures })
  }

  /** Number of support vectors per class (scikit-learn's n_support_). */
  get nSupport(): Int32Array {
    return this.fittedState('nSupport').nSupport.slice()
  }

  /**
   * Dual coefficients y_i·α_i, (k-1) × nSV in LIBSVM's layout (scikit-learn's dual_coef_; for two
   * classes the sign is flipped so that positive values favour classes[1], as scikit-learn does).
   */
  get dualCoef(): Matrix {
    const s = this.fittedState('dualCoef')
    const n = s.support.length
    const rows = Math.max(1, s.classes.length - 1)
    const sign = s.classes.length === 2 ? -1 : 1
    const M = new Matrix(rows, n)
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < n; c++) M.set(r, c, sign * s.svCoef[r * n + c])
    return M
  }

  /** Intercepts, one per class pair (scikit-learn's intercept_, same sign convention as dualCoef). */
  get intercept(): Float64Array {
    const s = this.fittedState('intercept')
    const sign = s.classes.length === 2 ? 1 : -1
    return Float64Array.from(s.rho, (r) => sign * r)
  }

  /** Solver iterations per class pair. */
  get nIter(): Int32Array {
    return this.fittedState('nIter').nIter.slice()
  }

  /** 0 when every pair converged, 1 when the iteration cap stopped one (scikit-learn's fit_status_). */
  get fitStatus(): number {
    return this.fittedState('fitStatus').fitStatus
  }
}

registerEstimator('SVC', (json) => SVC.fromJSON(json))
