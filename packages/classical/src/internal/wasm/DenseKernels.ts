/**
 * The dense-model WebAssembly SIMD kernels (dense.generated.ts): one instance per thread, its
 * memory grown on demand and reused by every call, so repeated predicts and fits allocate nothing
 * (a fresh multi-megabyte WebAssembly memory per call makes V8 run full GCs for "external memory
 * pressure", as the SVM found). Callers lay out their operands from byte 0 for the duration of
 * one synchronous call sequence. Where WebAssembly SIMD is missing, or MLSTACK_DENSE_WASM=0,
 * `denseKernels()` returns null and the estimators run their TypeScript loops.
 */
import { DENSE_WASM_BASE64 } from './dense.generated.js'

interface DenseExports {
  memory: WebAssembly.Memory
  gnbJll(
    X: number,
    n: number,
    d: number,
    thT: number,
    ivT: number,
    base: number,
    kp: number,
    J: number,
  ): void
  lrScores(
    Xt: number,
    np: number,
    d: number,
    W: number,
    st: number,
    K: number,
    Z: number,
    fi: number,
  ): void
  lrGrad(R: number, Xt: number, np: number, st: number, K: number, G: number): void
  sqDists(X: number, n: number, d: number, cT: number, kp: number, D: number): void
  affineRows(X: number, n: number, d: number, WT: number, bias: number, kp: number, Z: number): void
  sqDist1(a: number, b: number, d: number): number
  elkanAssign(
    X: number,
    n: number,
    d: number,
    k: number,
    C: number,
    lab: number,
    up: number,
    low: number,
    cum: number,
    cc: number,
    half: number,
  ): void
  axpyRows(X: number, n: number, d: number, r: number, G: number): void
  lrSoftmax(Z: number, np: number, K: number, y: number, sw: number, L: number): void
}

/** The instance with a Float64Array view over its whole memory (renewed when it grows). */
export class DenseKernels {
  readonly ex: DenseExports
  private view: Float64Array

  constructor(module: WebAssembly.Module) {
    this.ex = new WebAssembly.Instance(module, { env: { exp: Math.exp } })
      .exports as unknown as DenseExports
    this.view = new Float64Array(this.ex.memory.buffer)
  }

  /**
   * Makes the memory at least `bytes` long and returns a float64 view of all of it (views taken
   * earlier are detached when the memory grows, so callers take this one after reserving), or
   * null when it cannot grow that far (the caller then runs its TypeScript loop).
   */
  reserve(bytes: number): Float64Array | null {
    const mem = this.ex.memory
    const have = mem.buffer.byteLength
    if (bytes > have) {
      if (bytes > DENSE_MAX_BYTES) return null
      try {
        mem.grow(Math.ceil((bytes - have) / 65536))
      } catch {
        return null
      }
      this.view = new Float64Array(mem.buffer)
    }
    return this.view
  }
}

let compiled: WebAssembly.Module | null | undefined
let instance: DenseKernels | null | undefined

function disabled(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env
  return env?.MLSTACK_DENSE_WASM === '0'
}

/** The compiled module, or null where WebAssembly SIMD is unsupported. */
export function denseModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled
  try {
    const bytes = Uint8Array.from(atob(DENSE_WASM_BASE64), (c) => c.charCodeAt(0))
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  } catch {
    compiled = null
  }
  return compiled
}

/** This thread's kernels, or null when unavailable or disabled (MLSTACK_DENSE_WASM=0). */
export function denseKernels(): DenseKernels | null {
  if (disabled()) return null
  if (instance === undefined) {
    const mod = denseModule()
    instance = mod === null ? null : new DenseKernels(mod)
  }
  return instance
}

/** Byte size rounded up to 16 (keeps every operand block v128-aligned). */
export function align16(bytes: number): number {
  return (bytes + 15) & ~15
}

/** Largest memory the kernels address (i32 byte offsets). */
export const DENSE_MAX_BYTES = 2 ** 31 - 65536

/**
 * Copies X straight into kernel memory (mem[off ..], row-major n × d) when it is an array of n ≥ 1
 * rows that each hold d values (typed arrays or plain arrays) and returns n; returns -1 for any
 * other shape, so the caller validates through toDense and gets its error. Finiteness is not
 * checked here: callers look at their (far fewer) results and, if any is not finite, validate
 * the input with toDense, which names the bad value.
 */
export function copyRowsInto(X: unknown, d: number, mem: Float64Array, off: number): number {
  if (!Array.isArray(X) || X.length === 0) return -1
  const n = X.length
  if (off + n * d > mem.length) return -1
  for (let i = 0; i < n; i++) {
    const r = X[i] as unknown
    const o = off + i * d
    if (ArrayBuffer.isView(r)) {
      if ((r as Float64Array).length !== d || r instanceof DataView) return -1
      mem.set(r as Float64Array, o)
    } else if (Array.isArray(r) && r.length === d) {
      for (let j = 0; j < d; j++) mem[o + j] = r[j] as number
    } else {
      return -1
    }
  }
  return n
}
