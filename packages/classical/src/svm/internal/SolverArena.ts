/**
 * WebAssembly memory shared by the SMO solver's hot scans (wasm/solverWat.ts) for one
 * one-vs-one fit: the solver vectors (G, the I_up / I_low multipliers, the Q diagonal) and every
 * float32 kernel-cache row live in one instance's memory, so `gstep` and `wss` read and write
 * them in place. Sized once up front (growing the memory would detach the views) for the
 * largest pair problem; the vectors are re-viewed per problem, the rows recycled through a
 * RowPool.
 */
import { wasmDisabled, wasmModule } from './DotEngine.js'
import { RowPool } from './KernelCache.js'

export interface SolverScans {
  gstep(
    G: number,
    Qi: number,
    Qj: number,
    upNegY: number,
    n: number,
    dAi: number,
    dAj: number,
    res: number,
  ): number
  wss(
    G: number,
    Qi: number,
    lowY: number,
    QD: number,
    n: number,
    Gmax: number,
    QDi: number,
    twoYi: number,
    res: number,
  ): number
}

/** The per-problem vectors, views of length l into the arena. */
export interface SolverVectors {
  G: Float64Array
  upNegY: Float64Array
  lowY: Float64Array
  QD: Float64Array
}

// Larger than this, the fit keeps plain typed arrays (the pure TypeScript loops).
const MAX_ARENA_BYTES = 512 * 1024 * 1024

export class SolverArena {
  readonly scans: SolverScans
  readonly memory: WebAssembly.Memory
  /** Byte address of two float64 results written by the scans; `res` views them. */
  readonly resPtr = 0
  readonly res: Float64Array
  private readonly vecPtr: number
  private nextRow: number
  private readonly rowsEnd: number
  readonly pool: RowPool

  private constructor(
    instance: WebAssembly.Instance,
    private readonly maxL: number,
    rowCap: number,
    maxRows: number,
  ) {
    const ex = instance.exports as unknown as SolverScans & { memory: WebAssembly.Memory }
    this.scans = ex
    this.memory = ex.memory
    this.vecPtr = 16
    const rowBytes = (rowCap * 4 + 15) & ~15
    this.nextRow = this.vecPtr + 4 * maxL * 8
    this.rowsEnd = this.nextRow + maxRows * rowBytes
    const have = this.memory.buffer.byteLength
    if (this.rowsEnd > have) this.memory.grow(Math.ceil((this.rowsEnd - have) / 65536))
    this.res = new Float64Array(this.memory.buffer, this.resPtr, 2)
    this.pool = new RowPool(rowCap, 'float32', () => {
      if (this.nextRow + rowCap * 4 > this.rowsEnd) return new Float32Array(rowCap)
      const row = new Float32Array(this.memory.buffer, this.nextRow, rowCap)
      this.nextRow += rowBytes
      return row
    })
  }

  /**
   * An arena for problems of at most maxL variables, with room for maxRows cache rows of
   * rowCap float32 entries; null where WebAssembly SIMD is unavailable or disabled, or too big.
   */
  static create(maxL: number, rowCap: number, maxRows: number): SolverArena | null {
    if (wasmDisabled()) return null
    const mod = wasmModule()
    const bytes = 16 + 4 * maxL * 8 + maxRows * ((rowCap * 4 + 15) & ~15)
    if (mod === null || bytes > MAX_ARENA_BYTES) return null
    try {
      return new SolverArena(new WebAssembly.Instance(mod), maxL, rowCap, maxRows)
    } catch {
      return null
    }
  }

  /** Fresh views of the solver vectors for a problem of l ≤ maxL variables. */
  vectors(l: number): SolverVectors {
    const buf = this.memory.buffer
    const at = (k: number) => new Float64Array(buf, this.vecPtr + k * this.maxL * 8, l)
    return { G: at(0), upNegY: at(1), lowY: at(2), QD: at(3) }
  }

  /** True when `a` lives in this arena's memory (its byteOffset is then a WASM address). */
  owns(a: ArrayBufferView): boolean {
    return a.buffer === this.memory.buffer
  }
}
