/**
 * WebAssembly memory shared by the SMO solver's hot scans (wasm/solverWat.ts) for one
 * one-vs-one fit: the solver vectors (G, the I_up / I_low multipliers, the Q diagonal) and every
 * float32 kernel-cache row live in one instance's memory, so `gstep` and `wss` read and write
 * them in place. Sized once up front (growing the memory would detach the views) for the
 * largest pair problem; the vectors are re-viewed per problem, the rows recycled through a
 * RowPool. With an RBF Gram matrix, the training rows, their squared norms, the float32 Gram
 * matrix itself and the problem's index / sign vectors live there too, and `gramFill` computes
 * cache rows in place (GramCache.fill's loops, dot products and fdlibm's exp in one call).
 * Fresh WebAssembly memory is zeroed, so that Gram matrix marks missing entries with 0 instead
 * of NaN (an RBF value is never 0 unless it underflows, and then recomputing it is harmless).
 */
import { WASM_IMPORTS, wasmDisabled, wasmModule } from './DotEngine.js'
import { RowPool } from './KernelCache.js'
import { CFG } from './wasm/solverWat.js'

/** The exported scans (wasm/solverWat.ts); fixed addresses come from the config block. */
export interface SolverScans {
  gstep(Qi: number, Qj: number, n: number, dAi: number, dAj: number): number
  gmax(n: number): number
  wss(Qi: number, n: number, Gmax: number, QDi: number, twoYi: number): number
  gramFill(i: number, row: number, start: number, len: number): void
  gbar(Q: number, n: number, c: number): void
}

/**
 * An RBF Gram matrix hosted by the arena (n training rows of d features). `data` and `sq` are
 * copied in; null leaves them for the caller to write into `gramData` / `gramSq` (saving a copy).
 */
export interface ArenaGram {
  data: Float64Array | null
  n: number
  d: number
  sq: Float64Array | null
  gamma: number
}

/** The per-problem vectors, views of length l into the arena. */
export interface SolverVectors {
  G: Float64Array
  upNegY: Float64Array
  lowY: Float64Array
  QD: Float64Array
  /** The solver's Gbar (not zeroed: the solver clears it). */
  Gbar: Float64Array
  /** SvcQ's global row index and ±1 label per position (permuted by shrinking). */
  idx: Int32Array
  sign: Int8Array
}

// Larger than this, the fit keeps plain typed arrays (the pure TypeScript loops).
const MAX_ARENA_BYTES = 512 * 1024 * 1024
// A released instance up to this size is kept for the next fit: a fresh multi-megabyte
// WebAssembly memory per fit made V8 run full garbage collections for "external memory
// pressure", which cost more than the fits themselves when fitting repeatedly.
const KEEP_SPARE_BYTES = 64 * 1024 * 1024
let spare: WebAssembly.Instance | null = null

export class SolverArena {
  readonly scans: SolverScans
  readonly memory: WebAssembly.Memory
  /** memory.buffer, fixed for the arena's lifetime (it never grows after construction). */
  readonly buffer: ArrayBuffer
  /** The two float64 results the scans write at byte 0. */
  readonly res: Float64Array
  /**
   * Set if the row pool ever ran out of arena memory (it cannot, by the sizing in trainSvc):
   * from then on every caller takes its TypeScript path, so a foreign row is never addressed.
   */
  exhausted = false
  private readonly vecPtr: number
  private nextRow: number
  private readonly rowsEnd: number
  readonly pool: RowPool
  /** The float32 Gram matrix (0 = not computed yet) when built with an ArenaGram. */
  readonly K: Float32Array | null = null
  /** With an ArenaGram: its training rows (row-major n × d) and their squared norms. */
  readonly gramData: Float64Array | null = null
  readonly gramSq: Float64Array | null = null
  private readonly idxPtr: number
  private readonly signPtr: number

