/**
 * Standalone micro-benchmark for two hot paths of a training step (issue 3), for A/B runs before
 * and after a change: the fused Adam step with many moments in the subnormal range, and
 * WasmHeap alloc+free pairs. Run with CPU time on a shared machine:
 *   pnpm --filter @mlstack/core exec tsx bench/stepAndHeap.ts --cpu-time
 */
import type { CpuBuffer } from '../src/backends/cpu/cpuHeap.js'
import { fusedAdamStepF32, tensor, zeros } from '../src/index.js'
import { WasmHeap } from '../src/internal/wasm/WasmHeap.js'
import type { Tensor } from '../src/tensor/Tensor.js'
import { clockName, fmt, measure } from './measure.js'

const N = 55_050 // the seed MLP's parameter count
const view = (t: Tensor): Float32Array => (t.buf as CpuBuffer).view() as Float32Array

/**
 * The first `dead` parameters get a zero gradient (dead ReLU units in the seed MLP): their m
 * starts at 2^-120 and is decayed by the kernel itself for 50 steps (0.9^50 ≈ 2^-7.6), so the
 * moments timed are whatever this build's kernel leaves there (subnormal without the flush,
 * zero with it), as in a real training run.
 */
async function adamCase(dead: number): Promise<{ step: number; reset: number; sub: number }> {
  const p = tensor(Array.from({ length: N }, (_, i) => Math.sin(i)))
  const g = zeros([N])
  const m = zeros([N])
  const v = zeros([N])
  const gv = view(g)
  for (let i = dead; i < N; i++) gv[i] = 1e-3 * Math.cos(i)
  const mv = view(m)
  for (let i = 0; i < N; i++) mv[i] = (i % 2 ? 1 : -1) * 2 ** -120 * (1 + (i % 7) / 8)
  view(v).fill(1e-6)
  const o = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, step: 10 }
  for (let k = 0; k < 50; k++) fusedAdamStepF32(p, g, m, v, o)
  const m0 = view(m).slice()
  const v0 = view(v).slice()
  let sub = 0
  for (const x of m0) if (x !== 0 && Math.abs(x) < 2 ** -126) sub++
  // Reset the state before every timed step so each sees the same inputs; the reset alone is
  // timed too and subtracted.
  const reset = (): void => {
    view(m).set(m0)
    view(v).set(v0)
  }
  const withReset = await measure(() => {
    reset()
    fusedAdamStepF32(p, g, m, v, o)
  })
  const resetOnly = await measure(reset)
  for (const t of [p, g, m, v]) t.dispose()
  return { step: withReset.seconds - resetOnly.seconds, reset: resetOnly.seconds, sub }
}

console.log(`clock: ${clockName}; medians of up to 7 samples; n = ${N}`)
console.log('| zero-gradient params | subnormal m after 50 steps | Adam step µs | reset µs |')
console.log('|---|---|---|---|')
for (const dead of [0, 2_069, 48_000, N]) {
  const r = await adamCase(dead)
  console.log(`| ${dead} | ${r.sub} | ${fmt(r.step * 1e6)} | ${fmt(r.reset * 1e6)} |`)
}

// alloc+free pairs in the pattern of a batch-1 forward: a handful of small live tensors.
const heap = new WasmHeap(16)
const sizes = [256, 4096, 128, 40, 2048, 64, 1024]
const held: number[] = []
for (let i = 0; i < 200; i++) held.push(heap.alloc(512)) // other live tensors
const pairs = await measure(() => {
  const ptrs = sizes.map((s) => heap.alloc(s))
  for (let i = ptrs.length - 1; i >= 0; i--) heap.free(ptrs[i])
})
console.log(`\nWasmHeap alloc+free pair: ${fmt((pairs.seconds / sizes.length) * 1e9)} ns`)
