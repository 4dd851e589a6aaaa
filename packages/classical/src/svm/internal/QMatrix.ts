/**
 * The Q matrices the SMO solver works on, after LIBSVM's SVC_Q and SVR_Q: Q_ij = y_i y_j K(x_i, x_j)
 * for classification and the doubled ±K matrix for epsilon-SVR. Rows come from an LRU cache and
 * are computed only over the solver's active prefix.
 */
import { type CacheDtype, KernelCache, type QRow } from './KernelCache.js'
import { type KernelSpec, kernelValue, LINEAR, POLY, powi, RBF } from './kernel.js'

/** What the solver needs from a Q matrix. */
export interface QMatrix {
  /** Diagonal Q_ii, permuted together with the solver's indices. */
  readonly QD: Float64Array
  /** Row i over positions [0, len); valid until the second next call to getQ. */
  getQ(i: number, len: number): QRow
  swapIndex(i: number, j: number): void
}

/**
 * Fills row[start..len) with sign_i * sign[j] * K(x[idx[i]], x[idx[j]]). One loop per kernel
 * keeps the hot path free of branches.
 */
function fillKernelRow(
  spec: KernelSpec,
  data: Float64Array,
  d: number,
  sq: Float64Array,
  idx: Int32Array,
  sign: Int8Array | null,
  i: number,
  signI: number,
  row: QRow,
  start: number,
  len: number,
): void {
  const gi = idx[i]
  const xi = gi * d
  const sqi = sq[gi]
  const { kernel, gamma, coef0, degree } = spec
  for (let j = start; j < len; j++) {
    const gj = idx[j]
    const xj = gj * d
    let s = 0
    for (let k = 0; k < d; k++) s += data[xi + k] * data[xj + k]
    let kv: number
    if (kernel === RBF) kv = Math.exp(-gamma * (sqi + sq[gj] - 2 * s))
    else if (kernel === LINEAR) kv = s
    else if (kernel === POLY) kv = powi(gamma * s + coef0, degree)
    else kv = Math.tanh(gamma * s + coef0)
    row[j] = sign === null ? kv : signI * sign[j] * kv
  }
}

/** Q for C-SVC on a subset of the rows of `data` (the positions are permuted by shrinking). */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array
  private readonly idx: Int32Array
  private readonly y: Int8Array
  private readonly cache: KernelCache

  constructor(
    private readonly spec: KernelSpec,
    private readonly data: Float64Array,
    private readonly d: number,
    private readonly sq: Float64Array,
    rows: Int32Array,
    y: Int8Array,
    cacheBytes: number,
    dtype: CacheDtype,
  ) {
    const l = rows.length
    this.idx = Int32Array.from(rows)
    this.y = Int8Array.from(y)
    this.cache = new KernelCache(l, cacheBytes, dtype)
    this.QD = new Float64Array(l)
    for (let i = 0; i < l; i++) {
      const g = rows[i]
      this.QD[i] = kernelValue(spec, data, g * d, sq[g], data, g * d, sq[g], d)
    }
  }

  getQ(i: number, len: number): QRow {
    const start = this.cache.request(i)
    const row = this.cache.row(i)
    if (start < len) {
      fillKernelRow(this.spec, this.data, this.d, this.sq, this.idx, this.y, i, this.y[i], row, start, len)
      this.cache.setLen(i, len)
    }
    return row
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j)
    let t = this.idx[i]
    this.idx[i] = this.idx[j]
    this.idx[j] = t
    t = this.y[i]
    this.y[i] = this.y[j]
    this.y[j] = t
    const q = this.QD[i]
    this.QD[i] = this.QD[j]
    this.QD[j] = q
  }
}

/** Q for epsilon-SVR: 2l × 2l, built from an l × l kernel cache (LIBSVM's SVR_Q). */
export class SvrQ implements QMatrix {
  readonly QD: Float64Array
  private readonly sign: Int8Array
  private readonly index: Int32Array
  private readonly cache: KernelCache
  private readonly buffers: [QRow, QRow]
  private nextBuffer = 0
  private readonly l: number

  constructor(
    private readonly spec: KernelSpec,
    private readonly data: Float64Array,
    private readonly d: number,
    private readonly sq: Float64Array,
    private readonly rows: Int32Array,
    cacheBytes: number,
    dtype: CacheDtype,
  ) {
    const l = rows.length
    this.l = l
    this.cache = new KernelCache(l, cacheBytes, dtype)
    this.QD = new Float64Array(2 * l)
    this.sign = new Int8Array(2 * l)
    this.index = new Int32Array(2 * l)
    for (let k = 0; k < l; k++) {
      this.sign[k] = 1
      this.sign[k + l] = -1
      this.index[k] = k
      this.index[k + l] = k
      const g = rows[k]
      this.QD[k] = kernelValue(spec, data, g * d, sq[g], data, g * d, sq[g], d)
      this.QD[k + l] = this.QD[k]
    }
    const make = () => (dtype === 'float32' ? new Float32Array(2 * l) : new Float64Array(2 * l))
    this.buffers = [make(), make()]
  }

  getQ(i: number, len: number): QRow {
    const realI = this.index[i]
    const l = this.l
    if (this.cache.request(realI) < l) {
      fillKernelRow(this.spec, this.data, this.d, this.sq, this.rows, null, realI, 1, this.cache.row(realI), 0, l)
      this.cache.setLen(realI, l)
    }
    const data = this.cache.row(realI)
    const buf = this.buffers[this.nextBuffer]
    this.nextBuffer = 1 - this.nextBuffer
    const si = this.sign[i]
    const sign = this.sign
    const index = this.index
    for (let j = 0; j < len; j++) buf[j] = si * sign[j] * data[index[j]]
    return buf
  }

  swapIndex(i: number, j: number): void {
    let t = this.sign[i]
    this.sign[i] = this.sign[j]
    this.sign[j] = t
    t = this.index[i]
    this.index[i] = this.index[j]
    this.index[j] = t
    const q = this.QD[i]
    this.QD[i] = this.QD[j]
    this.QD[j] = q
  }
}
