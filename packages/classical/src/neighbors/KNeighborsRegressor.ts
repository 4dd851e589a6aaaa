/** k-nearest-neighbours regression: the (weighted) mean target of the nearest training samples. */
import type { Matrix } from 'ml-matrix'
import { BaseRegressor } from '../base/BaseRegressor.js'
import { neighborWeights } from '../internal/neighbors.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import {
  checkKnnParams,
  type KNeighborsParams,
  kneighborsOf,
  queryNeighbors,
} from './KNeighborsClassifier.js'

/** Fitted state: the training set. */
export interface KNeighborsRegressorState {
  X: Float64Array
  y: Float64Array
  nSamples: number
  nFeatures: number
}

/**
 * k-nearest-neighbours regressor.
 * @example
 * const knn = new KNeighborsRegressor({ nNeighbors: 10 }).fit(X, y)
 */
export class KNeighborsRegressor extends BaseRegressor<KNeighborsParams, KNeighborsRegressorState> {
  readonly kind = 'KNeighborsRegressor'

  constructor(options: Partial<KNeighborsParams> = {}) {
    super({ nNeighbors: 5, weights: 'uniform', p: 2 }, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const data = checkXyDense(X, y, api)
    checkKnnParams(this.params, api, data.X.rows)
    this.state = { X: data.X.data, y: data.y, nSamples: data.X.rows, nFeatures: data.X.cols }
    return this
  }

  /** The nearest training samples of each row: distances and indices (rows × nNeighbors), nearest first. */
  kneighbors(X: MatrixLike): { distances: Matrix; indices: Matrix } {
    const s = this.fittedState('kneighbors')
    return kneighborsOf(s, X, this.params, `${this.kind}.kneighbors`)
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const api = `${this.kind}.predict`
    const { index, dist, rows, k } = queryNeighbors(s, X, this.params, api)
    const out = new Float64Array(rows)
    for (let q = 0; q < rows; q++) {
      const w = neighborWeights(dist, q * k, k, this.params.weights)
      let num = 0
      let den = 0
      for (let r = 0; r < k; r++) {
        num += (w[r] as number) * (s.y[index[q * k + r] as number] as number)
        den += w[r] as number
      }
      out[q] = num / den
    }
    return out
  }
}

registerEstimator('KNeighborsRegressor', (json) => KNeighborsRegressor.fromJSON(json))
