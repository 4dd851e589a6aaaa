/**
 * Kernel values between query rows and a fitted model's support vectors, the work of predict.
 * For the RBF kernel one WebAssembly call fills a whole block of query rows (SIMD dot products,
 * then −γ(‖q‖² + ‖sv‖² − 2q·sv) and fdlibm's exp, bit-identical to Math.exp, as in training);
 * otherwise a DotEngine computes one row at a time and applyKernel finishes it in TypeScript.
 * One SvKernel is kept per fitted support-vector array, so repeated predict calls (one row at a
 * time, say) reuse its WebAssembly instance.
 */
import { createDotEngine, WASM_IMPORTS, wasmDisabled, wasmModule } from './DotEngine.js'
import { applyKernel, type KernelSpec, RBF, rowSquaredNorms } from './kernel.js'
import { CFG } from './wasm/solverWat.js'

export interface SvKernel {
  /** The most query rows one `block` call takes. */
  readonly blockRows: number
  /**
   * Kernel values of rows [r0, r0 + cnt) of X (row-major, squared norms in xsq) against every
   * support vector, row-major cnt × nSV; the view is valid until the next call.
   */
  block(X: Float64Array, xsq: Float64Array, r0: number, cnt: number): Float64Array
}

interface RbfExports {
  memory: WebAssembly.Memory
  rbfBlock(
    q: number,
    qsq: number,
    cnt: number,
    d: number,
    offs: number,
    nsv: number,
    svsq: number,
    out: number,
  ): void
}

const align16 = (x: number) => (x + 15) & ~15
// Query rows per WebAssembly call: enough to amortise the call, few enough to stay in cache.
const BLOCK_BYTES = 1 << 20

class WasmRbfKernel implements SvKernel {
  readonly blockRows: number
  private readonly q: number
  private readonly qsq: number
  private readonly offs: number
  private readonly svsq: number
  private readonly out: number
  private readonly qView: Float64Array
  private readonly qsqView: Float64Array
  private readonly outView: Float64Array

  constructor(
    private readonly ex: RbfExports,
    sv: Float64Array,
    private readonly nSV: number,
    private readonly d: number,
    gamma: number,
  ) {
    const rowBytes = d * 8
    this.blockRows = Math.max(1, Math.min(256, Math.floor(BLOCK_BYTES / (nSV * 8 + rowBytes))))
    const B = this.blockRows
    const data = CFG.end
    this.svsq = align16(data + nSV * rowBytes)
    this.offs = align16(this.svsq + nSV * 8)
    this.q = align16(this.offs + nSV * 4)
    this.qsq = align16(this.q + B * rowBytes)
    this.out = align16(this.qsq + B * 8)
    const end = this.out + B * nSV * 8
    const have = ex.memory.buffer.byteLength
    if (end > have) ex.memory.grow(Math.ceil((end - have) / 65536))
    const buf = ex.memory.buffer
    new Float64Array(buf, data, nSV * d).set(sv.subarray(0, nSV * d))
    new Float64Array(buf, this.svsq, nSV).set(rowSquaredNorms(sv, nSV, d))
    const offs = new Int32Array(buf, this.offs, nSV)
    for (let j = 0; j < nSV; j++) offs[j] = data + j * rowBytes
    new Float64Array(buf, CFG.negGamma, 1)[0] = -gamma
    this.qView = new Float64Array(buf, this.q, B * d)
    this.qsqView = new Float64Array(buf, this.qsq, B)
    this.outView = new Float64Array(buf, this.out, B * nSV)
  }

  block(X: Float64Array, xsq: Float64Array, r0: number, cnt: number): Float64Array {
    const d = this.d
    this.qView.set(X.subarray(r0 * d, (r0 + cnt) * d))
    this.qsqView.set(xsq.subarray(r0, r0 + cnt))
    this.ex.rbfBlock(this.q, this.qsq, cnt, d, this.offs, this.nSV, this.svsq, this.out)
    return this.outView
  }
}

/** Any kernel: the support vectors plus one spare row (the query) in a DotEngine. */
class EngineKernel implements SvKernel {
  readonly blockRows = 1
  private readonly engine
  private readonly svsq: Float64Array
  private readonly all: Int32Array
  private readonly kv: Float64Array

  constructor(
    private readonly spec: KernelSpec,
    sv: Float64Array,
    private readonly nSV: number,
    private readonly d: number,
  ) {
    const data = new Float64Array((nSV + 1) * d)
    data.set(sv.subarray(0, nSV * d))
    this.engine = createDotEngine(data, nSV + 1, d)
    this.svsq = rowSquaredNorms(sv, nSV, d)
    this.all = new Int32Array(nSV)
    for (let j = 0; j < nSV; j++) this.all[j] = j
    this.kv = new Float64Array(nSV)
  }

  block(X: Float64Array, xsq: Float64Array, r0: number): Float64Array {
    const { engine, nSV, kv } = this
    engine.setRow(nSV, X, r0 * this.d)
    engine.dots(nSV, this.all, 0, nSV, kv)
    applyKernel(this.spec, kv, nSV, xsq[r0], this.svsq)
    return kv
  }
}

// Keyed weakly by the fitted support-vector array: the kernel goes with the model.
const kernels = new WeakMap<Float64Array, { spec: KernelSpec; k: SvKernel }>()

/** The (cached) SvKernel of a model's support vectors (row-major nSV × d). */
export function svKernel(spec: KernelSpec, sv: Float64Array, nSV: number, d: number): SvKernel {
  const hit = kernels.get(sv)
  if (
    hit !== undefined &&
    hit.spec.kernel === spec.kernel &&
    hit.spec.gamma === spec.gamma &&
    hit.spec.degree === spec.degree &&
    hit.spec.coef0 === spec.coef0
  ) {
    return hit.k
  }
  let k: SvKernel | null = null
  const mod = spec.kernel === RBF && nSV > 0 && !wasmDisabled() ? wasmModule() : null
  if (mod !== null) {
    try {
      const ex = new WebAssembly.Instance(mod, WASM_IMPORTS).exports as unknown as RbfExports
      k = new WasmRbfKernel(ex, sv, nSV, d, spec.gamma)
    } catch {
      k = null // memory could not grow: the engine path below
    }
  }
  k ??= new EngineKernel(spec, sv, nSV, d)
  kernels.set(sv, { spec, k })
  return k
}
