/**
 * The Q matrices the SMO solver works on, after LIBSVM's SVC_Q and SVR_Q: Q_ij = y_i y_j K(x_i, x_j)
 * for classification and the doubled ±K matrix for epsilon-SVR. Rows come from an LRU cache and
 * are computed only over the solver's active prefix; dot products go through a DotEngine
 * (WebAssembly SIMD when available).
 */
import type { DotEngine } from './DotEngine.js'
import { fdlibmExp } from './fdlibmExp.js'
import { type CacheDtype, KernelCache, type QRow, type RowPool } from './KernelCache.js'
import { type KernelSpec, powi } from './kernel.js'
import type { SolverArena, SolverVectors } from './SolverArena.js'
import { scratchF64, scratchI8, scratchI32 } from './scratch.js'

// Kernel ids as local constants: hot loops must not read imported bindings (some loaders turn
// them into getter calls).
const RBF = 2
const LINEAR = 0
const POLY = 1

export type { QRow }

/** What the solver needs from a Q matrix. */
export interface QMatrix {
  /** Diagonal Q_ii, permuted together with the solver's indices. */
  readonly QD: Float64Array
  /** Row i over positions [0, len); valid until the second next call to getQ. */
  getQ(i: number, len: number): QRow
  swapIndex(i: number, j: number): void
}

/** Kernel value from a dot product and the two rows' squared norms (read by RBF only). */
export function kernelFromDot(spec: KernelSpec, s: number, sqi: number, sqj: number): number {
  const k = spec.kernel
  if (k === RBF) return fdlibmExp(-spec.gamma * (sqi + sqj - 2 * s))
  if (k === LINEAR) return s
  if (k === POLY) return powi(spec.gamma * s + spec.coef0, spec.degree)
  return Math.tanh(spec.gamma * s + spec.coef0)
}

/** The training rows, their squared norms and the engine computing their dot products. */
export interface KernelData {
  spec: KernelSpec
  engine: DotEngine
  sq: Float64Array
}

/**
 * The whole n × n kernel matrix of a training set, filled lazily (NaN = not yet computed) and
 * symmetrically. One-vs-one training solves k(k-1)/2 sub-problems over overlapping rows; sharing
 * kernel values between them (and using K's symmetry) halves the kernel evaluations on digits.
 * Used only when n² entries fit in the cache budget.
 */
export class GramCache {
  readonly K: Float32Array | Float64Array
  readonly pos: Int32Array
  readonly rows: Int32Array
  readonly vals: Float64Array
  /** True for an arena's K, where missing entries are 0 rather than NaN (see SolverArena). */
  private readonly zeroMissing: boolean
  /**
   * `maxLen`: the longest row a solver will ask for (2n for SVR's doubled problem). With an
   * `arena` hosting this RBF Gram matrix (SolverArena.create with an ArenaGram), K is the
   * arena's and rows are filled in WebAssembly when the solver's vectors live there too.
   */
  constructor(
    readonly kd: KernelData,
    readonly n: number,
    dtype: CacheDtype,
    maxLen = n,
    private readonly arena: SolverArena | null = null,
  ) {
    this.zeroMissing = arena?.K != null
    if (arena?.K) this.K = arena.K
    else {
      this.K = dtype === 'float32' ? new Float32Array(n * n) : new Float64Array(n * n)
      this.K.fill(Number.NaN)
    }
    this.pos = scratchI32(maxLen)
    this.rows = scratchI32(maxLen)
    this.vals = scratchF64(maxLen)
  }

  /** Bytes needed for n rows at the given precision. */
  static bytes(n: number, dtype: CacheDtype): number {
    return n * n * (dtype === 'float32' ? 4 : 8)
  }

  /** row[j] = si·sign[j]·K(idx[i], idx[j]) for j in [start, len), computing missing entries. */
  fill(idx: Int32Array, sign: Int8Array, i: number, row: QRow, start: number, len: number): void {
    // The arena's fill needs the arena's idx / sign vectors (SvcQ built with its vectors).
    if (this.arena !== null && idx.buffer === this.arena.buffer) {
      if (this.arena.gramFill(i, row, start, len)) return
    }
    const { K, n, pos, rows, vals } = this
    const zeroMissing = this.zeroMissing
    const { spec, engine, sq } = this.kd
    const gi = idx[i]
    const base = gi * n
    const si = sign[i]
    let cnt = 0
    for (let j = start; j < len; j++) {
      const gj = idx[j]
      const kv = K[base + gj]
      if (Number.isNaN(kv) || (zeroMissing && kv === 0)) {
        pos[cnt] = j
        rows[cnt++] = gj
      } else row[j] = si * sign[j] * kv
    }
    if (cnt === 0) return
    engine.dots(gi, rows, 0, cnt, vals)
    const sqi = sq[gi]
    if (spec.kernel === RBF) {
      const g = spec.gamma
      for (let t = 0; t < cnt; t++) {
        const gj = rows[t]
        K[base + gj] = fdlibmExp(-g * (sqi + sq[gj] - 2 * vals[t]))
        const kv = K[base + gj]
        K[gj * n + gi] = kv
        const j = pos[t]
        row[j] = si * sign[j] * kv
      }
    } else {
      for (let t = 0; t < cnt; t++) {
        const gj = rows[t]
        K[base + gj] = kernelFromDot(spec, vals[t], sqi, sq[gj])
        const kv = K[base + gj]
        K[gj * n + gi] = kv
        const j = pos[t]
        row[j] = si * sign[j] * kv
      }
    }
  }
}

