/** Standardization: remove each feature's mean and scale it to unit variance. */
import { checkFeatures, type Dense, handleZerosInScale, toDense } from '../internal/dense.js'
import { centerAndScale, FeatureScaler, unscaleAndUncenter } from '../internal/FeatureScaler.js'
import type { MatrixLike } from '../types.js'

export interface StandardScalerOptions {
  /** Subtract the mean. Default true. */
  withMean: boolean
  /** Divide by the standard deviation. Default true. */
  withStd: boolean
}

interface State {
  mean: Float64Array
  variance: Float64Array
  scale: Float64Array
  /** Non-missing samples seen per feature. */
  count: Float64Array
}

/**
 * `z = (x - mean) / std`, as scikit-learn's `StandardScaler` (population std; constant features
 * get scale 1; NaN is ignored in `fit` and kept in `transform`). Supports `partialFit` for data
 * that arrives in batches.
 *
 * @example
 * const scaler = new StandardScaler().fit([[0, 10], [2, 30]])
 * scaler.transform([[1, 20]]).to2DArray() // [[0, 0]]
 */
export class StandardScaler extends FeatureScaler<StandardScalerOptions, State> {
  readonly kind = 'StandardScaler'

  constructor(options: Partial<StandardScalerOptions> = {}) {
    super({ withMean: true, withStd: true }, options)
  }

  /** Per-feature mean learned by fit. */
  get mean(): Float64Array {
    return this.fitted('mean').mean.slice()
  }
  /** Per-feature population variance learned by fit. */
  get variance(): Float64Array {
    return this.fitted('variance').variance.slice()
  }
  /** Per-feature scale (standard deviation, 1 for constant features). */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice()
  }
  /** Number of non-missing samples seen per feature. */
  get nSamplesSeen(): Float64Array {
    return this.fitted('nSamplesSeen').count.slice()
  }

  fit(X: MatrixLike, _y?: unknown): this {
    this.state = null
    return this.partialFit(X)
  }

  /**
   * Updates the statistics with one more batch (Chan et al.'s parallel update, as scikit-learn).
   */
  partialFit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.partialFit`
    const d = toDense(api, X, true)
    if (this.state) checkFeatures(api, d, this.state.mean.length)
    const { cols } = d
    const prev = this.state ?? {
      mean: new Float64Array(cols),
      variance: new Float64Array(cols),
      scale: new Float64Array(cols),
      count: new Float64Array(cols),
    }
    const mean = new Float64Array(cols)
    const variance = new Float64Array(cols)
    const count = new Float64Array(cols)
    for (let j = 0; j < cols; j++) {
      const [newSum, newCount, newUnnormVar] = batchStats(d, j)
      const lastCount = prev.count[j]!
      const lastSum = prev.mean[j]! * lastCount
      const total = lastCount + newCount
      count[j] = total
      mean[j] = (lastSum + newSum) / total
      if (lastCount === 0) variance[j] = newUnnormVar / total
      else {
        const ratio = lastCount / newCount
        const unnorm =
          prev.variance[j]! * lastCount +
          newUnnormVar +
          (ratio / total) * (lastSum / ratio - newSum) ** 2
        variance[j] = unnorm / total
      }
    }
    // As scikit-learn: a feature is constant when its variance is within rounding of zero.
    const constant = Array.from(variance, (v, j) => {
      const n = count[j]!
      return v <= n * Number.EPSILON * v + (n * mean[j]! * Number.EPSILON) ** 2
    })
    const scale = handleZerosInScale(variance.map(Math.sqrt), constant)
    this.state = { mean, variance, scale, count }
    return this
  }

  protected forward(d: Dense, s: State): void {
    const { withMean, withStd } = this.params
    centerAndScale(d, withMean ? s.mean : null, withStd ? s.scale : null)
  }

  protected backward(d: Dense, s: State): void {
    const { withMean, withStd } = this.params
    unscaleAndUncenter(d, withMean ? s.mean : null, withStd ? s.scale : null)
  }
}

/** Sum, count and corrected two-pass unnormalized variance of column j (NaN skipped). */
function batchStats(d: Dense, j: number): [sum: number, count: number, unnormVar: number] {
  let sum = 0
  let count = 0
  for (let i = 0; i < d.rows; i++) {
    const v = d.data[i * d.cols + j]!
    if (!Number.isNaN(v)) {
      sum += v
      count++
    }
  }
  if (count === 0) return [0, 0, 0]
  const t = sum / count
  let correction = 0
  let sq = 0
  for (let i = 0; i < d.rows; i++) {
    const v = d.data[i * d.cols + j]!
    if (!Number.isNaN(v)) {
      correction += v - t
      sq += (v - t) ** 2
    }
  }
  return [sum, count, sq - (correction * correction) / count]
}
