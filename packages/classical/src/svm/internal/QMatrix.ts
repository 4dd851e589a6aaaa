/**
 * The Q matrices the SMO solver works on, after LIBSVM's SVC_Q and SVR_Q: Q_ij = y_i y_j K(x_i, x_j)
 * for classification and the doubled ±K matrix for epsilon-SVR. Rows come from an LRU cache and
 * are computed only over the solver's active prefix.
 */
import { type CacheDtype, KernelCache, type QRow } from './KernelCache.js'

export type { QRow }

import { dotsInto, type KernelSpec, kernelValue, LINEAR, POLY, powi, RBF } from './kernel.js'

/** What the solver needs from a Q matrix. */
export interface QMatrix {
  /** Diagonal Q_ii, permuted together with the solver's indices. */
  readonly QD: Float64Array
  /** Row i over positions [0, len); valid until the second next call to getQ. */
  getQ(i: number, len: number): QRow
  swapIndex(i: number, j: number): void
}

/** Scratch buffers for computing the missing entries of one kernel row. */
class RowScratch {
  readonly pos: Int32Array
  readonly offs: Int32Array
  readonly vals: Float64Array
  constructor(l: number) {
    this.pos = new Int32Array(l)
    this.offs = new Int32Array(l)
    this.vals = new Float64Array(l)
  }
}

/** Kernel values from dot products, for global rows gi and gj (norms only read by RBF). */
function kernelFromDot(spec: KernelSpec, s: number, sqi: number, sqj: number): number {
  const k = spec.kernel
  if (k === RBF) return Math.exp(-spec.gamma * (sqi + sqj - 2 * s))
  if (k === LINEAR) return s
  if (k === POLY) return powi(spec.gamma * s + spec.coef0, spec.degree)
  return Math.tanh(spec.gamma * s + spec.coef0)
}

/**
 * Fills row[start..len) with sign_i * sign[j] * K(x[idx[i]], x[idx[j]]), or with K itself when
 * `sign` is null.
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
  scratch: RowScratch,
): void {
  const gi = idx[i]
  const sqi = sq[gi]
  const cnt = len - start
  const { offs, vals } = scratch
  for (let t = 0; t < cnt; t++) offs[t] = idx[start + t] * d
  dotsInto(data, gi * d, data, offs, cnt, d, vals)
  for (let t = 0; t < cnt; t++) {
    const j = start + t
    const kv = kernelFromDot(spec, vals[t], sqi, sq[idx[j]])
    row[j] = sign === null ? kv : signI * sign[j] * kv
  }
}

/**
 * The whole n × n kernel matrix of a training set, filled lazily (NaN = not yet computed) and
 * symmetrically. One-vs-one training solves k(k-1)/2 sub-problems over overlapping rows; sharing
 * kernel values between them (and using K's symmetry) halves the kernel evaluations on digits.
 * Used only when n² entries fit in the cache budget.
 */
export class GramCache {
  readonly K: Float32Array | Float64Array
  readonly scratch: RowScratch
  constructor(
    readonly spec: KernelSpec,
    readonly data: Float64Array,
    readonly n: number,
    readonly d: number,
    readonly sq: Float64Array,
    dtype: CacheDtype,
  ) {
    this.K = dtype === 'float32' ? new Float32Array(n * n) : new Float64Array(n * n)
    this.K.fill(Number.NaN)
    this.scratch = new RowScratch(n)
  }

  /** Bytes needed for n rows at the given precision. */
  static bytes(n: number, dtype: CacheDtype): number {
    return n * n * (dtype === 'float32' ? 4 : 8)
  }
}

function fillFromGram(
  gram: GramCache,
  idx: Int32Array,
  sign: Int8Array,
  i: number,
  row: QRow,
  start: number,
  len: number,
): void {
  const { K, n, d, data, sq, spec } = gram
  const { pos, offs, vals } = gram.scratch
  const gi = idx[i]
  const base = gi * n
  const sqi = sq[gi]
  const si = sign[i]
  let cnt = 0
  for (let j = start; j < len; j++) {
    const gj = idx[j]
    const kv = K[base + gj]
    if (Number.isNaN(kv)) {
      pos[cnt] = j
      offs[cnt++] = gj * d
    } else row[j] = si * sign[j] * kv
  }
  if (cnt === 0) return
  dotsInto(data, gi * d, data, offs, cnt, d, vals)
  for (let t = 0; t < cnt; t++) {
    const j = pos[t]
    const gj = idx[j]
    K[base + gj] = kernelFromDot(spec, vals[t], sqi, sq[gj])
    K[gj * n + gi] = K[base + gj]
    row[j] = si * sign[j] * K[base + gj]
  }
}

/** Q for C-SVC on a subset of the rows of `data` (the positions are permuted by shrinking). */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array
  private readonly idx: Int32Array
  private readonly y: Int8Array
  private readonly cache: KernelCache
  private readonly scratch: RowScratch | null

  constructor(
    private readonly spec: KernelSpec,
    private readonly data: Float64Array,
    private readonly d: number,
    private readonly sq: Float64Array,
    rows: Int32Array,
    y: Int8Array,
    cacheBytes: number,
    dtype: CacheDtype,
    private readonly gram: GramCache | null = null,
  ) {
    const l = rows.length
    this.idx = Int32Array.from(rows)
    this.y = Int8Array.from(y)
    this.cache = new KernelCache(l, cacheBytes, dtype)
    this.scratch = gram === null ? new RowScratch(l) : null
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
      if (this.gram !== null) fillFromGram(this.gram, this.idx, this.y, i, row, start, len)
      else
        fillKernelRow(
          this.spec,
          this.data,
          this.d,
          this.sq,
          this.idx,
          this.y,
          i,
          this.y[i],
          row,
          start,
          len,
          this.scratch!,
        )
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
  private readonly scratch: RowScratch
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
    this.scratch = new RowScratch(l)
  }

  getQ(i: number, len: number): QRow {
    const realI = this.index[i]
    const l = this.l
    if (this.cache.request(realI) < l) {
      fillKernelRow(
        this.spec,
        this.data,
        this.d,
        this.sq,
        this.rows,
        null,
        realI,
        1,
        this.cache.row(realI),
        0,
        l,
        this.scratch,
      )
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
