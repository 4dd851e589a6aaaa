/** Outlier-robust scaling: subtract the median, divide by the interquartile range. */
import { InvalidOptionError } from '../errors.js'
import { column, type Dense, handleZerosInScale, toDense } from '../internal/dense.js'
import { centerAndScale, FeatureScaler, unscaleAndUncenter } from '../internal/FeatureScaler.js'
import { medianSorted, percentileSorted } from '../internal/quantile.js'
import type { MatrixLike } from '../types.js'

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
export class RobustScaler extends FeatureScaler<RobustScalerOptions, State> {
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

  protected forward(d: Dense, s: State): void {
    const { withCentering, withScaling } = this.params
    centerAndScale(d, withCentering ? s.center : null, withScaling ? s.scale : null)
  }

  protected backward(d: Dense, s: State): void {
    const { withCentering, withScaling } = this.params
    unscaleAndUncenter(d, withCentering ? s.center : null, withScaling ? s.scale : null)
  }
}
