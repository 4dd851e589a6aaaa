/**
 * LRU cache of kernel (Q-matrix) rows for the SMO solver, after LIBSVM's `Cache`: each row
 * remembers how many leading entries are filled, so a row asked for with a longer length only
 * computes the missing tail; `swapIndex` follows the solver's shrinking permutations.
 *
 * Unlike LIBSVM, rows are allocated at full length once and recycled on eviction, so the hot
 * path never allocates.
 */

import { scratchI32 } from './scratch.js'

export type QRow = Float32Array | Float64Array

export type CacheDtype = 'float32' | 'float64'

/**
 * Spare rows shared by the caches of consecutive sub-problems (one-vs-one training builds
 * k(k-1)/2 of them), so rows are allocated once per fit rather than once per problem.
 */
export class RowPool {
  readonly free: QRow[] = []
  /** `make` allocates a new row (SolverArena hands out rows inside WebAssembly memory). */
  constructor(
    readonly capacity: number,
    readonly dtype: CacheDtype,
    private readonly make?: () => QRow,
  ) {}

  take(): QRow {
    const row = this.free.pop()
    if (row !== undefined) return row
    if (this.make !== undefined) return this.make()
    return this.dtype === 'float32'
      ? new Float32Array(this.capacity)
      : new Float64Array(this.capacity)
  }
}

export class KernelCache {
  private readonly rows: (QRow | null)[]
  private readonly len: Int32Array
  // Doubly linked LRU list over row ids; node `l` is the sentinel (head.next = least recent).
  private readonly prev: Int32Array
  private readonly next: Int32Array
  private readonly free: QRow[] = []
  private allocated = 0
  private readonly maxRows: number
  private readonly l: number
  private readonly pool: RowPool

  /**
   * @param l number of rows (and row length)
   * @param bytes memory budget; at least two rows are always kept (the solver needs Q_i and Q_j)
   */
  constructor(l: number, bytes: number, dtype: CacheDtype, pool?: RowPool) {
    this.l = l
    this.pool = pool && pool.capacity >= l && pool.dtype === dtype ? pool : new RowPool(l, dtype)
    const rowBytes = Math.max(1, this.pool.capacity * (dtype === 'float32' ? 4 : 8))
    this.maxRows = Math.max(2, Math.min(l, Math.floor(bytes / rowBytes)))
    this.rows = new Array<QRow | null>(l).fill(null)
    this.len = scratchI32(l)
    this.prev = scratchI32(l + 1).fill(l)
    this.next = scratchI32(l + 1).fill(l)
  }

  private unlink(h: number): void {
    const p = this.prev[h]
    const n = this.next[h]
    this.next[p] = n
    this.prev[n] = p
  }

  private pushMostRecent(h: number): void {
    const s = this.l
    const last = this.prev[s]
    this.next[last] = h
    this.prev[h] = last
    this.next[h] = s
    this.prev[s] = h
  }

  private drop(h: number): void {
    this.unlink(h)
    this.free.push(this.rows[h]!)
    this.rows[h] = null
    this.len[h] = 0
  }

  /**
   * The row for `index`, marked most recently used. Returns the number of leading entries that
   * are already valid; the caller fills `[start, len)` of `row()` and then calls `setLen`.
   */
  request(index: number): number {
    const had = this.len[index]
    if (had > 0) {
      this.unlink(index)
      this.pushMostRecent(index)
      return had
    }
    let row = this.free.pop()
    if (row === undefined) {
      if (this.allocated < this.maxRows) {
        row = this.pool.take()
        this.allocated++
      } else {
        const victim = this.next[this.l]
        this.drop(victim)
        row = this.free.pop()!
      }
    }
    this.rows[index] = row
    this.pushMostRecent(index)
    return 0
  }

  /** Hands every row back to the pool; the cache must not be used afterwards. */
  release(): void {
    for (const r of this.rows) if (r !== null) this.pool.free.push(r)
    for (const r of this.free) this.pool.free.push(r)
    this.rows.fill(null)
    this.free.length = 0
  }

  row(index: number): QRow {
    return this.rows[index]!
  }

  setLen(index: number, len: number): void {
    if (len > this.len[index]) this.len[index] = len
  }

  /** Follows a solver swap of positions i and j (LIBSVM's Cache::swap_index). */
  swapIndex(i: number, j: number): void {
    if (i === j) return
    const hi = this.len[i] > 0
    const hj = this.len[j] > 0
    if (hi) this.unlink(i)
    if (hj) this.unlink(j)
    const r = this.rows[i]
    this.rows[i] = this.rows[j]
    this.rows[j] = r
    const t = this.len[i]
    this.len[i] = this.len[j]
    this.len[j] = t
    if (hj) this.pushMostRecent(i)
    if (hi) this.pushMostRecent(j)
    if (i > j) {
      const x = i
      i = j
      j = x
    }
    const s = this.l
    for (let h = this.next[s]; h !== s; ) {
      const nxt = this.next[h]
      const hl = this.len[h]
      if (hl > i) {
        const row = this.rows[h]!
        if (hl > j) {
          const v = row[i]
          row[i] = row[j]
          row[j] = v
        } else {
          // The row does not reach j: LIBSVM gives it up rather than compute one entry.
          this.drop(h)
        }
      }
      h = nxt
    }
  }
}
