/** Scaling of each feature to a given range (default [0, 1]). */
import { InvalidOptionError } from '../errors.js'
import { checkFeatures, type Dense, handleZerosInScale, toDense } from '../internal/dense.js'
import { FeatureScaler } from '../internal/FeatureScaler.js'
import type { MatrixLike } from '../types.js'

export interface MinMaxScalerOptions {
  /** Target range [min, max] with min < max. Default [0, 1]. */
  featureRange: [number, number]
  /** Clip transformed values of unseen data into featureRange. Default false. */
  clip: boolean
}

interface State {
  dataMin: Float64Array
  dataMax: Float64Array
  scale: Float64Array
  min: Float64Array
}

/**
 * `x * scale + min` mapping each feature's fitted [min, max] onto `featureRange`, as
 * scikit-learn's `MinMaxScaler` (constant features map to the range's lower end; NaN ignored in
 * fit, kept in transform).
 *
 * @example
 * new MinMaxScaler().fitTransform([[1], [3], [5]]).to1DArray() // [0, 0.5, 1]
 */
export class MinMaxScaler extends FeatureScaler<MinMaxScalerOptions, State> {
  readonly kind = 'MinMaxScaler'

  constructor(options: Partial<MinMaxScalerOptions> = {}) {
    super({ featureRange: [0, 1], clip: false }, options)
  }

  get dataMin(): Float64Array {
    return this.fitted('dataMin').dataMin.slice()
  }
  get dataMax(): Float64Array {
    return this.fitted('dataMax').dataMax.slice()
  }
  get dataRange(): Float64Array {
    const s = this.fitted('dataRange')
    return s.dataMax.map((v, j) => v - s.dataMin[j]!)
  }
  /** Per-feature multiplier. */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice()
  }
  /** Per-feature offset added after scaling. */
  get min(): Float64Array {
    return this.fitted('min').min.slice()
  }

  private range(api: string): [number, number] {
    const r = this.params.featureRange
    if (!Array.isArray(r) || r.length !== 2 || !(r[0] < r[1]) || !r.every(Number.isFinite)) {
      throw new InvalidOptionError(
        `${api}: featureRange is ${JSON.stringify(r)}; expected [min, max] with finite min < max`,
      )
    }
    return r
  }

  fit(X: MatrixLike, _y?: unknown): this {
    this.state = null
    return this.partialFit(X)
  }

  /** Widens the fitted [min, max] with one more batch. */
  partialFit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.partialFit`
    const [lo, hi] = this.range(api)
    const d = toDense(api, X, true)
    if (this.state) checkFeatures(api, d, this.state.scale.length)
    const dataMin = this.state?.dataMin.slice() ?? new Float64Array(d.cols).fill(Number.NaN)
    const dataMax = this.state?.dataMax.slice() ?? new Float64Array(d.cols).fill(Number.NaN)
    for (let i = 0; i < d.rows; i++) {
      for (let j = 0; j < d.cols; j++) {
        const v = d.data[i * d.cols + j]!
        if (Number.isNaN(v)) continue
        if (!(v >= dataMin[j]!)) dataMin[j] = v
        if (!(v <= dataMax[j]!)) dataMax[j] = v
      }
    }
    const range = dataMax.map((v, j) => v - dataMin[j]!)
    const safe = handleZerosInScale(range)
    const scale = safe.map((r) => (hi - lo) / r)
    const min = scale.map((s, j) => lo - dataMin[j]! * s)
    this.state = { dataMin, dataMax, scale, min }
    return this
  }

  protected forward(d: Dense, s: State, api: string): void {
    const [lo, hi] = this.range(api)
    const clip = this.params.clip
    for (let k = 0; k < d.data.length; k++) {
      const j = k % d.cols
      let v = d.data[k]! * s.scale[j]! + s.min[j]!
      if (clip) v = Math.min(Math.max(v, lo), hi)
      d.data[k] = v
    }
  }

  protected backward(d: Dense, s: State): void {
    for (let k = 0; k < d.data.length; k++) {
      const j = k % d.cols
      d.data[k] = (d.data[k]! - s.min[j]!) / s.scale[j]!
    }
  }
}
