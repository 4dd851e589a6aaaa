/** Polynomial and interaction features, in scikit-learn's column order. */
import { Matrix } from 'ml-matrix'
import { BaseTransformer } from '../base/BaseTransformer.js'
import { InputError } from '../errors.js'
import {
  checkRange,
  type MatrixLike,
  toDense,
  toDenseFitted,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'

/** Options of PolynomialFeatures. */
export interface PolynomialFeaturesParams {
  /** Maximum total degree. Default 2. */
  degree: number
  /** Only products of distinct features (no x²). Default false. */
  interactionOnly: boolean
  /** Prepend a column of ones. Default true. */
  includeBias: boolean
}

/** Fitted state: the feature index tuple behind each output column. */
export interface PolynomialFeaturesState {
  nFeatures: number
  combinations: number[][]
}

/**
 * Generates all monomials of the features up to `degree`:
 * [1, a, b, a², ab, b²] for two features and degree 2.
 * @example
 * new PolynomialFeatures({ degree: 2 }).fitTransform([[2, 3]]).to2DArray() // [[1, 2, 3, 4, 6, 9]]
 */
export class PolynomialFeatures extends BaseTransformer<
  PolynomialFeaturesParams,
  PolynomialFeaturesState
> {
  readonly kind = 'PolynomialFeatures'

  constructor(options: Partial<PolynomialFeaturesParams> = {}) {
    super({ degree: 2, interactionOnly: false, includeBias: true }, options)
  }

  fit(X: MatrixLike, _y?: VectorLike): this {
    const api = `${this.kind}.fit`
    const degree = checkRange(this.params.degree, 'degree', api, 0, 20, { integer: true })
    const Xd = toDense(X, api)
    const d = Xd.cols
    const combinations: number[][] = []
    if (this.params.includeBias) combinations.push([])
    // Degree by degree, combinations (with replacement unless interactionOnly) in lexicographic order.
    let prev: number[][] = [[]]
    for (let deg = 1; deg <= degree; deg++) {
      const next: number[][] = []
      for (const c of prev) {
        const start =
          c.length === 0 ? 0 : (c[c.length - 1] as number) + (this.params.interactionOnly ? 1 : 0)
        for (let j = start; j < d; j++) next.push([...c, j])
      }
      combinations.push(...next)
      prev = next
    }
    if (combinations.length === 0) {
      throw new InputError(`${api}: degree 0 without includeBias produces no features`)
    }
    this.state = { nFeatures: d, combinations }
    return this
  }

  transform(X: MatrixLike): Matrix {
    const s = this.fittedState('transform')
    const api = `${this.kind}.transform`
    const Xd = toDenseFitted(X, s.nFeatures, api)
    const out = new Matrix(Xd.rows, s.combinations.length)
    for (let i = 0; i < Xd.rows; i++) {
      const off = i * Xd.cols
      for (let c = 0; c < s.combinations.length; c++) {
        let v = 1
        for (const j of s.combinations[c] as number[]) v *= Xd.data[off + j] as number
        out.set(i, c, v)
      }
    }
    return out
  }

  /** Number of output columns. */
  get nOutputFeatures(): number {
    return this.fittedState('nOutputFeatures').combinations.length
  }

  /** Output column names such as 'x0^2 x1' (or with the given input names). */
  featureNames(inputNames?: string[]): string[] {
    const s = this.fittedState('featureNames')
    const names = inputNames ?? Array.from({ length: s.nFeatures }, (_, j) => `x${j}`)
    return s.combinations.map((c) => {
      if (c.length === 0) return '1'
      const parts: string[] = []
      let k = 0
      while (k < c.length) {
        let e = 1
        while (k + e < c.length && c[k + e] === c[k]) e++
        const name = names[c[k] as number] as string
        parts.push(e === 1 ? name : `${name}^${e}`)
        k += e
      }
      return parts.join(' ')
    })
  }
}

registerEstimator('PolynomialFeatures', (json) => PolynomialFeatures.fromJSON(json))
