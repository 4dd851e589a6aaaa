/**
 * Kernel values between query rows and a fitted model's support vectors, the work of predict.
 * For the RBF kernel everything runs in WebAssembly, a block of query rows per call: SIMD dot
 * products, then −γ(‖q‖² + ‖sv‖² − 2q·sv) and fdlibm's exp (bit-identical to Math.exp, as in
 * training), then the one-vs-one sums (wasmRbfDecisions). Other kernels use a DotEngine one row
 * at a time and applyKernel (svKernel). Both are kept per fitted support-vector array, so
 * repeated predict calls (one row at a time, say) reuse their WebAssembly instance.
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

/**
 * A model's one-vs-one decision layout (LIBSVM's): support vectors grouped by class, sv_coef
 * rows, one rho per pair. An SVR is one pair over all of its vectors.
 */
export interface OvoLayout {
  nClass: number
  nSupport: Int32Array
  svCoef: Float64Array
  rho: Float64Array
}

interface RbfExports {
  memory: WebAssembly.Memory
  ovoDecision(
    K: number,
    cnt: number,
    nsv: number,
    coef: number,
    start: number,
    nsup: number,
    rho: number,
    ncls: number,
    out: number,
  ): void
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

/**
 * The one WebAssembly instance every RBF model's predict runs in (per thread), and the kernel
 * whose data it holds. A fresh instance per fitted model cost ≈ 0.1–0.6 ms (its memory, and the
 * garbage collections that external memory triggers) on a model's first predict, several times
 * a small predict itself; re-uploading a model's support vectors when another model used the
 * instance last costs microseconds.
 */
let shared: { ex: RbfExports; owner: WasmRbfKernel | null } | null = null

class WasmRbfKernel {
  private readonly blockRows: number
  private readonly q: number
  private readonly qsq: number
  private readonly offs: number
  private readonly svsq: number
  private readonly out: number
  private readonly end: number
  private qView!: Float64Array
  private qsqView!: Float64Array
  // The decision layout's copy (ovoDecision's inputs) and the decision values of one block.
  private readonly coef: number
  private readonly start: number
  private readonly nsup: number
  private readonly rho: number
  private readonly dec: number
  private decView!: Float64Array
  private readonly nPairs: number
  private readonly svNorms: Float64Array
  /** The instance's memory buffer the views above were made on. */
  private buf: ArrayBuffer | null = null

  constructor(
    private readonly sv: Float64Array,
    private readonly nSV: number,
    private readonly d: number,
    private readonly gamma: number,
    readonly layout: OvoLayout,
  ) {
    const rowBytes = d * 8
    const k = layout.nClass
    this.nPairs = (k * (k - 1)) / 2
    this.blockRows = Math.max(
      1,
      Math.min(256, Math.floor(BLOCK_BYTES / (nSV * 8 + rowBytes + this.nPairs * 8))),
    )
    const B = this.blockRows
    const data = CFG.end
    this.svsq = align16(data + nSV * rowBytes)
    this.offs = align16(this.svsq + nSV * 8)
    this.q = align16(this.offs + nSV * 4)
    this.qsq = align16(this.q + B * rowBytes)
    this.out = align16(this.qsq + B * 8)
    this.coef = align16(this.out + B * nSV * 8)
    this.start = align16(this.coef + Math.max(1, k - 1) * nSV * 8)
    this.nsup = align16(this.start + k * 4)
    this.rho = align16(this.nsup + k * 4)
    this.dec = align16(this.rho + this.nPairs * 8)
    this.end = this.dec + B * this.nPairs * 8
    this.svNorms = rowSquaredNorms(sv, nSV, d)
  }

  /**
   * The shared instance with this model's data in its memory (uploaded when another model, or
   * none, used it last); null if its memory cannot grow enough.
   */
  private bind(): RbfExports | null {
    if (shared === null) {
      const mod = wasmModule()
      if (mod === null) return null
      shared = {
        ex: new WebAssembly.Instance(mod, WASM_IMPORTS).exports as unknown as RbfExports,
        owner: null,
      }
    }
    const { ex } = shared
    if (shared.owner === this && this.buf === ex.memory.buffer) return ex
    const have = ex.memory.buffer.byteLength
    if (this.end > have) {
      try {
        ex.memory.grow(Math.ceil((this.end - have) / 65536))
      } catch {
        return null
      }
    }
    const { nSV, d, layout } = this
    const k = layout.nClass
    const data = CFG.end
    const buf = ex.memory.buffer
    new Float64Array(buf, data, nSV * d).set(this.sv.subarray(0, nSV * d))
    new Float64Array(buf, this.svsq, nSV).set(this.svNorms)
    const offs = new Int32Array(buf, this.offs, nSV)
    for (let j = 0; j < nSV; j++) offs[j] = data + j * d * 8
    new Float64Array(buf, CFG.negGamma, 1)[0] = -this.gamma
    const B = this.blockRows
    this.qView = new Float64Array(buf, this.q, B * d)
    this.qsqView = new Float64Array(buf, this.qsq, B)
    new Float64Array(buf, this.coef, Math.max(1, k - 1) * nSV).set(
      layout.svCoef.subarray(0, Math.max(1, k - 1) * nSV),
    )
    // The memory holds the previous owner's values: every input is written, start[0] too.
    const start = new Int32Array(buf, this.start, k)
    start[0] = 0
    for (let c = 1; c < k; c++) start[c] = start[c - 1] + layout.nSupport[c - 1]
    new Int32Array(buf, this.nsup, k).set(layout.nSupport)
    new Float64Array(buf, this.rho, this.nPairs).set(layout.rho)
    this.decView = new Float64Array(buf, this.dec, B * this.nPairs)
    this.buf = buf
    shared.owner = this
    return ex
  }

