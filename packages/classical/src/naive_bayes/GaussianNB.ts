/** Gaussian naive Bayes with scikit-learn's variance smoothing. */
import type { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { InputError } from '../errors.js'
import {
  checkRange,
  checkXyDense,
  denseToMatrix,
  encodeLabels,
  type MatrixLike,
  toDenseFitted,
  type VectorLike,
} from '../internal/validation.js'
import { align16, copyRowsInto, denseKernels } from '../internal/wasm/DenseKernels.js'
import { registerEstimator } from '../serialization/registry.js'

/** Options of GaussianNB. */
export interface GaussianNBParams {
  /** Fraction of the largest feature variance added to every variance. Default 1e-9. */
  varSmoothing: number
  /** Class priors (in sorted-class order); default: class frequencies. */
  priors: number[] | undefined
}

/** Fitted state: per-class means, variances and priors. */
export interface GaussianNBState {
  classes: Float64Array
  /** classes × features, row-major. */
  theta: Float64Array
  variance: Float64Array
  classPrior: Float64Array
  nFeatures: number
}

/**
 * Gaussian naive Bayes classifier.
 * @example
 * const nb = new GaussianNB().fit(X, y)
 * nb.predictProba(Xtest)
 */
export class GaussianNB extends BaseClassifier<GaussianNBParams, GaussianNBState> {
  readonly kind = 'GaussianNB'

  constructor(options: Partial<GaussianNBParams> = {}) {
    super({ varSmoothing: 1e-9, priors: undefined }, options)
  }

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const vs = checkRange(
      this.params.varSmoothing,
      'varSmoothing',
      api,
      0,
      Number.POSITIVE_INFINITY,
    )
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(yv, api)
    const K = classes.length
    const { data, rows: n, cols: d } = Xd
    // Two row-wise passes: per-class sums, then squared deviations from the class means. The
    // global variance (for the smoothing epsilon) follows from those without a third pass:
    // Σ (x − m)² = Σ_c [Σ_{i∈c} (x − θ_c)² + n_c (θ_c − m)²].
    const theta = new Float64Array(K * d)
    const variance = new Float64Array(K * d)
    const count = new Float64Array(K)
    for (let i = 0; i < n; i++) {
      const c = encoded[i] as number
      count[c] = (count[c] as number) + 1
      const off = i * d
      const to = c * d
      for (let j = 0; j < d; j++)
        theta[to + j] = (theta[to + j] as number) + (data[off + j] as number)
    }
    const gMean = new Float64Array(d)
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < d; j++) {
        gMean[j] = (gMean[j] as number) + (theta[c * d + j] as number)
        theta[c * d + j] = (theta[c * d + j] as number) / (count[c] as number)
      }
    }
    for (let j = 0; j < d; j++) gMean[j] = (gMean[j] as number) / n
    for (let i = 0; i < n; i++) {
      const to = (encoded[i] as number) * d
      const off = i * d
      for (let j = 0; j < d; j++) {
        const dc = (data[off + j] as number) - (theta[to + j] as number)
        variance[to + j] = (variance[to + j] as number) + dc * dc
      }
    }
    const gVar = new Float64Array(d)
    for (let c = 0; c < K; c++) {
      const nc = count[c] as number
      for (let j = 0; j < d; j++) {
        const dm = (theta[c * d + j] as number) - (gMean[j] as number)
        gVar[j] = (gVar[j] as number) + (variance[c * d + j] as number) + nc * dm * dm
      }
    }
    let maxVar = 0
    for (let j = 0; j < d; j++) maxVar = Math.max(maxVar, (gVar[j] as number) / n)
    const eps = vs * maxVar
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < d; j++) {
        variance[c * d + j] = (variance[c * d + j] as number) / (count[c] as number) + eps
      }
    }
    let classPrior: Float64Array
    if (this.params.priors !== undefined) {
      const pr = this.params.priors
      const sum = pr.reduce((a, b) => a + b, 0)
      if (pr.length !== K || pr.some((v) => !(v >= 0)) || Math.abs(sum - 1) > 1e-8) {
        throw new InputError(
          `${api}: priors ${JSON.stringify(pr)}; expected ${K} non-negative values summing to 1`,
        )
      }
      classPrior = Float64Array.from(pr)
    } else {
      classPrior = count.map((c) => c / n)
    }
    for (let k = 0; k < K * d; k++) {
      if (!((variance[k] as number) > 0)) {
        throw new InputError(
          `${api}: class ${classes[Math.floor(k / d)]} has zero variance in feature ${k % d} and the smoothing varSmoothing · (largest feature variance = ${maxVar}) is 0; expected some variance or a positive varSmoothing`,
        )
      }
    }
    this.state = { classes, theta, variance, classPrior, nFeatures: d }
    return this
  }

  /** Joint log-likelihood log P(x, c) per class (before normalisation). */
  jointLogLikelihood(X: MatrixLike): Matrix {
    const s = this.fittedState('jointLogLikelihood')
    return toMatrix(this.jllCopy(s, X, `${this.kind}.jointLogLikelihood`), s.classes.length)
  }

  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    const K = s.classes.length
    const J = this.jllCopy(s, X, `${this.kind}.predictProba`)
    const n = J.length / K
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY
      for (let c = 0; c < K; c++) max = Math.max(max, J[i * K + c] as number)
      let sum = 0
      for (let c = 0; c < K; c++) sum += Math.exp((J[i * K + c] as number) - max)
      const lse = max + Math.log(sum)
      for (let c = 0; c < K; c++) J[i * K + c] = Math.exp((J[i * K + c] as number) - lse)
    }
    return toMatrix(J, K)
  }

  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const K = s.classes.length
    const { J, off, stride, n } = this.jll(s, X, `${this.kind}.predict`)
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const o = off + i * stride
      let best = 0
      let bestV = J[o] as number
      for (let c = 1; c < K; c++) {
        const v = J[o + c] as number
        if (v > bestV) {
          best = c
          bestV = v
        }
      }
      out[i] = s.classes[best] as number
    }
    return out
  }

  /** The joint log-likelihoods as an owned n × classes array. */
  private jllCopy(s: GaussianNBState, X: MatrixLike, api: string): Float64Array {
    const K = s.classes.length
    const { J, off, stride, n } = this.jll(s, X, api)
    if (off === 0 && stride === K && J.length === n * K) return J
    const out = new Float64Array(n * K)
    for (let i = 0; i < n; i++) out.set(J.subarray(off + i * stride, off + i * stride + K), i * K)
    return out
  }

  /**
   * Joint log-likelihoods: row i, class c at J[off + i · stride + c]. J is the WebAssembly
   * kernel's memory (valid until the next kernel call) or, on the TypeScript path, a fresh array.
   */
  private jll(
    s: GaussianNBState,
    X: MatrixLike,
    api: string,
  ): { J: Float64Array; off: number; stride: number; n: number } {
    const p = prepared(s)
    const d = s.nFeatures
    const kern = denseKernels()
    if (kern !== null) {
      // An array of rows is copied straight into kernel memory (no intermediate dense copy);
      // anything else goes through toDenseFitted first.
      const rows = Array.isArray(X) ? X.length : 0
      const Q = rows > 0 ? null : toDenseFitted(X, d, api)
      const n = Q === null ? rows : Q.rows
      // Layout (bytes): θᵀ, (1/v)ᵀ, base, X, J; kp is even, so every block stays 16-aligned.
      const kp = p.kp
      const aIv = d * kp * 8
      const aBase = 2 * aIv
      const aX = aBase + kp * 8
      const aJ = align16(aX + n * d * 8)
      const mem = kern.reserve(aJ + n * kp * 8)
      if (mem !== null && (Q !== null || copyRowsInto(X, d, mem, aX / 8) === n)) {
        if (Q !== null) mem.set(Q.data, aX / 8)
        mem.set(p.thetaT, 0)
        mem.set(p.invT, aIv / 8)
        mem.set(p.baseP, aBase / 8)
        kern.ex.gnbJll(aX, n, d, 0, aIv, aBase, kp, aJ)
        const off = aJ / 8
        // Rows copied unchecked: any NaN or infinity in X makes its row's likelihoods non-finite,
        // and only then is X validated in full (which throws, naming the value).
        if (Q === null) {
          const K = s.classes.length
          for (let i = 0; i < n; i++) {
            for (let c = 0; c < K; c++) {
              if (!Number.isFinite(mem[off + i * kp + c] as number)) {
                toDenseFitted(X, d, api)
                i = n
                break
              }
            }
          }
        }
        return { J: mem, off, stride: kp, n }
      }
    }
    const Q = toDenseFitted(X, d, api)
    return { J: jllTs(s, p, Q.data, Q.rows), off: 0, stride: s.classes.length, n: Q.rows }
  }
}

