/** Scaling of each sample (row) to unit norm. */
import type { Matrix } from 'ml-matrix'
import { InvalidOptionError } from '../errors.js'
import { checkFeatures, toDense, toMatrix } from '../internal/dense.js'
import type { MatrixLike } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

export interface NormalizerOptions {
  /** 'l2' (default), 'l1' or 'max'. */
  norm: 'l1' | 'l2' | 'max'
}

/**
 * Divides every row by its norm, as scikit-learn's `Normalizer` (stateless: `fit` only records
 * the feature count; all-zero rows stay zero).
 *
 * @example
 * new Normalizer().fitTransform([[3, 4]]).to2DArray() // [[0.6, 0.8]]
 */
export class Normalizer extends Preprocessor<NormalizerOptions, { nFeatures: number }> {
  readonly kind = 'Normalizer'

  constructor(options: Partial<NormalizerOptions> = {}) {
    super({ norm: 'l2' }, options)
  }

  fit(X: MatrixLike, _y?: unknown): this {
    const api = `${this.kind}.fit`
    this.checkNorm(api)
    this.state = { nFeatures: toDense(api, X, false).cols }
    return this
  }

  private checkNorm(api: string): void {
    const n = this.params.norm
    if (n !== 'l1' && n !== 'l2' && n !== 'max') {
      throw new InvalidOptionError(`${api}: norm is ${String(n)}; expected 'l1', 'l2' or 'max'`)
    }
  }

  transform(X: MatrixLike): Matrix {
    const api = `${this.kind}.transform`
    const s = this.fitted('transform')
    this.checkNorm(api)
    const d = toDense(api, X, false)
    checkFeatures(api, d, s.nFeatures)
    const { norm } = this.params
    for (let i = 0; i < d.rows; i++) {
      const o = i * d.cols
      let nrm = 0
      for (let j = 0; j < d.cols; j++) {
        const v = d.data[o + j]!
        if (norm === 'l1') nrm += Math.abs(v)
        else if (norm === 'l2') nrm += v * v
        else nrm = Math.max(nrm, Math.abs(v))
      }
      if (norm === 'l2') nrm = Math.sqrt(nrm)
      if (nrm === 0) continue
      for (let j = 0; j < d.cols; j++) d.data[o + j] = d.data[o + j]! / nrm
    }
    return toMatrix(d)
  }

  fitTransform(X: MatrixLike, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }
}
