/** Scaling of each feature by its maximum absolute value (keeps zeros and signs). */
import { checkFeatures, type Dense, handleZerosInScale, toDense } from '../internal/dense.js'
import { centerAndScale, FeatureScaler, unscaleAndUncenter } from '../internal/FeatureScaler.js'
import type { MatrixLike } from '../types.js'

interface State {
  maxAbs: Float64Array
  scale: Float64Array
}

/**
 * `x / max|x|` per feature, into [-1, 1], as scikit-learn's `MaxAbsScaler` (NaN ignored in fit,
 * kept in transform; all-zero features keep scale 1).
 *
 * @example
 * new MaxAbsScaler().fitTransform([[1, -4], [2, 2]]).to2DArray() // [[0.5, -1], [1, 0.5]]
 */
export class MaxAbsScaler extends FeatureScaler<Record<string, never>, State> {
  readonly kind = 'MaxAbsScaler'

  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options)
  }

  get maxAbs(): Float64Array {
    return this.fitted('maxAbs').maxAbs.slice()
  }
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice()
  }

  fit(X: MatrixLike, _y?: unknown): this {
    this.state = null
    return this.partialFit(X)
  }

  /** Updates the maxima with one more batch. */
  partialFit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.partialFit`
    const d = toDense(api, X, true)
    if (this.state) checkFeatures(api, d, this.state.scale.length)
    const maxAbs = this.state?.maxAbs.slice() ?? new Float64Array(d.cols)
    for (let k = 0; k < d.data.length; k++) {
      const v = Math.abs(d.data[k]!)
      const j = k % d.cols
      if (v > maxAbs[j]!) maxAbs[j] = v
    }
    this.state = { maxAbs, scale: handleZerosInScale(maxAbs) }
    return this
  }

  protected forward(d: Dense, s: State): void {
    centerAndScale(d, null, s.scale)
  }

  protected backward(d: Dense, s: State): void {
    unscaleAndUncenter(d, null, s.scale)
  }
}
