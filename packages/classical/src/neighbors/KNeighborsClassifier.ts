/** k-nearest-neighbours classification (brute force), scikit-learn's voting and weighting rules. */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { ParameterError } from '../errors.js'
import { kNearest, neighborWeights } from '../internal/neighbors.js'
import {
  checkOneOf,
  checkRange,
  checkXyDense,
  encodeLabels,
  type MatrixLike,
  toDenseFitted,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'

/** Options shared by the KNeighbors estimators. */
export interface KNeighborsParams {
  /** Neighbours consulted. Default 5. */
  nNeighbors: number
  /** 'uniform' (default) or 'distance' (1/d; exact matches win outright). */
  weights: 'uniform' | 'distance'
  /** Minkowski power: 2 Euclidean (default), 1 Manhattan. */
  p: number
}

/** Fitted state: the training set itself. */
export interface KNeighborsClassifierState {
  classes: Float64Array
  X: Float64Array
  y: Int32Array
  nSamples: number
  nFeatures: number
}

/** The training set a fitted KNeighbors estimator keeps. */
interface KnnTrainingSet {
  X: Float64Array
  nSamples: number
  nFeatures: number
}

/**
 * Shared by both KNeighbors estimators: validates the query rows and finds each one's
 * `nNeighbors` nearest training samples (row-major rows × k indices and distances, nearest first).
 */
export function queryNeighbors(
  s: KnnTrainingSet,
  X: MatrixLike,
  params: KNeighborsParams,
  api: string,
): { index: Int32Array; dist: Float64Array; rows: number; k: number } {
  const Q = toDenseFitted(X, s.nFeatures, api)
  const k = params.nNeighbors
  if (k > s.nSamples) {
    throw new ParameterError(`${api}: nNeighbors = ${k} exceeds the ${s.nSamples} training samples`)
  }
  const { index, dist } = kNearest(
    { data: s.X, rows: s.nSamples, cols: s.nFeatures },
    Q,
    k,
    params.p,
  )
  return { index, dist, rows: Q.rows, k }
}

/** Shared by both KNeighbors estimators: neighbour distances and indices as matrices. */
export function kneighborsOf(
  s: KnnTrainingSet,
  X: MatrixLike,
  params: KNeighborsParams,
  api: string,
): { distances: Matrix; indices: Matrix } {
  const { index, dist, rows, k } = queryNeighbors(s, X, params, api)
  const distances = new Matrix(rows, k)
  const indices = new Matrix(rows, k)
  for (let q = 0; q < rows; q++) {
    for (let r = 0; r < k; r++) {
      distances.set(q, r, dist[q * k + r] as number)
      indices.set(q, r, index[q * k + r] as number)
    }
  }
  return { distances, indices }
}

/** Validates the shared options. */
export function checkKnnParams(params: KNeighborsParams, api: string, nSamples: number): void {
  checkRange(params.nNeighbors, 'nNeighbors', api, 1, nSamples, { integer: true })
  checkOneOf(params.weights, 'weights', api, ['uniform', 'distance'])
  checkRange(params.p, 'p', api, 1, Number.POSITIVE_INFINITY)
}

/**
 * k-nearest-neighbours classifier.
 * @example
 * const knn = new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(X, y)
 * knn.predict(Xtest)
 */
export class KNeighborsClassifier extends BaseClassifier<
  KNeighborsParams,
  KNeighborsClassifierState
> {
  readonly kind = 'KNeighborsClassifier'

  constructor(options: Partial<KNeighborsParams> = {}) {
    super({ nNeighbors: 5, weights: 'uniform', p: 2 }, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const data = checkXyDense(X, y, api)
    checkKnnParams(this.params, api, data.X.rows)
    const { classes, encoded } = encodeLabels(data.y, api)
    this.state = {
      classes,
      X: data.X.data,
      y: encoded,
      nSamples: data.X.rows,
      nFeatures: data.X.cols,
    }
    return this
  }

  /**
   * The nearest training samples of each row: distances and indices (rows × nNeighbors), nearest first.
   * @example const { distances, indices } = knn.kneighbors(Xtest)
   */
  kneighbors(X: MatrixLike): { distances: Matrix; indices: Matrix } {
    const s = this.fittedState('kneighbors')
    return kneighborsOf(s, X, this.params, `${this.kind}.kneighbors`)
  }

  /** Class probabilities: the (weighted) share of each class among the neighbours. */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    return this.votes(s, X, `${this.kind}.predictProba`, true)
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const V = this.votes(s, X, `${this.kind}.predict`, false)
    const out = new Float64Array(V.rows)
    // maxRowIndex returns the first maximum, so ties go to the smallest label (as scikit-learn).
    for (let i = 0; i < V.rows; i++) out[i] = s.classes[V.maxRowIndex(i)[1]] as number
    return out
  }

  private votes(
    s: KNeighborsClassifierState,
    X: MatrixLike,
    api: string,
    normalise: boolean,
  ): Matrix {
    const { index, dist, rows, k } = queryNeighbors(s, X, this.params, api)
    const K = s.classes.length
    const V = new Matrix(rows, K)
    for (let q = 0; q < rows; q++) {
      const w = neighborWeights(dist, q * k, k, this.params.weights)
      let total = 0
      for (let r = 0; r < k; r++) {
        const c = s.y[index[q * k + r] as number] as number
        V.set(q, c, V.get(q, c) + (w[r] as number))
        total += w[r] as number
      }
      if (normalise) for (let c = 0; c < K; c++) V.set(q, c, V.get(q, c) / total)
    }
    return V
  }
}

registerEstimator('KNeighborsClassifier', (json) => KNeighborsClassifier.fromJSON(json))
