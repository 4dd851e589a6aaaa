import { sgemm } from '../src/internal/wasm/sgemm.js'
import { WasmHeap } from '../src/internal/wasm/WasmHeap.js'

const heap = new WasmHeap()
for (const [m, n, k, ta, tb] of [
  [512, 512, 512, false, false],
  [32, 64, 784, false, false],
  [784, 64, 32, true, false],
  [32, 784, 64, false, true],
  [128, 64, 784, false, false],
  [128, 784, 64, false, true],
] as [number, number, number, boolean, boolean][]) {
  const pa = heap.alloc(m * k * 4),
    pb = heap.alloc(k * n * 4),
    pc = heap.alloc(m * n * 4)
  heap.f32(pa, m * k).fill(0.5)
  heap.f32(pb, k * n).fill(0.25)
  const run = () =>
    sgemm(heap, {
      m,
      n,
      k,
      a: pa,
      lda: ta ? m : k,
      transA: ta,
      b: pb,
      ldb: tb ? k : n,
      transB: tb,
      c: pc,
      ldc: n,
    })
  const flops = 2 * m * n * k
  const reps = Math.max(1, Math.round(1e8 / flops))
  for (let i = 0; i < reps * 3; i++) run()
  const times: number[] = []
  for (let t = 0; t < 9; t++) {
    const t0 = performance.now()
    for (let i = 0; i < reps; i++) run()
    times.push((performance.now() - t0) / reps)
  }
  times.sort((a, b) => a - b)
  console.log(
    m,
    n,
    k,
    ta ? 'Aᵀ' : 'A',
    tb ? 'Bᵀ' : 'B',
    'best',
    (flops / times[0] / 1e6).toFixed(1),
    'median',
    (flops / times[4] / 1e6).toFixed(1),
    'GFLOP/s',
  )
}