/** Per-model constants of the likelihood, derived once from the fitted state. */
interface Prepared {
  /** K × d inverse variances and K log-normalisers plus log priors (TypeScript loop). */
  inv: Float64Array
  base: Float64Array
  /** The same, transposed d × kp with kp = K rounded up to even (zero padding), for the kernel. */
  kp: number
  thetaT: Float64Array
  invT: Float64Array
  baseP: Float64Array
}

const preparedCache = new WeakMap<GaussianNBState, Prepared>()

/** Per-class constants once (log-normaliser plus log prior, and 1/variance): no log or division per sample. */
function prepared(s: GaussianNBState): Prepared {
  let p = preparedCache.get(s)
  if (p !== undefined) return p
  const K = s.classes.length
  const d = s.nFeatures
  const inv = new Float64Array(K * d)
  const base = new Float64Array(K)
  for (let c = 0; c < K; c++) {
    let norm = 0
    for (let j = 0; j < d; j++) {
      const v = s.variance[c * d + j] as number
      norm += Math.log(2 * Math.PI * v)
      inv[c * d + j] = 1 / v
    }
    base[c] = Math.log(s.classPrior[c] as number) - 0.5 * norm
  }
  const kp = K + (K & 1)
  const thetaT = new Float64Array(d * kp)
  const invT = new Float64Array(d * kp)
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < d; j++) {
      thetaT[j * kp + c] = s.theta[c * d + j] as number
      invT[j * kp + c] = inv[c * d + j] as number
    }
  }
  const baseP = new Float64Array(kp)
  baseP.set(base)
  p = { inv, base, kp, thetaT, invT, baseP }
  preparedCache.set(s, p)
  return p
}

