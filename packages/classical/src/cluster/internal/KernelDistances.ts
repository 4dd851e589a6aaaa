/**
 * KMeans' WebAssembly distance work (internal/wasm/sqDistWat.ts and elkanWat.ts): X lives in the
 * shared kernel memory for one fit (or predict), next to the centres and Elkan's bounds.
 */
import type { Dense } from '../../internal/validation.js'
import { align16, type DenseKernels, denseKernels } from '../../internal/wasm/DenseKernels.js'

/** BoundedAssigner's arrays (in kernel memory when the WebAssembly step runs them). */
export interface ElkanState {
  lower: Float64Array
  upper: Float64Array
  cum: Float64Array
  cc: Float64Array
  half: Float64Array
  labels: Int32Array
}

/**
 * Full passes of squared distances (every sample to k points) on the WebAssembly kernel
 * (internal/wasm/sqDistWat.ts): X is copied into kernel memory once per fit, and each pass
 * writes the points transposed and reads D (n × kp, kp = k rounded up to even) back. The sums
 * are the TypeScript loops' sums in the same order, so labels, inertia and iterations are
 * unchanged. The kernel memory holds this X until the fit (or predict) returns.
 */
export class KernelDistances {
  private constructor(
    readonly kern: DenseKernels,
    private readonly n: number,
    private readonly d: number,
    private readonly aC: number,
    private readonly aD: number,
    /** Byte address of the row-major centres used by single distances and Elkan's step. */
    readonly aR: number,
    private readonly elkan: {
      aLow: number
      aUp: number
      aCum: number
      aCC: number
      aHalf: number
      aLab: number
    },
    private readonly end: number,
  ) {}

  /** Loads X for passes against at most kMax points; null where the kernels are unavailable. */
  static create(X: Dense, kMax: number): KernelDistances | null {
    const kern = denseKernels()
    if (kern === null) return null
    const { rows: n, cols: d } = X
    const kp = kMax + (kMax & 1)
    const aC = align16(n * d * 8)
    const aD = aC + d * kp * 8
    const aR = align16(aD + n * kp * 8)
    // Elkan's state (lloyd's k = kMax − at most the k-means++ trials): lower bounds n × kMax,
    // upper bounds n, cumulative shifts, centre distances and halves, labels n int32.
    const aLow = aR + kp * d * 8
    const aUp = aLow + n * kMax * 8
    const aCum = aUp + n * 8
    const aCC = aCum + kMax * 8
    const aHalf = aCC + kMax * kMax * 8
    const aLab = aHalf + kMax * 8
    const end = aLab + n * 4
    const mem = kern.reserve(end)
    if (mem === null) return null
    mem.set(X.data.subarray(0, n * d), 0)
    return new KernelDistances(kern, n, d, aC, aD, aR, { aLow, aUp, aCum, aCC, aHalf, aLab }, end)
  }

  /** Views of Elkan's state in kernel memory for k centres (k ≤ kMax). */
  elkanState(k: number): ElkanState {
    const { aLow, aUp, aCum, aCC, aHalf, aLab } = this.elkan
    const buf = (this.kern.reserve(this.end) as Float64Array).buffer
    const n = this.n
    return {
      lower: new Float64Array(buf, aLow, n * k),
      upper: new Float64Array(buf, aUp, n),
      cum: new Float64Array(buf, aCum, k),
      cc: new Float64Array(buf, aCC, k * k),
      half: new Float64Array(buf, aHalf, k),
      labels: new Int32Array(buf, aLab, n),
    }
  }

  /** Elkan's bounded assignment (the labels are in elkanState's `labels`) in WebAssembly. */
  elkanAssign(k: number): void {
    const { aLow, aUp, aCum, aCC, aHalf, aLab } = this.elkan
    this.kern.ex.elkanAssign(0, this.n, this.d, k, this.aR, aLab, aUp, aLow, aCum, aCC, aHalf)
  }

  /** Stores k centres (row-major) for the single distances: sample i is at byte i·d·8, centre c at aR + c·d·8. */
  setCentres(centers: Float64Array, k: number): void {
    const mem = this.kern.reserve(this.end) as Float64Array
    mem.set(centers.subarray(0, k * this.d), this.aR / 8)
  }

  /**
   * D[i, c] = ||x_i − p_c||² for the k points p_c = src[at(c) ..] (k ≤ kMax): returns the kernel
   * memory, where D[i, c] is at off + i · kp + c (valid until the next pass).
   */
  pass(
    src: Float64Array,
    k: number,
    at: (c: number) => number,
  ): { mem: Float64Array; off: number; kp: number } {
    const { d, aC } = this
    const kp = k + (k & 1)
    const mem = this.kern.reserve(this.end) as Float64Array
    const cb = aC / 8
    for (let c = 0; c < k; c++) {
      const o = at(c)
      for (let j = 0; j < d; j++) mem[cb + j * kp + c] = src[o + j] as number
    }
    if (kp !== k) for (let j = 0; j < d; j++) mem[cb + j * kp + k] = 0
    this.kern.ex.sqDists(0, this.n, d, aC, kp, this.aD)
    return { mem, off: this.aD / 8, kp }
  }
}
