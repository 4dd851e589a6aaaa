/** Principal component analysis by full SVD of the centred data, with scikit-learn's sign convention. */
import { Matrix, SingularValueDecomposition } from 'ml-matrix'
import { BaseTransformer } from '../base/BaseTransformer.js'
import { InputError, ParameterError } from '../errors.js'
import { centerColumns, columnMeans, gram } from '../internal/linalg.js'
import { symmetricEigen } from '../internal/symmetricEigen.js'
import {
  checkNFeatures,
  type Dense,
  denseToMatrix,
  type MatrixLike,
  toDense,
  toDenseFitted,
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

interface Decomposition {
  /** Singular values of the centred data, descending. */
  s: Float64Array
  /** Right singular vectors as columns (features × r). */
  V: Matrix
  /** svd_flip (u-based): the sign making the largest-magnitude entry of each U column positive. */
  signs: Float64Array
}

/**
 * n >= d: eigen-decomposition of the d × d scatter matrix Xcᵀ Xc — O(n d²) with a tiny
 * eigenproblem, much faster than a full SVD of the n × d data, and accurate for the leading
 * components PCA keeps.
 */
function eigenPath(Xc: Dense, kSigns: number): Decomposition {
  const { rows: n, cols: d, data } = Xc
  const { values: vals, vectors: E } = symmetricEigen(gram(Xc), d)
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (a, b) => (vals[b] as number) - (vals[a] as number),
  )
  const s = new Float64Array(d)
  const V = new Matrix(d, d)
  const signs = new Float64Array(d).fill(1)
  const v = new Float64Array(d)
  for (let c = 0; c < d; c++) {
    const src = order[c] as number
    s[c] = Math.sqrt(Math.max(0, vals[src] as number))
    for (let j = 0; j < d; j++) {
      v[j] = E[j * d + src] as number
      V.set(j, c, v[j] as number)
    }
    // U column c is Xc v / s: its largest-magnitude entry decides the sign (only kept components need it).
    if (c >= kSigns) continue
    let big = 0
    for (let i = 0; i < n; i++) {
      let u = 0
      const off = i * d
      for (let j = 0; j < d; j++) u += (data[off + j] as number) * (v[j] as number)
      if (Math.abs(u) > Math.abs(big)) big = u
    }
    signs[c] = big < 0 ? -1 : 1
  }
  return { s, V, signs }
}

/** n < d: full SVD (ml-matrix transposes internally). */
function svdPath(Xc: Dense): Decomposition {
  const svd = new SingularValueDecomposition(denseToMatrix(Xc), { autoTranspose: true })
  const s = Float64Array.from(svd.diagonal)
  const U = svd.leftSingularVectors
  const signs = new Float64Array(s.length)
  for (let k = 0; k < s.length; k++) {
    let big = 0
    for (let i = 0; i < U.rows; i++) if (Math.abs(U.get(i, k)) > Math.abs(big)) big = U.get(i, k)
    signs[k] = big < 0 ? -1 : 1
  }
  return { s, V: svd.rightSingularVectors, signs }
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
      throw new ParameterError(
        `${api}: nComponents = ${String(nc)}; expected an integer in [1, ${maxK}] or a fraction in (0, 1)`,
      )
    }
    const mean = columnMeans(Xd)
    const Xc = centerColumns(Xd, mean)
    // A variance fraction needs the spectrum first, so it signs every component.
    const kSigns = nc !== undefined && nc >= 1 ? nc : maxK
    const { s, V, signs } = n >= d ? eigenPath(Xc, kSigns) : svdPath(Xc)
    let total = 0
    for (let t = 0; t < Xc.data.length; t++) total += (Xc.data[t] as number) ** 2
    const r = s.length
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
    const Q = toDenseFitted(X, s.nFeatures, api)
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
        // A zero-variance direction carries no signal: whitening maps it to 0, not NaN.
        if (this.params.whiten) {
          const ev = s.explainedVariance[c] as number
          v = ev > 0 ? v / Math.sqrt(ev) : 0
        }
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
    return denseToMatrix({ data: s.components, rows: k, cols: s.nFeatures })
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