  private constructor(
    private readonly instance: WebAssembly.Instance,
    private readonly maxL: number,
    rowCap: number,
    maxRows: number,
    gram: ArenaGram | null,
    reused: boolean,
  ) {
    const ex = instance.exports as unknown as SolverScans & { memory: WebAssembly.Memory }
    this.scans = ex
    this.memory = ex.memory
    const layout = arenaLayout(maxL, rowCap, maxRows, gram)
    this.vecPtr = layout.vec
    this.idxPtr = layout.idx
    this.signPtr = layout.sign
    this.nextRow = layout.rows
    this.rowsEnd = layout.rowsEnd
    const rowBytes = layout.rowBytes
    const have = this.memory.buffer.byteLength
    if (layout.end > have) this.memory.grow(Math.ceil((layout.end - have) / 65536))
    const buf = this.memory.buffer
    this.buffer = buf
    this.res = new Float64Array(buf, 0, 2)
    const cfg = new Int32Array(buf, 0, CFG.end / 4)
    cfg[CFG.G / 4] = layout.vec
    cfg[CFG.upNegY / 4] = layout.vec + maxL * 8
    cfg[CFG.lowY / 4] = layout.vec + 2 * maxL * 8
    cfg[CFG.QD / 4] = layout.vec + 3 * maxL * 8
    cfg[CFG.Gbar / 4] = layout.vec + 4 * maxL * 8
    cfg[CFG.idx / 4] = layout.idx
    cfg[CFG.sign / 4] = layout.sign
    if (gram !== null) {
      const { n, d } = gram
      this.gramData = new Float64Array(buf, layout.data, n * d)
      this.gramSq = new Float64Array(buf, layout.sq, n)
      if (gram.data !== null) this.gramData.set(gram.data.subarray(0, n * d))
      if (gram.sq !== null) this.gramSq.set(gram.sq.subarray(0, n))
      this.K = new Float32Array(buf, layout.K, n * n)
      // A reused instance still holds the previous fit's values.
      if (reused) this.K.fill(0)
      cfg[CFG.K / 4] = layout.K
      cfg[CFG.n / 4] = n
      cfg[CFG.data / 4] = layout.data
      cfg[CFG.d / 4] = d
      cfg[CFG.sq / 4] = layout.sq
      cfg[CFG.pos / 4] = layout.pos
      cfg[CFG.offs / 4] = layout.offs
      cfg[CFG.gjs / 4] = layout.gjs
      cfg[CFG.dup / 4] = layout.dup
      cfg[CFG.sqg / 4] = layout.sqg
      cfg[CFG.vals / 4] = layout.vals
      new Float64Array(buf, CFG.negGamma, 1)[0] = -gram.gamma
    }
    this.pool = new RowPool(rowCap, 'float32', () => {
      if (this.nextRow + rowCap * 4 > this.rowsEnd) {
        this.exhausted = true
        return new Float32Array(rowCap)
      }
      const row = new Float32Array(this.buffer, this.nextRow, rowCap)
      this.nextRow += rowBytes
      return row
    })
  }

  /** True where create() can build arenas (WebAssembly SIMD present and not disabled). */
  static available(): boolean {
    return !wasmDisabled() && wasmModule() !== null
  }

  /**
   * An arena for problems of at most maxL variables, with room for maxRows cache rows of
   * rowCap float32 entries; null where WebAssembly SIMD is unavailable or disabled, or too big.
   */
  static create(
    maxL: number,
    rowCap: number,
    maxRows: number,
    gram: ArenaGram | null = null,
  ): SolverArena | null {
    if (wasmDisabled()) return null
    const mod = wasmModule()
    if (mod === null || arenaLayout(maxL, rowCap, maxRows, gram).end > MAX_ARENA_BYTES) return null
    try {
      const reused = spare
      spare = null
      const instance = reused ?? new WebAssembly.Instance(mod, WASM_IMPORTS)
      return new SolverArena(instance, maxL, rowCap, maxRows, gram, reused !== null)
    } catch {
      return null
    }
  }

  /** Ends this arena's use: its instance may serve the next fit (views must not be used after). */
  release(): void {
    if (this.memory.buffer.byteLength <= KEEP_SPARE_BYTES) spare = this.instance
  }

  /**
   * GramCache.fill in WebAssembly: row[j] = sign[i]·sign[j]·K(idx[i], idx[j]) for j in
   * [start, len), computing (and storing symmetrically) the missing K entries. `idx` and
   * `sign` must be this arena's vectors; returns false (nothing done) unless the arena hosts
   * the Gram matrix and the row is its own.
   */
  gramFill(i: number, row: Float32Array | Float64Array, start: number, len: number): boolean {
    if (this.K === null || this.exhausted) return false
    this.scans.gramFill(i, row.byteOffset, start, len)
    return true
  }

  /** Fresh views of the solver vectors for a problem of l ≤ maxL variables. */
  vectors(l: number): SolverVectors {
    const buf = this.buffer
    const at = (k: number) => new Float64Array(buf, this.vecPtr + k * this.maxL * 8, l)
    return {
      G: at(0),
      upNegY: at(1),
      lowY: at(2),
      QD: at(3),
      Gbar: at(4),
      idx: new Int32Array(buf, this.idxPtr, l),
      sign: new Int8Array(buf, this.signPtr, l),
    }
  }

  /** True when `a` lives in this arena's memory (its byteOffset is then a WASM address). */
  owns(a: ArrayBufferView): boolean {
    return a.buffer === this.buffer
  }
}

const align16 = (x: number) => (x + 15) & ~15

/** Byte addresses of everything in an arena (16-byte aligned blocks). */
function arenaLayout(maxL: number, rowCap: number, maxRows: number, gram: ArenaGram | null) {
  const n = gram?.n ?? 0
  const d = gram?.d ?? 0
  const vec = CFG.end
  const idx = vec + 5 * maxL * 8
  const sign = align16(idx + maxL * 4)
  const data = align16(sign + maxL)
  const sq = data + n * d * 8
  // One fill lists at most a row's length of missing entries: 2n for SVR's doubled problem.
  const m = gram === null ? 0 : Math.max(n, maxL)
  const pos = sq + n * 8
  const offs = align16(pos + m * 4)
  const gjs = align16(offs + m * 4)
  const dup = align16(gjs + m * 4)
  const vals = align16(dup + m * 4)
  const sqg = vals + m * 8
  const K = sqg + m * 8
  const rowBytes = align16(rowCap * 4)
  const rows = align16(K + n * n * 4)
  const rowsEnd = rows + maxRows * rowBytes
  return {
    vec,
    idx,
    sign,
    data,
    sq,
    pos,
    offs,
    gjs,
    dup,
    vals,
    sqg,
    K,
    rows,
    rowsEnd,
    rowBytes,
    end: rowsEnd,
  }
}