/** The TypeScript loop: row-major n × K joint log-likelihoods. */
function jllTs(s: GaussianNBState, p: Prepared, data: Float64Array, n: number): Float64Array {
  const K = s.classes.length
  const d = s.nFeatures
  const J = new Float64Array(n * K)
  const theta = s.theta
  const { inv, base } = p
  for (let i = 0; i < n; i++) {
    const off = i * d
    const jo = i * K
    let c = 0
    // Four (then two) classes per pass over the row: each x loaded once feeds several sums,
    // and every sum keeps its order over j (results identical to one class at a time).
    for (; c + 3 < K; c += 4) {
      const t0 = c * d
      const t1 = t0 + d
      const t2 = t1 + d
      const t3 = t2 + d
      let q0 = 0
      let q1 = 0
      let q2 = 0
      let q3 = 0
      for (let j = 0; j < d; j++) {
        const x = data[off + j] as number
        const a = x - (theta[t0 + j] as number)
        const b = x - (theta[t1 + j] as number)
        const e = x - (theta[t2 + j] as number)
        const f = x - (theta[t3 + j] as number)
        q0 += a * a * (inv[t0 + j] as number)
        q1 += b * b * (inv[t1 + j] as number)
        q2 += e * e * (inv[t2 + j] as number)
        q3 += f * f * (inv[t3 + j] as number)
      }
      J[jo + c] = (base[c] as number) - 0.5 * q0
      J[jo + c + 1] = (base[c + 1] as number) - 0.5 * q1
      J[jo + c + 2] = (base[c + 2] as number) - 0.5 * q2
      J[jo + c + 3] = (base[c + 3] as number) - 0.5 * q3
    }
    for (; c + 1 < K; c += 2) {
      const t0 = c * d
      const t1 = t0 + d
      let q0 = 0
      let q1 = 0
      for (let j = 0; j < d; j++) {
        const x = data[off + j] as number
        const a = x - (theta[t0 + j] as number)
        const b = x - (theta[t1 + j] as number)
        q0 += a * a * (inv[t0 + j] as number)
        q1 += b * b * (inv[t1 + j] as number)
      }
      J[jo + c] = (base[c] as number) - 0.5 * q0
      J[jo + c + 1] = (base[c + 1] as number) - 0.5 * q1
    }
    for (; c < K; c++) {
      const to = c * d
      let q = 0
      for (let j = 0; j < d; j++) {
        const diff = (data[off + j] as number) - (theta[to + j] as number)
        q += diff * diff * (inv[to + j] as number)
      }
      J[jo + c] = (base[c] as number) - 0.5 * q
    }
  }
  return J
}

function toMatrix(data: Float64Array, cols: number): Matrix {
  return denseToMatrix({ data, rows: data.length / cols, cols })
}

registerEstimator('GaussianNB', (json) => GaussianNB.fromJSON(json))
