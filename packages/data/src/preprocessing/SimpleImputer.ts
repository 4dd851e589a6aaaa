/** Replaces missing values with a per-feature statistic or a constant. */
import { Matrix } from 'ml-matrix'
import { InvalidOptionError } from '../errors.js'
import { checkFeatures, type Dense, toDense } from '../internal/dense.js'
import { medianSorted } from '../internal/quantile.js'
import type { MatrixLike } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant'

export interface SimpleImputerOptions {
  /** Default 'mean'. */
  strategy: ImputeStrategy
  /** The value that marks a missing entry. Default NaN. */
  missingValues: number
  /** Replacement for strategy 'constant'. Default 0. */
  fillValue: number
  /**
   * Keep features that are entirely missing at fit (filled with 0, or fillValue for 'constant').
   * Default false: such features are dropped from the output, as scikit-learn does.
   */
  keepEmptyFeatures: boolean
}

interface State {
  statistics: Float64Array
  /** Indices of the output features in the input (empty features removed). */
  kept: Int32Array
}

const STRATEGIES = new Set(['mean', 'median', 'most_frequent', 'constant'])

/**
 * Fills missing values (NaN by default) per feature with the mean, median, most frequent value
 * (smallest on ties) or a constant, as scikit-learn's `SimpleImputer` for numeric data.
 *
 * @example
 * new SimpleImputer({ strategy: 'median' }).fitTransform([[1, NaN], [3, 4], [NaN, 8]]).to2DArray()
 * // [[1, 6], [3, 4], [2, 8]]
 */
export class SimpleImputer extends Preprocessor<SimpleImputerOptions, State> {
  readonly kind = 'SimpleImputer'

  constructor(options: Partial<SimpleImputerOptions> = {}) {
    super(
      { strategy: 'mean', missingValues: Number.NaN, fillValue: 0, keepEmptyFeatures: false },
      options,
    )
  }

  /** The fill value of each input feature (NaN for dropped empty features). */
  get statistics(): Float64Array {
    return this.fitted('statistics').statistics.slice()
  }
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').statistics.length
  }

  private isMissing(v: number): boolean {
    const m = this.params.missingValues
    return Number.isNaN(m) ? Number.isNaN(v) : v === m
  }

  private read(api: string, X: MatrixLike): Dense {
    // NaN is always accepted: it is either the missing marker or (sklearn) an error below.
    const d = toDense(api, X, true)
    if (!Number.isNaN(this.params.missingValues)) {
      for (let k = 0; k < d.data.length; k++) {
        if (Number.isNaN(d.data[k]!)) {
          throw new InvalidOptionError(
            `${api}: X[${Math.floor(k / d.cols)}][${k % d.cols}] is NaN but missingValues is ${this.params.missingValues}; set missingValues: NaN or remove NaN`,
          )
        }
      }
    }
    return d
  }

  fit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.fit`
    const { strategy, fillValue, keepEmptyFeatures } = this.params
    if (!STRATEGIES.has(strategy)) {
      throw new InvalidOptionError(
        `${api}: strategy is ${String(strategy)}; expected 'mean', 'median', 'most_frequent' or 'constant'`,
      )
    }
    if (strategy === 'constant' && (typeof fillValue !== 'number' || Number.isNaN(fillValue))) {
      throw new InvalidOptionError(`${api}: fillValue is ${fillValue}; expected a number`)
    }
    const d = this.read(api, X)
    const statistics = new Float64Array(d.cols)
    const kept: number[] = []
    for (let j = 0; j < d.cols; j++) {
      const vals: number[] = []
      for (let i = 0; i < d.rows; i++) {
        const v = d.data[i * d.cols + j]!
        if (!this.isMissing(v)) vals.push(v)
      }
      if (strategy === 'constant') {
        statistics[j] = fillValue
        kept.push(j)
        continue
      }
      if (vals.length === 0) {
        statistics[j] = keepEmptyFeatures ? 0 : Number.NaN
        if (keepEmptyFeatures) kept.push(j)
        continue
      }
      kept.push(j)
      if (strategy === 'mean') statistics[j] = vals.reduce((a, b) => a + b, 0) / vals.length
      else if (strategy === 'median') statistics[j] = medianSorted(Float64Array.from(vals).sort())
      else statistics[j] = mostFrequent(vals)
    }
    this.state = { statistics, kept: Int32Array.from(kept) }
    return this
  }

  transform(X: MatrixLike): Matrix {
    const api = `${this.kind}.transform`
    const s = this.fitted('transform')
    const d = this.read(api, X)
    checkFeatures(api, d, s.statistics.length)
    const out = new Matrix(d.rows, s.kept.length)
    for (let i = 0; i < d.rows; i++) {
      for (let k = 0; k < s.kept.length; k++) {
        const j = s.kept[k]!
        const v = d.data[i * d.cols + j]!
        out.set(i, k, this.isMissing(v) ? s.statistics[j]! : v)
      }
    }
    return out
  }

  fitTransform(X: MatrixLike, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }
}

/** The most frequent value; the smallest among ties (scipy.stats.mode's rule). */
function mostFrequent(vals: number[]): number {
  const counts = new Map<number, number>()
  for (const v of vals) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best = Number.NaN
  let bestCount = 0
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && v < best)) {
      best = v
      bestCount = c
    }
  }
  return best
}
