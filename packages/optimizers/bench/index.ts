/**
 * Optimizer step cost on the flagship 784-64-64-10 MLP's parameters (55,114 float32 values):
 * median CPU µs per `step()` for our optimizers on @mlstack/core tensors (live hostView path) and
 * on plain typed arrays, side by side with PyTorch's torch.optim on 1 thread when Debian's
 * python3-torch is installed. Writes BENCHMARKS.md beside package.json.
 *
 *   pnpm --filter @mlstack/optimizers bench
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randn, type Tensor } from '@mlstack/core'
import {
  Adam,
  AdamW,
  type ArrayParameter,
  clipGradNorm,
  type Parameter,
  RMSprop,
  SGD,
} from '../src/index.js'
import { markdownTable } from './markdownTable.js'
import { measure } from './measure.js'

const here = dirname(fileURLToPath(import.meta.url))
const SHAPES = [[64, 784], [64], [64, 64], [64], [10, 64], [10]]

function tensorParams(): Tensor[] {
  return SHAPES.map((s, i) => {
    const p = randn(s, { seed: i, requiresGrad: true })
    p.grad = randn(s, { seed: 100 + i }).mul(1e-3)
    return p
  })
}

function arrayParams(): ArrayParameter[] {
  return SHAPES.map((s) => {
    const n = s.reduce((a, b) => a * b, 1)
    const data = new Float32Array(n)
    const grad = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      data[i] = Math.random() - 0.5
      grad[i] = (Math.random() - 0.5) * 1e-3
    }
    return { data, grad }
  })
}

type Make = (p: Parameter[]) => { step(): void }
const optimizers: [string, Make][] = [
  ['Adam', (p) => new Adam(p, { lr: 1e-3 })],
  ['AdamW', (p) => new AdamW(p, { lr: 1e-3 })],
  ['SGD momentum', (p) => new SGD(p, { lr: 1e-2, momentum: 0.9 })],
  ['RMSprop', (p) => new RMSprop(p, { lr: 1e-3 })],
]

function torchAnchor(): Record<string, number> | null {
  const py = '/usr/bin/python3'
  if (!existsSync(py)) return null
  try {
    const out = execFileSync(py, [join(here, 'torch_step.py')], { encoding: 'utf8' })
    return JSON.parse(out).results
  } catch {
    return null
  }
}

const rows: string[][] = []
const total = SHAPES.reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0)
console.log(`parameters: ${total}`)
const torch = torchAnchor()
for (const [name, make] of optimizers) {
  const tOpt = make(tensorParams())
  const aOpt = make(arrayParams())
  const onTensors = measure(() => tOpt.step()) * 1e6
  const onArrays = measure(() => aOpt.step()) * 1e6
  const t1 = torch?.[`${name} (foreach=False)`]
  const t2 = torch?.[`${name} (foreach=True)`]
  const best = t1 !== undefined && t2 !== undefined ? Math.min(t1, t2) : undefined
  const ratio = best !== undefined ? `${(best / onTensors).toFixed(1)}×` : 'n/a'
  const row = [
    name,
    onTensors.toFixed(1),
    onArrays.toFixed(1),
    t1?.toFixed(1) ?? 'n/a',
    t2?.toFixed(1) ?? 'n/a',
    ratio,
  ]
  console.log(row.join(' | '))
  rows.push(row)
}
// Fixed per-step cost: the same 6 tensors with one element each.
const tiny = SHAPES.map((_, i) => {
  const p = randn([1], { seed: i, requiresGrad: true })
  p.grad = randn([1], { seed: 50 + i })
  return p
})
const tinyOpt = new Adam(tiny, { lr: 1e-3 })
const overhead = measure(() => tinyOpt.step()) * 1e6
const overheadRow = [
  'Adam, 6 one-element tensors (fixed cost per step)',
  overhead.toFixed(1),
  '',
  '',
  '',
  '',
]
console.log(overheadRow.join(' | '))
rows.push(overheadRow)

const cp = tensorParams()
const clip = measure(() => clipGradNorm(cp, 1e9)) * 1e6
const clipRow = [
  'clipGradNorm',
  clip.toFixed(1),
  '',
  torch?.clip_grad_norm_?.toFixed(1) ?? 'n/a',
  '',
  '',
]
console.log(clipRow.join(' | '))
rows.push(clipRow)

const md = `# @mlstack/optimizers benchmarks

Median CPU µs per \`step()\` (process CPU time, user + system) over the parameters of the
flagship 784-64-64-10 MLP (${total} float32 values in 6 tensors), measured side by side in
one run with PyTorch's \`torch.optim\` (1 thread; \`foreach=False\` is the per-tensor loop, \`foreach=True\` the multi-tensor path).
"speed-up" is PyTorch's faster variant divided by ours on core tensors. On float32 CPU tensors
Adam, AdamW, SGD and RMSprop run core's fused WebAssembly SIMD kernels; the typed-array column
is the JavaScript loop (also the path for float64 tensors, \`maximize\` and other backends).

${markdownTable(
  [
    'optimizer',
    'ours, core tensors (µs)',
    'ours, typed arrays (µs)',
    'PyTorch foreach=False (µs)',
    'PyTorch foreach=True (µs)',
    'speed-up',
  ],
  rows,
)}

Command: \`pnpm --filter @mlstack/optimizers bench\` (runs \`bench/index.ts\`; the PyTorch column
comes from \`bench/torch_step.py\` run with Debian's \`/usr/bin/python3\` when python3-torch is
installed).

Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}.
These machines are shared and noisy (±15 % run to run; load average ${loadavg()[0].toFixed(1)} when
this ran); medians of 9 samples of CPU time on both sides. Compare within one run only.
`
writeFileSync(join(here, '..', 'BENCHMARKS.md'), md)
