/** Outlier-robust scaling: subtract the median, divide by the interquartile range. */
import type { Matrix } from 'ml-matrix'
import { InvalidOptionError } from '../errors.js'
import { checkFeatures, column, handleZerosInScale, toDense, toMatrix } from '../internal/dense.js'
import { medianSorted, percentileSorted } from '../internal/quantile.js'
import type { MatrixLike } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

export interface RobustScalerOptions {
  /** Subtract the median. Default true. */
  withCentering: boolean
  /** Divide by the quantile range. Default true. */
  withScaling: boolean
  /** Percentiles [qMin, qMax] of the scale, 0 ≤ qMin < qMax ≤ 100. Default [25, 75]. */
  quantileRange: [number, number]
}

interface State {
  center: Float64Array
  scale: Float64Array
}

/**
 * `(x - median) / (q75 - q25)` per feature, as scikit-learn's `RobustScaler` (NumPy's linear
 * percentiles; NaN ignored in fit and kept in transform; zero ranges become 1).
 *
 * @example
 * new RobustScaler().fitTransform([[1], [2], [3], [4], [100]]).to1DArray() // [-1, -0.5, 0, 0.5, 48.5]
 */
export class RobustScaler extends Preprocessor<RobustScalerOptions, State> {
  readonly kind = 'RobustScaler'

  constructor(options: Partial<RobustScalerOptions> = {}) {
    super({ withCentering: true, withScaling: true, quantileRange: [25, 75] }, options)
  }

  /** Per-feature median (zeros when withCentering is false). */
  get center(): Float64Array {
    return this.fitted('center').center.slice()
  }
  /** Per-feature quantile range (ones when withScaling is false). */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice()
  }
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').center.length
  }

  fit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.fit`
    const [qMin, qMax] = this.params.quantileRange
    if (!(qMin >= 0 && qMin < qMax && qMax <= 100)) {
      throw new InvalidOptionError(
        `${api}: quantileRange is ${JSON.stringify(this.params.quantileRange)}; expected 0 <= qMin < qMax <= 100`,
      )
    }
    const d = toDense(api, X, true)
    const center = new Float64Array(d.cols)
    const scale = new Float64Array(d.cols).fill(1)
    for (let j = 0; j < d.cols; j++) {
      const v = Float64Array.from(column(d, j)).sort()
      if (this.params.withCentering) center[j] = medianSorted(v)
      if (this.params.withScaling) scale[j] = percentileSorted(v, qMax) - percentileSorted(v, qMin)
    }
    this.state = { center, scale: this.params.withScaling ? handleZerosInScale(scale) : scale }
    return this
  }

  transform(X: MatrixLike): Matrix {
    const api = `${this.kind}.transform`
    const s = this.fitted('transform')
    const d = toDense(api, X, true)
    checkFeatures(api, d, s.center.length)
    for (let k = 0; k < d.data.length; k++) {
      const j = k % d.cols
      let v = d.data[k]!
      if (this.params.withCentering) v -= s.center[j]!
      if (this.params.withScaling) v /= s.scale[j]!
      d.data[k] = v
    }
    return toMatrix(d)
  }

  fitTransform(X: MatrixLike, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }

  inverseTransform(X: MatrixLike): Matrix {
    const api = `${this.kind}.inverseTransform`
    const s = this.fitted('inverseTransform')
    const d = toDense(api, X, true)
    checkFeatures(api, d, s.center.length)
    for (let k = 0; k < d.data.length; k++) {
      const j = k % d.cols
      let v = d.data[k]!
      if (this.params.withScaling) v *= s.scale[j]!
      if (this.params.withCentering) v += s.center[j]!
      d.data[k] = v
    }
    return toMatrix(d)
  }
}
