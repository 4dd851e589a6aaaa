/**
 * Loads the embedded WASM SIMD kernels against a WasmHeap's memory.
 *
 * The relaxed-SIMD build (FMA in the GEMM micro-kernel) is preferred. Node 20's V8 accepts
 * relaxed SIMD only behind `--experimental-wasm-relaxed-simd`; the flag is switched on at run
 * time through `v8.setFlagsFromString` where that exists. If the runtime still refuses the
 * relaxed module, the plain SIMD128 build is used. `MLSTACK_WASM_RELAXED=0` forces plain SIMD.
 */

import { KERNELS_RELAXED_BASE64, KERNELS_SIMD_BASE64 } from './kernels.generated.js'
import type { WasmHeap } from './WasmHeap.js'
import type { WasmGlobal, WasmModule } from './wasmTypes.js'

/** See KernelExports.macro_s. */
type InPlaceMacro = (
  kc: number,
  mc: number,
  nc: number,
  a: number,
  lda: number,
  b: number,
  ldb: number,
  pc: number,
  ldc: number,
  acc: number,
  scratch: number,
) => void

/** The raw exports of the kernel module; every pointer and stride is in bytes. */
export interface KernelExports {
  /** y (+)= a·B, B row-major k × n with row stride ldb (bytes); a element stride `as` bytes. */
  gemv_n(
    a: number,
    as: number,
    b: number,
    ldb: number,
    y: number,
    n: number,
    k: number,
    acc: number,
  ): void
  /** y[j] (+)= a·B[j, :], B stored n × k with row stride ldb (bytes). */
  gemv_t(
    a: number,
    as: number,
    b: number,
    ldb: number,
    y: number,
    n: number,
    k: number,
    acc: number,
  ): void
  /** C[i, j] = act(C[i, j] + bias[j]) in place (bias 0: none; relu ≠ 0: ReLU). */
  bias_act(c: number, ldc: number, m: number, n: number, bias: number, relu: number): void
  /** Micro-tile shape the module was generated with. */
  mr: WasmGlobal
  nr: WasmGlobal
  pack_a(dst: number, src: number, rows: number, k: number, rs: number, cs: number): void
  pack_b(dst: number, src: number, k: number, cols: number, rs: number, cs: number): void
  /**
   * `macro` with B read in place (row-major, row stride ldb bytes, nc a multiple of NR); the row
   * tile at i starts at a + i·lda: packed A with lda = 4·kc (`macro_s`) or A itself, row-major
   * with row stride lda (`macro_ss`).
   */
  macro_s: InPlaceMacro
  macro_ss: InPlaceMacro
  macro(
    kc: number,
    mc: number,
    nc: number,
    pa: number,
    pb: number,
    pc: number,
    ldc: number,
    acc: number,
    scratch: number,
  ): void
}

type BinaryOp = 'add' | 'sub' | 'mul' | 'div'

/** o = a op b; `_vv` same size, `_vs` b scalar, `_sv` a scalar. */
type BinaryExports = {
  [K in `${BinaryOp}_${'vv' | 'vs' | 'sv'}`]: (a: number, b: number, o: number, n: number) => void
}
/** o[r, j] = a[r, j] op b[j] (b: one row of n repeated over `rows`). */
type RowBroadcastExports = {
  [K in `${BinaryOp}_vr`]: (a: number, b: number, o: number, rows: number, n: number) => void
}
/** o[r, j] = a[r, j] op b[r] (b: one value per row of n). */
type ColumnBroadcastExports = {
  [K in `${BinaryOp}_vc`]: (a: number, b: number, o: number, rows: number, n: number) => void
}

/**
 * im2col / col2im: the column matrix (C·KH·KW × OH·OW) of one image (C × H × W) for a
 * convolution, and its inverse. Pointers in bytes; pt/pl: top/left padding.
 */
export type ColumnKernel = (
  img: number,
  col: number,
  C: number,
  H: number,
  W: number,
  KH: number,
  KW: number,
  OH: number,
  OW: number,
  sh: number,
  sw: number,
  pt: number,
  pl: number,
  dh: number,
  dw: number,
) => void

