/**
 * The shared body of the per-feature scalers (StandardScaler, MinMaxScaler, MaxAbsScaler,
 * RobustScaler): each learns one value per feature into `state.scale` and maps every entry of X
 * on its own, so validation, the feature-count check and the Matrix round trip live here once.
 */
import type { Matrix } from 'ml-matrix'
import { Preprocessor } from '../preprocessing/Preprocessor.js'
import type { MatrixLike } from '../types.js'
import { checkFeatures, type Dense, toDense, toMatrix } from './dense.js'

export abstract class FeatureScaler<
  P extends object,
  S extends { scale: Float64Array },
> extends Preprocessor<P, S> {
  /** Maps the validated copy of X in place. */
  protected abstract forward(d: Dense, s: S, api: string): void
  /** Undoes `forward` in place. */
  protected abstract backward(d: Dense, s: S, api: string): void

  /** Number of features seen by fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').scale.length
  }

  transform(X: MatrixLike): Matrix {
    return this.map('transform', X, true)
  }

  fitTransform(X: MatrixLike, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }

  inverseTransform(X: MatrixLike): Matrix {
    return this.map('inverseTransform', X, false)
  }

  private map(method: string, X: MatrixLike, forward: boolean): Matrix {
    const api = `${this.kind}.${method}`
    const s = this.fitted(method)
    const d = toDense(api, X, true)
    checkFeatures(api, d, s.scale.length)
    if (forward) this.forward(d, s, api)
    else this.backward(d, s, api)
    return toMatrix(d)
  }
}

/** In place, per feature j: `x = (x - center[j]) / scale[j]`; a null side is skipped. */
export function centerAndScale(
  d: Dense,
  center: Float64Array | null,
  scale: Float64Array | null,
): void {
  const { data, cols } = d
  for (let k = 0; k < data.length; k++) {
    const j = k % cols
    let v = data[k]!
    if (center) v -= center[j]!
    if (scale) v /= scale[j]!
    data[k] = v
  }
}

/** The inverse of `centerAndScale`: `x = x * scale[j] + center[j]`. */
export function unscaleAndUncenter(
  d: Dense,
  center: Float64Array | null,
  scale: Float64Array | null,
): void {
  const { data, cols } = d
  for (let k = 0; k < data.length; k++) {
    const j = k % cols
    let v = data[k]!
    if (scale) v *= scale[j]!
    if (center) v += center[j]!
    data[k] = v
  }
}