/** Q for C-SVC on a subset of the training rows (the positions are permuted by shrinking). */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array
  private readonly idx: Int32Array
  private readonly y: Int8Array
  private readonly cache: KernelCache
  private readonly vals: Float64Array

  constructor(
    private readonly kd: KernelData,
    rows: Int32Array,
    y: Int8Array,
    cacheBytes: number,
    dtype: CacheDtype,
    private readonly gram: GramCache | null = null,
    pool?: RowPool,
    /** Storage for QD, idx and y (length l): views into a SolverArena. */
    vec?: SolverVectors,
  ) {
    const l = rows.length
    this.idx = vec ? vec.idx : scratchI32(l)
    this.idx.set(rows)
    this.y = vec ? vec.sign : scratchI8(l)
    this.y.set(y)
    this.cache = new KernelCache(l, cacheBytes, dtype, pool)
    this.vals = scratchF64(l)
    this.QD = vec ? vec.QD : scratchF64(l)
    // x·x is the squared norm itself (as in LIBSVM, so the RBF diagonal is exactly 1: the
    // exponent −γ·(s + s − 2s) is −0 whenever s is finite, and exp(−0) = 1).
    const rbf = kd.spec.kernel === RBF
    for (let i = 0; i < l; i++) {
      const s = kd.sq[rows[i]]
      this.QD[i] = rbf && s + s - 2 * s === 0 ? 1 : kernelFromDot(kd.spec, s, s, s)
    }
  }

  /** Returns the cache rows to the pool (call once the solver is done). */
  release(): void {
    this.cache.release()
  }

  getQ(i: number, len: number): QRow {
    const start = this.cache.request(i)
    const row = this.cache.row(i)
    if (start < len) {
      if (this.gram !== null) this.gram.fill(this.idx, this.y, i, row, start, len)
      else {
        const { spec, engine, sq } = this.kd
        const { idx, y, vals } = this
        const gi = idx[i]
        const sqi = sq[gi]
        const yi = y[i]
        engine.dots(gi, idx, start, len - start, vals)
        for (let j = start; j < len; j++) {
          row[j] = yi * y[j] * kernelFromDot(spec, vals[j - start], sqi, sq[idx[j]])
        }
      }
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

/** Q for epsilon-SVR over training rows 0..l-1: 2l × 2l, from an l × l kernel cache (SVR_Q). */
export class SvrQ implements QMatrix {
  readonly QD: Float64Array
  private readonly sign: Int8Array
  private readonly index: Int32Array
  private readonly cache: KernelCache
  private readonly buffers: [QRow, QRow]
  private nextBuffer = 0
  private readonly vals: Float64Array
  private readonly all: Int32Array

  constructor(
    private readonly kd: KernelData,
    private readonly l: number,
    cacheBytes: number,
    dtype: CacheDtype,
  ) {
    this.cache = new KernelCache(l, cacheBytes, dtype)
    this.QD = new Float64Array(2 * l)
    this.sign = new Int8Array(2 * l)
    this.index = new Int32Array(2 * l)
    this.vals = new Float64Array(l)
    this.all = new Int32Array(l)
    for (let k = 0; k < l; k++) {
      this.all[k] = k
      this.sign[k] = 1
      this.sign[k + l] = -1
      this.index[k] = k
      this.index[k + l] = k
      this.QD[k] = kernelFromDot(kd.spec, kd.sq[k], kd.sq[k], kd.sq[k])
      this.QD[k + l] = this.QD[k]
    }
    const make = () => (dtype === 'float32' ? new Float32Array(2 * l) : new Float64Array(2 * l))
    this.buffers = [make(), make()]
  }

  getQ(i: number, len: number): QRow {
    const realI = this.index[i]
    const l = this.l
    if (this.cache.request(realI) < l) {
      const row = this.cache.row(realI)
      const { spec, engine, sq } = this.kd
      engine.dots(realI, this.all, 0, l, this.vals)
      const sqi = sq[realI]
      for (let j = 0; j < l; j++) row[j] = kernelFromDot(spec, this.vals[j], sqi, sq[j])
      this.cache.setLen(realI, l)
    }
    const krow = this.cache.row(realI)
    const buf = this.buffers[this.nextBuffer]
    this.nextBuffer = 1 - this.nextBuffer
    const si = this.sign[i]
    const sign = this.sign
    const index = this.index
    for (let j = 0; j < len; j++) buf[j] = si * sign[j] * krow[index[j]]
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