  /**
   * Decision values (m × nPairs, row-major) of every row of X: kernel blocks, then sums; null
   * if the instance's memory could not hold this model.
   */
  decisions(X: Float64Array, m: number): Float64Array | null {
    const ex = this.bind()
    if (ex === null) return null
    const { nPairs, nSV, blockRows } = this
    const out = new Float64Array(m * nPairs)
    const xsq = rowSquaredNorms(X, m, this.d)
    const k = this.layout.nClass
    for (let r0 = 0; r0 < m; r0 += blockRows) {
      const cnt = Math.min(blockRows, m - r0)
      this.fill(ex, X, xsq, r0, cnt)
      ex.ovoDecision(this.out, cnt, nSV, this.coef, this.start, this.nsup, this.rho, k, this.dec)
      out.set(this.decView.subarray(0, cnt * nPairs), r0 * nPairs)
    }
    return out
  }

  private fill(ex: RbfExports, X: Float64Array, xsq: Float64Array, r0: number, cnt: number): void {
    const d = this.d
    this.qView.set(X.subarray(r0 * d, (r0 + cnt) * d))
    this.qsqView.set(xsq.subarray(r0, r0 + cnt))
    ex.rbfBlock(this.q, this.qsq, cnt, d, this.offs, this.nSV, this.svsq, this.out)
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
const wasmKernels = new WeakMap<Float64Array, { spec: KernelSpec; k: WasmRbfKernel }>()

const sameSpec = (a: KernelSpec, b: KernelSpec) =>
  a.kernel === b.kernel && a.gamma === b.gamma && a.degree === b.degree && a.coef0 === b.coef0

/** The (cached) SvKernel of a model's support vectors (row-major nSV × d), any kernel. */
export function svKernel(spec: KernelSpec, sv: Float64Array, nSV: number, d: number): SvKernel {
  const hit = kernels.get(sv)
  if (hit !== undefined && sameSpec(hit.spec, spec)) return hit.k
  const k = new EngineKernel(spec, sv, nSV, d)
  kernels.set(sv, { spec, k })
  return k
}

// The same coefficient array, and the same (few) class counts and intercepts.
function sameLayout(a: OvoLayout, b: OvoLayout): boolean {
  if (a.svCoef !== b.svCoef || a.nClass !== b.nClass || a.rho.length !== b.rho.length) return false
  for (let c = 0; c < a.nClass; c++) if (a.nSupport[c] !== b.nSupport[c]) return false
  for (let p = 0; p < a.rho.length; p++) if (!Object.is(a.rho[p], b.rho[p])) return false
  return true
}

/**
 * Decision values (m × pairs, row-major) of every row of X for an RBF model, entirely in
 * WebAssembly (kernel blocks, then the one-vs-one sums); null where that path is unavailable
 * (another kernel, no WebAssembly SIMD, MLSTACK_SVM_WASM=0): use svKernel then.
 */
export function wasmRbfDecisions(
  spec: KernelSpec,
  sv: Float64Array,
  nSV: number,
  d: number,
  layout: OvoLayout,
  X: Float64Array,
  m: number,
): Float64Array | null {
  if (spec.kernel !== RBF || nSV === 0 || wasmDisabled()) return null
  const hit = wasmKernels.get(sv)
  let k: WasmRbfKernel
  if (hit !== undefined && sameSpec(hit.spec, spec) && sameLayout(hit.k.layout, layout)) {
    k = hit.k
  } else {
    if (wasmModule() === null) return null
    k = new WasmRbfKernel(sv, nSV, d, spec.gamma, layout)
    wasmKernels.set(sv, { spec, k })
  }
  return k.decisions(X, m)
}
