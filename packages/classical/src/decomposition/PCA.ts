/** Principal component analysis by full SVD of the centred data, with scikit-learn's sign convention. */
import { Matrix, SingularValueDecomposition } from 'ml-matrix'
import { BaseTransformer } from '../base/BaseTransformer.js'
import { InputError } from '../errors.js'
import { centerColumns, columnMeans } from '../internal/linalg.js'
import {
  checkNFeatures,
  denseToMatrix,
  type MatrixLike,
  toDense,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'

/** Options of PCA. */
export interface PCAParams {
  /**
   * Components kept: an integer, a fraction in (0, 1) (keep enough components to explain that
   * share of the variance), or undefined for min(samples, features).
   */
  nComponents: number | undefined
  /** Scale the projections to unit variance. Default false. */
  whiten: boolean
}

/** Fitted state. */
export interface PCAState {
  mean: Float64Array
  /** nComponents × features, row-major. */
  components: Float64Array
  explainedVariance: Float64Array
  explainedVarianceRatio: Float64Array
  singularValues: Float64Array
  nFeatures: number
}

/**
 * PCA.
 * @example
 * const pca = new PCA({ nComponents: 2 }).fit(X)
 * pca.transform(X) // Matrix n × 2
 * pca.explainedVarianceRatio
 */
export class PCA extends BaseTransformer<PCAParams, PCAState> {
  readonly kind = 'PCA'

  constructor(options: Partial<PCAParams> = {}) {
    super({ nComponents: undefined, whiten: false }, options)
  }

  fit(X: MatrixLike, _y?: VectorLike): this {
    const api = `${this.kind}.fit`
    const Xd = toDense(X, api)
    const { rows: n, cols: d } = Xd
    if (n < 2) throw new InputError(`${api}: X has ${n} sample; expected at least 2 samples`)
    const maxK = Math.min(n, d)
    const nc = this.params.nComponents
    if (
      nc !== undefined &&
      !(typeof nc === 'number' && nc > 0 && (nc < 1 || (Number.isInteger(nc) && nc <= maxK)))
    ) {
      throw new InputError(
        `${api}: nComponents = ${String(nc)}; expected an integer in [1, ${maxK}] or a fraction in (0, 1)`,
      )
    }
    const mean = columnMeans(Xd)
    const Xc = centerColumns(Xd, mean)
    const svd = new SingularValueDecomposition(denseToMatrix(Xc), { autoTranspose: true })
    const s = svd.diagonal
    const U = svd.leftSingularVectors
    const V = svd.rightSingularVectors
    let total = 0
    for (const v of s) total += v * v
    const r = s.length
    // svd_flip (u-based): the largest-magnitude entry of each U column is made positive.
    const signs = new Float64Array(r)
    for (let k = 0; k < r; k++) {
      let big = 0
      for (let i = 0; i < U.rows; i++) if (Math.abs(U.get(i, k)) > Math.abs(big)) big = U.get(i, k)
      signs[k] = big < 0 ? -1 : 1
    }
    let k = nc === undefined ? maxK : (nc as number)
    if (k < 1) {
      let cum = 0
      let kk = 0
      while (kk < r) {
        cum += (s[kk] as number) ** 2 / total
        kk++
        if (cum > (nc as number) - 1e-12) break
      }
      k = kk
    }
    const components = new Float64Array(k * d)
    const explainedVariance = new Float64Array(k)
    const explainedVarianceRatio = new Float64Array(k)
    const singularValues = new Float64Array(k)
    for (let c = 0; c < k; c++) {
      const sv = c < r ? (s[c] as number) : 0
      singularValues[c] = sv
      explainedVariance[c] = (sv * sv) / (n - 1)
      explainedVarianceRatio[c] = total > 0 ? (sv * sv) / total : 0
      for (let j = 0; j < d; j++)
        components[c * d + j] = c < r ? (signs[c] as number) * V.get(j, c) : 0
    }
    this.state = {
      mean,
      components,
      explainedVariance,
      explainedVarianceRatio,
      singularValues,
      nFeatures: d,
    }
    return this
  }

  transform(X: MatrixLike): Matrix {
    const s = this.fittedState('transform')
    const api = `${this.kind}.transform`
    const Q = toDense(X, api)
    checkNFeatures(Q, s.nFeatures, api)
    const d = s.nFeatures
    const k = s.explainedVariance.length
    const out = new Matrix(Q.rows, k)
    for (let i = 0; i < Q.rows; i++) {
      for (let c = 0; c < k; c++) {
        let v = 0
        for (let j = 0; j < d; j++)
          v +=
            ((Q.data[i * d + j] as number) - (s.mean[j] as number)) *
            (s.components[c * d + j] as number)
        if (this.params.whiten) v /= Math.sqrt(s.explainedVariance[c] as number)
        out.set(i, c, v)
      }
    }
    return out
  }

  /** Maps projections back to feature space. */
  inverseTransform(Z: MatrixLike): Matrix {
    const s = this.fittedState('inverseTransform')
    const api = `${this.kind}.inverseTransform`
    const Zd = toDense(Z, api)
    const k = s.explainedVariance.length
    checkNFeatures(Zd, k, api)
    const d = s.nFeatures
    const out = new Matrix(Zd.rows, d)
    for (let i = 0; i < Zd.rows; i++) {
      for (let j = 0; j < d; j++) {
        let v = s.mean[j] as number
        for (let c = 0; c < k; c++) {
          const z =
            (Zd.data[i * k + c] as number) *
            (this.params.whiten ? Math.sqrt(s.explainedVariance[c] as number) : 1)
          v += z * (s.components[c * d + j] as number)
        }
        out.set(i, j, v)
      }
    }
    return out
  }

  /** Principal axes: nComponents × features. */
  get components(): Matrix {
    const s = this.fittedState('components')
    const k = s.explainedVariance.length
    return new Matrix(
      Array.from({ length: k }, (_, c) =>
        Array.from(s.components.subarray(c * s.nFeatures, (c + 1) * s.nFeatures)),
      ),
    )
  }

  get explainedVariance(): Float64Array {
    return this.fittedState('explainedVariance').explainedVariance.slice()
  }

  get explainedVarianceRatio(): Float64Array {
    return this.fittedState('explainedVarianceRatio').explainedVarianceRatio.slice()
  }

  get singularValues(): Float64Array {
    return this.fittedState('singularValues').singularValues.slice()
  }

  get mean(): Float64Array {
    return this.fittedState('mean').mean.slice()
  }
}

registerEstimator('PCA', (json) => PCA.fromJSON(json))
