/**
 * The @mlstack/core benchmark (`pnpm --filter @mlstack/core bench`, or `pnpm bench` at the
 * root). Prints Markdown tables and writes them to bench-results/core.md (git-ignored); the
 * numbers committed in BENCHMARKS.md come from this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { arch, cpus, platform } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { preferredKernelVariant } from '../src/internal/wasm/kernels.js'
import { benchConv, CONV_SHAPE } from './conv.js'
import { benchGemm, gemmTable, microKernelPeak } from './gemm.js'
import { clockName, fmt } from './measure.js'
import { benchInference, benchMlp, benchOverhead } from './mlp.js'

const log = (s: string): void => console.log(s)
const quick = process.argv.includes('--quick')

const out: string[] = []
out.push(
  `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores), ${platform()} ${arch()}, Node ${process.version}; WASM kernels: ${preferredKernelVariant()}; clock: ${clockName}; medians of up to 7 samples.`,
)

log('fp32 GEMM, 1 thread, GFLOP/s (median of samples):')
const square: [number, number, number][] = (quick ? [128, 512] : [128, 256, 512, 1024]).map((s) => [
  s,
  s,
  s,
])
const mlp: [number, number, number][] = [
  [1, 64, 784],
  [32, 64, 784],
  [128, 64, 784],
  [784, 64, 32],
  [32, 784, 64],
]
const g = await benchGemm([...square, ...(quick ? [] : mlp)], log)
out.push('', '### fp32 GEMM, 1 thread, GFLOP/s', '', gemmTable(g.rows, g.columns))
const peak = await microKernelPeak()
const peakLine = Object.entries(peak)
  .map(([v, gf]) => `${v} ${fmt(gf)}`)
  .join(', ')
log(`micro-kernel alone on cache-resident panels: ${peakLine} GFLOP/s`)
out.push(
  '',
  `Micro-kernel alone on cache-resident packed panels (the ceiling of the WASM code): ${peakLine} GFLOP/s.`,
)

log('per-op dispatch overhead (tiny add):')
const overhead = await benchOverhead()
for (const r of overhead) log(`  ${r.impl}: ${fmt(r.microseconds, 2)} µs`)
out.push(
  '',
  '### Per-op dispatch overhead (one `add` of two 1-element tensors, incl. dispose)',
  '',
  '| implementation | µs per op |',
  '|---|---|',
  ...overhead.map((r) => `| ${r.impl} | ${fmt(r.microseconds, 2)} |`),
)

log('MLP 784→64→64→10 forward + backward:')
const mlpRows = await benchMlp([32, 128])
for (const r of mlpRows) {
  log(
    `  ${r.impl} batch ${r.batch}: ${fmt(r.msPerStep, 3)} ms/step, ${fmt(r.samplesPerSecond, 0)} samples/s`,
  )
}
out.push(
  '',
  '### MLP 784→64→64→10 step (forward + backward, softmax cross-entropy), 1 thread',
  '',
  '| implementation | batch | ms / step | samples / s |',
  '|---|---|---|---|',
  ...mlpRows.map(
    (r) => `| ${r.impl} | ${r.batch} | ${fmt(r.msPerStep, 3)} | ${fmt(r.samplesPerSecond, 0)} |`,
  ),
)

log('MLP inference latency, batch 1:')
const latency = await benchInference()
for (const r of latency) log(`  ${r.impl}: ${fmt(r.microseconds, 1)} µs`)
out.push(
  '',
  '### MLP 784→64→64→10 inference latency (forward + softmax, batch 1, no autograd), 1 thread',
  '',
  '| implementation | µs per sample |',
  '|---|---|',
  ...latency.map((r) => `| ${r.impl} | ${fmt(r.microseconds, 1)} |`),
)

log('conv2d:')
const convRows = await benchConv()
for (const r of convRows) {
  log(
    `  ${r.impl}: forward ${fmt(r.forwardMs, 2)} ms, forward + both gradients ${fmt(r.stepMs, 2)} ms`,
  )
}
const cs = CONV_SHAPE
out.push(
  '',
  `### conv2d ${cs.n}×${cs.c}×${cs.h}×${cs.w} ⊛ ${cs.o}×${cs.c}×${cs.k}×${cs.k}, padding 1 ('same'), 1 thread`,
  '',
  '| implementation | forward ms | forward + both gradients ms |',
  '|---|---|---|',
  ...convRows.map((r) => `| ${r.impl} | ${fmt(r.forwardMs, 2)} | ${fmt(r.stepMs, 2)} |`),
)

const md = out.join('\n')
console.log(`\n${md}`)
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results')
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'core.md'), `${md}\n`)
