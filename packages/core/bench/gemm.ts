/**
 * fp32 GEMM throughput (GFLOP/s, one thread) of the @mlstack/core WASM kernels next to
 * @tensorflow/tfjs (cpu backend), @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD, 1 thread),
 * onnxruntime-node (MatMul, intraOpNumThreads 1) and ml-matrix, all in the same process.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfwasm from '@tensorflow/tfjs-backend-wasm'
import { Matrix } from 'ml-matrix'
import * as ort from 'onnxruntime-node'
import { compileKernelVariant, kernelsFor } from '../src/internal/wasm/kernels.js'
import { sgemm } from '../src/internal/wasm/sgemm.js'
import { WasmHeap } from '../src/internal/wasm/WasmHeap.js'
import { fmt, measure } from './measure.js'
import { onnxMatMulModel } from './onnxMatMul.js'

export interface GemmRow {
  shape: string
  gflops: Record<string, number>
}

function fill(a: Float32Array, seed: number): Float32Array {
  let s = seed
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    a[i] = s / 2 ** 32 - 0.5
  }
  return a
}

async function tfBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') tfwasm.setThreadsCount(1)
  await tf.setBackend(name)
  await tf.ready()
}

export async function benchGemm(
  shapes: [number, number, number][],
  log: (s: string) => void,
): Promise<{ rows: GemmRow[]; columns: string[] }> {
  const heap = new WasmHeap()
  const columns = [
    'mlstack relaxed-simd',
    'mlstack simd',
    'tfjs-wasm',
    'tfjs-cpu',
    'ORT',
    'ml-matrix',
  ]
  const hasRelaxed = compileKernelVariant('relaxed-simd') !== null
  const rows: GemmRow[] = []
  for (const [m, n, k] of shapes) {
    const flops = 2 * m * n * k
    const gf = (sec: number): number => flops / sec / 1e9
    const a = fill(new Float32Array(m * k), 1)
    const b = fill(new Float32Array(k * n), 2)
    const row: GemmRow = { shape: `${m}×${k} · ${k}×${n}`, gflops: {} }
    const slow = flops > 1e9 ? { samples: 3, sampleMs: 1, maxSeconds: 6 } : { maxSeconds: 3 }

    const pa = heap.alloc(a.byteLength)
    const pb = heap.alloc(b.byteLength)
    const pc = heap.alloc(m * n * 4)
    heap.f32(pa, a.length).set(a)
    heap.f32(pb, b.length).set(b)
    for (const variant of ['relaxed-simd', 'simd'] as const) {
      if (variant === 'relaxed-simd' && !hasRelaxed) {
        row.gflops[`mlstack ${variant}`] = Number.NaN
        continue
      }
      const t = await measure(() =>
        sgemm(heap, { m, n, k, a: pa, lda: k, b: pb, ldb: n, c: pc, ldc: n, variant }),
      )
      row.gflops[`mlstack ${variant}`] = gf(t.seconds)
    }
    heap.free(pa)
    heap.free(pb)
    heap.free(pc)

    // The scalar JS implementations (~1 GFLOP/s) would take minutes at n = 1024: orientation
    // only, so they are timed up to 2^28 flops.
    const scalarOk = flops <= 2 ** 28
    for (const backend of ['wasm', 'cpu'] as const) {
      if (backend === 'cpu' && !scalarOk) {
        row.gflops['tfjs-cpu'] = Number.NaN
        continue
      }
      await tfBackend(backend)
      const ta = tf.tensor2d(a, [m, k])
      const tb = tf.tensor2d(b, [k, n])
      const t = await measure(
        () => tf.matMul(ta, tb).dispose(),
        backend === 'cpu' ? { samples: 3, sampleMs: 1, maxSeconds: 3 } : slow,
      )
      row.gflops[`tfjs-${backend}`] = gf(t.seconds)
      ta.dispose()
      tb.dispose()
    }

    const session = await ort.InferenceSession.create(onnxMatMulModel(m, n, k), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    })
    const feeds = {
      A: new ort.Tensor('float32', a, [m, k]),
      B: new ort.Tensor('float32', b, [k, n]),
    }
    row.gflops.ORT = gf((await measure(() => session.run(feeds), slow)).seconds)
    await session.release()

    if (!scalarOk) {
      row.gflops['ml-matrix'] = Number.NaN
      rows.push(row)
      log(`  ${row.shape}: ${columns.map((c) => `${c} ${fmt(row.gflops[c])}`).join(', ')}`)
      continue
    }
    const ma = new Matrix(m, k)
    const mb = new Matrix(k, n)
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) ma.set(i, j, a[i * k + j])
    for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) mb.set(i, j, b[i * n + j])
    row.gflops['ml-matrix'] = gf(
      (await measure(() => ma.mmul(mb), { samples: 3, sampleMs: 1, maxSeconds: 3 })).seconds,
    )

    rows.push(row)
    log(`  ${row.shape}: ${columns.map((c) => `${c} ${fmt(row.gflops[c])}`).join(', ')}`)
  }
  return { rows, columns }
}

export function gemmTable(rows: GemmRow[], columns: string[]): string {
  const best = (r: GemmRow): number =>
    Math.max(r.gflops['mlstack relaxed-simd'] || 0, r.gflops['mlstack simd'] || 0)
  const head = `| shape (m×k · k×n) | ${columns.join(' | ')} | mlstack / tfjs-wasm | mlstack / ORT |`
  const sep = `|${'---|'.repeat(columns.length + 3)}`
  const body = rows.map(
    (r) =>
      `| ${r.shape} | ${columns.map((c) => fmt(r.gflops[c])).join(' | ')} | ${fmt(best(r) / r.gflops['tfjs-wasm'], 2)}× | ${fmt(best(r) / r.gflops.ORT, 2)}× |`,
  )
  return [head, sep, ...body].join('\n')
}

/**
 * The micro-kernel alone on cache-resident packed panels (no packing, no edges): the ceiling
 * the full GEMM can approach, i.e. what the WASM SIMD128 code reaches on this CPU.
 */
export async function microKernelPeak(): Promise<Record<string, number>> {
  const heap = new WasmHeap()
  const out: Record<string, number> = {}
  for (const variant of ['relaxed-simd', 'simd'] as const) {
    if (variant === 'relaxed-simd' && compileKernelVariant(variant) === null) continue
    const k = kernelsFor(heap, variant).exports
    const kc = 256
    const mc = 48
    const nc = 64
    const pa = heap.alloc(mc * kc * 4)
    const pb = heap.alloc(nc * kc * 4)
    const pc = heap.alloc(mc * nc * 4)
    const scratch = heap.alloc(1024)
    heap.f32(pa, mc * kc).fill(1e-3)
    heap.f32(pb, nc * kc).fill(1e-3)
    const t = await measure(() => k.macro(kc, mc, nc, pa, pb, pc, nc * 4, 1, scratch))
    out[variant] = (2 * mc * nc * kc) / t.seconds / 1e9
  }
  return out
}
