/**
 * Dot products between rows of a training (or support-vector) matrix, the SVMs' hot loop.
 * The WebAssembly SIMD engine (dots.generated.ts) is used when the runtime supports it; the
 * TypeScript engine is the fallback (and can be forced with MLSTACK_SVM_WASM=0).
 */

import { dotsInto } from './kernel.js'
import { DOTS_WASM_BASE64 } from './wasm/dots.generated.js'

export interface DotEngine {
  /** out[t] = x_i · x_{rows[from + t]} for t < cnt. */
  dots(i: number, rows: Int32Array, from: number, cnt: number, out: Float64Array): void
  /** Overwrites row i with src[srcOff .. srcOff + d) (prediction uses a spare row for the query). */
  setRow(i: number, src: Float64Array, srcOff: number): void
}

class JsDots implements DotEngine {
  private offs: Int32Array
  constructor(
    private readonly data: Float64Array,
    nRows: number,
    private readonly d: number,
  ) {
    this.offs = new Int32Array(nRows)
  }

  dots(i: number, rows: Int32Array, from: number, cnt: number, out: Float64Array): void {
    const d = this.d
    if (cnt > this.offs.length) this.offs = new Int32Array(cnt)
    const offs = this.offs
    for (let t = 0; t < cnt; t++) offs[t] = rows[from + t] * d
    dotsInto(this.data, i * d, this.data, offs, cnt, d, out)
  }

  setRow(i: number, src: Float64Array, srcOff: number): void {
    this.data.set(src.subarray(srcOff, srcOff + this.d), i * this.d)
  }
}

interface DotsExports {
  memory: WebAssembly.Memory
  dots(a: number, offs: number, cnt: number, d: number, out: number): void
}

let compiled: WebAssembly.Module | null | undefined

/** The compiled SIMD module (dot products and the solver scans), or null where unsupported. */
export function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled
  try {
    const bytes = Uint8Array.from(atob(DOTS_WASM_BASE64), (c) => c.charCodeAt(0))
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  } catch {
    compiled = null
  }
  return compiled
}

/** The module's imports: Math.exp for the rare arguments its own exp hands back. */
export const WASM_IMPORTS = { env: { exp: Math.exp } }

/** MLSTACK_SVM_WASM=0 forces the TypeScript code paths (for comparisons and debugging). */
export function wasmDisabled(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env
  return env?.MLSTACK_SVM_WASM === '0'
}

/** True when the WebAssembly SIMD engine can be used on this runtime. */
export function wasmDotsAvailable(): boolean {
  return wasmModule() !== null
}

class WasmDots implements DotEngine {
  private readonly ex: DotsExports
  private readonly rowBytes: number
  private readonly offsPtr: number
  private readonly outPtr: number
  private readonly offsView: Int32Array
  private readonly outView: Float64Array
  private readonly dataView: Float64Array

  constructor(
    module: WebAssembly.Module,
    data: Float64Array,
    nRows: number,
    private readonly d: number,
  ) {
    this.ex = new WebAssembly.Instance(module, WASM_IMPORTS).exports as unknown as DotsExports
    this.rowBytes = d * 8
    const dataBytes = nRows * this.rowBytes
    this.offsPtr = dataBytes
    this.outPtr = dataBytes + ((nRows * 4 + 7) & ~7)
    const need = this.outPtr + nRows * 8
    const have = this.ex.memory.buffer.byteLength
    if (need > have) this.ex.memory.grow(Math.ceil((need - have) / 65536))
    const buf = this.ex.memory.buffer
    this.dataView = new Float64Array(buf, 0, nRows * d)
    this.dataView.set(data.subarray(0, nRows * d))
    this.offsView = new Int32Array(buf, this.offsPtr, nRows)
    this.outView = new Float64Array(buf, this.outPtr, nRows)
  }

  dots(i: number, rows: Int32Array, from: number, cnt: number, out: Float64Array): void {
    const { offsView, rowBytes } = this
    const o = this.outView
    const cap = offsView.length
    // Chunks of at most nRows (the scratch size); a request may list rows more than once.
    for (let s = 0; s < cnt; s += cap) {
      const c = Math.min(cap, cnt - s)
      for (let t = 0; t < c; t++) offsView[t] = rows[from + s + t] * rowBytes
      this.ex.dots(i * rowBytes, this.offsPtr, c, this.d, this.outPtr)
      for (let t = 0; t < c; t++) out[s + t] = o[t]
    }
  }

  setRow(i: number, src: Float64Array, srcOff: number): void {
    this.dataView.set(src.subarray(srcOff, srcOff + this.d), i * this.d)
  }
}

/**
 * An engine over the first nRows rows of row-major `data` (n × d). The data is copied (into
 * WebAssembly memory or a private array), so setRow never touches the caller's array.
 */
export function createDotEngine(
  data: Float64Array,
  nRows: number,
  d: number,
  kind: 'auto' | 'js' = 'auto',
): DotEngine {
  const mod = kind === 'js' || wasmDisabled() ? null : wasmModule()
  if (mod !== null && nRows * d * 8 + nRows * 12 + 16 < 2 ** 31) {
    try {
      return new WasmDots(mod, data, nRows, d)
    } catch {
      // Memory could not grow: fall back to the TypeScript engine.
    }
  }
  const copy = new Float64Array(nRows * d)
  copy.set(data.subarray(0, nRows * d))
  return new JsDots(copy, nRows, d)
}