/** Streaming kernels (scripts/elementwiseWat.ts); float32 data, byte pointers, n elements. */
export interface ElementwiseExports
  extends BinaryExports,
    RowBroadcastExports,
    ColumnBroadcastExports {
  /** Column matrix of one image for a convolution (see ColumnKernel). */
  im2col: ColumnKernel
  /** Adds a column matrix back into an image (see ColumnKernel). */
  col2im: ColumnKernel
  relu(a: number, o: number, n: number): void
  neg(a: number, o: number, n: number): void
  abs(a: number, o: number, n: number): void
  sqrt(a: number, o: number, n: number): void
  square(a: number, o: number, n: number): void
  relu_grad(dy: number, x: number, o: number, n: number): void
  /** o[r] = Σ_j a[r, j], float64 accumulation. */
  sum_rows(a: number, o: number, rows: number, n: number): void
  /** o[j] = Σ_r a[r, j] via `acc` (n zeroed float64s, caller-owned). */
  sum_cols(a: number, o: number, rows: number, n: number, acc: number): void
  /** Fused SGD step (scripts/optimizerWat.ts); buf may be 0 when momentum is 0. */
  sgd_f32(
    p: number,
    g: number,
    buf: number,
    n: number,
    lr: number,
    momentum: number,
    dampening: number,
    weightDecay: number,
    nesterov: number,
    first: number,
  ): void
  /** Fused RMSprop step (scripts/optimizerWat.ts); ga/buf may be 0 when unused. */
  rmsprop_f32(
    p: number,
    g: number,
    sq: number,
    ga: number,
    buf: number,
    n: number,
    lr: number,
    alpha: number,
    eps: number,
    weightDecay: number,
    momentum: number,
    centered: number,
  ): void
  /** Fused Adam/AdamW step, in place on p, m, v (see scripts/elementwiseWat.ts). */
  adam_f32(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    biasCorrection1: number,
    biasCorrection2: number,
    weightDecay: number,
    decoupledWeightDecay: number,
  ): void
}

export type KernelVariant = 'relaxed-simd' | 'simd'

export interface Kernels {
  readonly exports: KernelExports & ElementwiseExports
  readonly variant: KernelVariant
}

interface NodeProcessLike {
  env?: Record<string, string | undefined>
  getBuiltinModule?: (id: string) => unknown
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

const compiled = new Map<KernelVariant, WebAssembly.Module | null>()

function tryEnableRelaxedSimd(proc: NodeProcessLike | undefined): void {
  try {
    const v8 = proc?.getBuiltinModule?.('node:v8') as
      | { setFlagsFromString(flags: string): void }
      | undefined
    v8?.setFlagsFromString('--experimental-wasm-relaxed-simd')
  } catch {
    // A runtime that refuses the flag simply gets the plain SIMD build.
  }
}

/** Compiles one kernel variant, or returns null when this runtime does not accept it. */
export function compileKernelVariant(variant: KernelVariant): WasmModule | null {
  const cached = compiled.get(variant)
  if (cached !== undefined) return cached
  let module: WebAssembly.Module | null = null
  if (variant === 'relaxed-simd') {
    const bytes = decodeBase64(KERNELS_RELAXED_BASE64)
    if (!WebAssembly.validate(bytes)) {
      tryEnableRelaxedSimd((globalThis as { process?: NodeProcessLike }).process)
    }
    if (WebAssembly.validate(bytes)) module = new WebAssembly.Module(bytes)
  } else {
    module = new WebAssembly.Module(decodeBase64(KERNELS_SIMD_BASE64))
  }
  compiled.set(variant, module)
  return module
}

let preferred: KernelVariant | undefined

/** The fastest variant this runtime accepts (relaxed SIMD unless MLSTACK_WASM_RELAXED=0). */
export function preferredKernelVariant(): KernelVariant {
  // Cached: reading process.env costs about a microsecond, too much for a per-op path.
  if (preferred === undefined) {
    const proc = (globalThis as { process?: NodeProcessLike }).process
    preferred =
      proc?.env?.MLSTACK_WASM_RELAXED !== '0' && compileKernelVariant('relaxed-simd') !== null
        ? 'relaxed-simd'
        : 'simd'
  }
  return preferred
}

const instances = new WeakMap<WasmHeap, Map<KernelVariant, Kernels>>()

/** The kernel instance bound to `heap`'s memory (one per heap and variant). */
export function kernelsFor(heap: WasmHeap, variant = preferredKernelVariant()): Kernels {
  let perHeap = instances.get(heap)
  if (perHeap === undefined) {
    perHeap = new Map()
    instances.set(heap, perHeap)
  }
  let k = perHeap.get(variant)
  if (k === undefined) {
    const module = compileKernelVariant(variant) as WebAssembly.Module | null
    if (module === null) {
      throw new Error(`kernelsFor: this WebAssembly runtime does not accept the ${variant} kernels`)
    }
    const instance = new WebAssembly.Instance(module, {
      env: { memory: heap.memory as WebAssembly.Memory },
    })
    k = { exports: instance.exports as unknown as KernelExports & ElementwiseExports, variant }
    perHeap.set(variant, k)
  }
  return k
}

/**
 * Which WASM kernel build the `cpu` backend runs in this process.
 *
 * @example
 * wasmKernelInfo() // { variant: 'relaxed-simd' } on Node 20+ with an FMA-capable CPU
 */
export function wasmKernelInfo(): { variant: KernelVariant } {
  return { variant: preferredKernelVariant() }
}
