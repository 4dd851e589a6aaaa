/**
 * @mlstack/nn benchmark: the Keras seed recipe (784-64(relu)-64(relu)-10(softmax), Adam lr
 * 1e-3, sparse categorical CE) trained with `Sequential.fit` at batch 32 and 128 on one thread,
 * side by side in the same run with PyTorch (bench_torch.py, when /usr/bin/python3 has torch)
 * and tfjs-layers (cpu and wasm backends); then batch-1 and batch-256 inference.
 *
 *   pnpm --filter @mlstack/nn bench [--epochs 3] [--quick] [--data DIR]
 *
 * Every figure is a median over epochs (training) or repeats (inference), reported both as
 * wall-clock and as process CPU time (the CPU column is the fair one on a loaded machine).
 * Writes bench-results/nn.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { manualSeed, noGrad, type Tensor, tensor, tidy } from '@mlstack/core'
import { FASHION_MNIST_DEFAULT_DIR, loadFashionMnist } from '@mlstack/data'
import * as tf from '@tensorflow/tfjs'
import * as tfwasm from '@tensorflow/tfjs-backend-wasm'
import { Callback, Dense, Sequential } from '../src/index.js'

const args = process.argv.slice(2)
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const quick = args.includes('--quick')
const EPOCHS = Number(arg('epochs', quick ? '1' : '3'))
const dataDir = arg('data', FASHION_MNIST_DEFAULT_DIR)
const ROUNDS = Number(arg('rounds', quick ? '1' : '2'))

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const cpuSec = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

interface Data {
  xTrain: Float32Array
  yTrain: Uint8Array | Int32Array
  xTest: Float32Array
  yTest: Uint8Array | Int32Array
  source: string
}

async function loadData(): Promise<Data> {
  if (
    existsSync(join(dataDir, 'train-images-idx3-ubyte.gz')) ||
    existsSync(join(dataDir, 'train-images-idx3-ubyte'))
  ) {
    const tr = await loadFashionMnist({ dir: dataDir, split: 'train' })
    const te = await loadFashionMnist({ dir: dataDir, split: 'test' })
    return {
      xTrain: tr.images.data as Float32Array,
      yTrain: tr.labels.data as Uint8Array,
      xTest: te.images.data as Float32Array,
      yTest: te.labels.data as Uint8Array,
      source: `Fashion-MNIST (${dataDir})`,
    }
  }
  manualSeed(0)
  const rnd = (n: number) => Float32Array.from({ length: n }, () => Math.random())
  const lab = (n: number) => Int32Array.from({ length: n }, () => Math.floor(Math.random() * 10))
  return {
    xTrain: rnd(60000 * 784),
    yTrain: lab(60000),
    xTest: rnd(10000 * 784),
    yTest: lab(10000),
    source: 'synthetic (Fashion-MNIST not found)',
  }
}

class EpochTimer extends Callback {
  wall: number[] = []
  cpu: number[] = []
  private t0 = 0
  private c0 = 0
  override onEpochBegin(): void {
    this.t0 = performance.now()
    this.c0 = cpuSec()
  }
  override onEpochEnd(): void {
    // Validation is off in the benchmark, so this is the training loop only.
    this.wall.push((performance.now() - this.t0) / 1000)
    this.cpu.push(cpuSec() - this.c0)
  }
}

function seedModel(): Sequential {
  manualSeed(0)
  return new Sequential([
    new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
    new Dense({ units: 64, activation: 'relu' }),
    new Dense({ units: 10, activation: 'softmax' }),
  ])
}

interface Row {
  impl: string
  batch: number
  wall: number
  cpu: number
  acc?: number
  note?: string
}

async function benchMlstack(
  d: Data,
  batch: number,
  variant: 'fused' | 'keras' | 'logits',
): Promise<Row> {
  const m =
    variant === 'logits'
      ? new Sequential([
          new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
          new Dense({ units: 64, activation: 'relu' }),
          new Dense({ units: 10 }),
        ])
      : seedModel()
  m.compile({
    optimizer: { name: 'adam', lr: 1e-3 },
    loss: variant === 'logits' ? 'crossEntropy' : 'sparseCategoricalCrossentropy',
    fuseSoftmax: variant !== 'keras',
  })
  const timer = new EpochTimer()
  const n = d.yTrain.length
  await m.fit({ data: d.xTrain, shape: [n, 784] }, d.yTrain, {
    epochs: EPOCHS,
    batchSize: batch,
    seed: 0,
    verbose: 0,
    callbacks: [timer],
  })
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
  const ev = await m.evaluate({ data: d.xTest, shape: [d.yTest.length, 784] }, d.yTest)
  const label = {
    fused: 'softmax + sparse CE (fused logits path, default)',
    keras: 'softmax + sparse CE (fuseSoftmax: false)',
    logits: 'logits + crossEntropy',
  }[variant]
  m.dispose()
  return {
    impl: `mlstack (${label})`,
    batch,
    wall: n / median(timer.wall),
    cpu: n / median(timer.cpu),
    acc: ev.accuracy,
  }
}

function benchTorch(
  d: Data,
  batch: number,
  infer: boolean,
): (Row & { raw?: Record<string, number> }) | null {
  const py = '/usr/bin/python3'
  const check = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' })
  if (check.status !== 0) return null
  const r = spawnSync(
    py,
    [
      join(import.meta.dirname, 'bench_torch.py'),
      '--data',
      d.source.startsWith('synthetic') ? 'synthetic' : dataDir,
      '--batch',
      String(batch),
      '--epochs',
      String(EPOCHS),
      ...(infer ? ['--infer'] : []),
    ],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } },
  )
  if (r.status !== 0) {
    console.error(r.stderr)
    return null
  }
  const j = JSON.parse(r.stdout.trim().split('\n').pop() as string)
  return {
    impl: `PyTorch ${j.torch} (eager, 1 thread)`,
    batch,
    wall: j.samples_per_s_wall,
    cpu: j.samples_per_s_cpu,
    acc: j.epochs[j.epochs.length - 1].test_acc,
    raw: j,
  }
}

async function benchTfjs(d: Data, batch: number, backend: 'cpu' | 'wasm'): Promise<Row> {
  if (backend === 'wasm') tfwasm.setThreadsCount(1)
  await tf.setBackend(backend)
  await tf.ready()
  // tfjs is slow enough that a subset gives a stable rate in reasonable time.
  const n = backend === 'cpu' ? (quick ? 2048 : 6144) : quick ? 4096 : 15360
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  })
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' })
  const x = tf.tensor2d(d.xTrain.subarray(0, n * 784), [n, 784])
  const y = tf.tensor1d(Float32Array.from(d.yTrain.subarray(0, n)))
  const wall: number[] = []
  const cpu: number[] = []
  for (let e = 0; e < 2; e++) {
    const t0 = performance.now()
    const c0 = cpuSec()
    await model.fit(x, y, { epochs: 1, batchSize: batch, shuffle: true, verbose: 0 })
    wall.push((performance.now() - t0) / 1000)
    cpu.push(cpuSec() - c0)
  }
  x.dispose()
  y.dispose()
  model.dispose()
  return {
    impl: `tfjs-layers 4.22 ${backend}${backend === 'wasm' ? ' (1 thread)' : ''}`,
    batch,
    wall: n / median(wall),
    cpu: n / median(cpu),
    note: `${n} samples`,
  }
}

interface InferRow {
  impl: string
  batch: number
  wall: number
  cpu: number
}

function timeIt(fn: () => void, reps: number): { wall: number; cpu: number } {
  const w: number[] = []
  const c: number[] = []
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now()
    const c0 = cpuSec()
    fn()
    w.push((performance.now() - t0) / 1000)
    c.push(cpuSec() - c0)
  }
  return { wall: median(w), cpu: median(c) }
}

function benchInference(d: Data): InferRow[] {
  const m = seedModel()
  m.eval()
  const rows: InferRow[] = []
  const n1 = 2000
  const singles: Tensor[] = []
  for (let i = 0; i < n1; i++)
    singles.push(tensor(d.xTest.subarray(i * 784, i * 784 + 784), { shape: [1, 784] }))
  const warm = () => {
    for (const s of singles) m.predict(s).dispose()
  }
  warm()
  let t = timeIt(warm, 5)
  rows.push({
    impl: 'mlstack predict(x) (validates input)',
    batch: 1,
    wall: n1 / t.wall,
    cpu: n1 / t.cpu,
  })
  const raw = () => {
    for (const s of singles) noGrad(() => tidy(() => m.call(s))).dispose()
  }
  raw()
  t = timeIt(raw, 5)
  rows.push({
    impl: 'mlstack noGrad(() => model.call(x))',
    batch: 1,
    wall: n1 / t.wall,
    cpu: n1 / t.cpu,
  })
  for (const s of singles) s.dispose()
  const chunks: Tensor[] = []
  for (let i = 0; i < 10000; i += 256) {
    const e = Math.min(10000, i + 256)
    chunks.push(tensor(d.xTest.subarray(i * 784, e * 784), { shape: [e - i, 784] }))
  }
  const big = () => {
    for (const c of chunks) m.predict(c).dispose()
  }
  big()
  t = timeIt(big, 5)
  rows.push({ impl: 'mlstack predict(x)', batch: 256, wall: 10000 / t.wall, cpu: 10000 / t.cpu })
  for (const c of chunks) c.dispose()
  m.dispose()
  return rows
}

function medianRow(rs: Row[]): Row {
  return {
    ...rs[0],
    wall: median(rs.map((r) => r.wall)),
    cpu: median(rs.map((r) => r.cpu)),
    note: rs.length > 1 ? `median of ${rs.length} rounds` : rs[0].note,
  }
}

async function benchTfjsInference(d: Data, backend: 'cpu' | 'wasm'): Promise<InferRow[]> {
  await tf.setBackend(backend)
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  })
  const rows: InferRow[] = []
  const n1 = 500
  const singles = Array.from({ length: n1 }, (_, i) =>
    tf.tensor2d(d.xTest.subarray(i * 784, i * 784 + 784), [1, 784]),
  )
  const one = () => {
    for (const s of singles) {
      const o = model.predict(s) as tf.Tensor
      o.dataSync()
      o.dispose()
    }
  }
  one()
  let t = timeIt(one, 3)
  rows.push({
    impl: `tfjs-layers ${backend} predict`,
    batch: 1,
    wall: n1 / t.wall,
    cpu: n1 / t.cpu,
  })
  const big = tf.tensor2d(d.xTest.subarray(0, 2560 * 784), [2560, 784])
  const b = () => {
    const o = model.predict(big, { batchSize: 256 }) as tf.Tensor
    o.dataSync()
    o.dispose()
  }
  b()
  t = timeIt(b, 3)
  rows.push({
    impl: `tfjs-layers ${backend} predict`,
    batch: 256,
    wall: 2560 / t.wall,
    cpu: 2560 / t.cpu,
  })
  for (const s of singles) s.dispose()
  big.dispose()
  model.dispose()
  return rows
}

const fmt = (v: number) => Math.round(v).toLocaleString('en-US')

async function main(): Promise<void> {
  const d = await loadData()
  console.log(`data: ${d.source}; epochs per config: ${EPOCHS}`)
  const rows: Row[] = []
  const torchRows = new Map<number, Row>()
  let torchInfer: Record<string, number> | undefined
  for (const batch of [32, 128]) {
    // mlstack's default path and PyTorch alternate for ROUNDS rounds (the load on a shared
    // machine drifts); each reported figure is the median over rounds of per-round medians.
    const ours: Row[] = []
    const theirs: (Row & { raw?: Record<string, number> })[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const a = await benchMlstack(d, batch, 'fused')
      console.log(a)
      ours.push(a)
      const t = benchTorch(d, batch, batch === 32 && r === 0)
      if (t) {
        console.log({ ...t, raw: undefined })
        theirs.push(t)
        if (t.raw?.infer_b1_cpu !== undefined) torchInfer = t.raw
      } else
        console.log('PyTorch not available (/usr/bin/python3 -c "import torch" failed): skipped')
    }
    rows.push(medianRow(ours))
    if (theirs.length > 0) {
      const t = medianRow(theirs)
      rows.push(t)
      torchRows.set(batch, t)
    }
    const variants: ('keras' | 'logits')[] = batch === 32 && !quick ? ['keras', 'logits'] : []
    for (const v of variants) {
      const r = await benchMlstack(d, batch, v)
      rows.push(r)
      console.log(r)
    }
    for (const be of ['cpu', 'wasm'] as const) {
      const r = await benchTfjs(d, batch, be)
      rows.push(r)
      console.log(r)
    }
  }
  await tf.setBackend('cpu')
  const inf = benchInference(d)
  for (const be of ['wasm', 'cpu'] as const) inf.push(...(await benchTfjsInference(d, be)))
  for (const r of inf) console.log(r)

  const lines: string[] = []
  lines.push(
    `Data: ${d.source}. Training: ${EPOCHS} epoch(s) per mlstack/PyTorch config (median epoch), tfjs on a subset.`,
  )
  lines.push('')
  lines.push(
    '| implementation | batch | samples/s (wall) | samples/s (CPU time) | vs PyTorch (CPU) | test acc |',
  )
  lines.push('| --- | --- | --- | --- | --- | --- |')
  for (const r of rows) {
    const pt = torchRows.get(r.batch)
    const ratio = pt ? `${(r.cpu / pt.cpu).toFixed(2)}×` : 'n/a'
    lines.push(
      `| ${r.impl}${r.note ? ` (${r.note})` : ''} | ${r.batch} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${ratio} | ${r.acc === undefined ? '' : `${(r.acc * 100).toFixed(1)} %`} |`,
    )
  }
  lines.push('')
  lines.push('| inference | batch | samples/s (wall) | samples/s (CPU time) | vs PyTorch (CPU) |')
  lines.push('| --- | --- | --- | --- | --- |')
  for (const r of inf) {
    const p = torchInfer?.[`infer_b${r.batch}_cpu`]
    lines.push(
      `| ${r.impl} | ${r.batch} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${p ? `${(r.cpu / p).toFixed(2)}×` : 'n/a'} |`,
    )
  }
  if (torchInfer) {
    for (const b of [1, 256]) {
      lines.push(
        `| PyTorch eager (inference_mode) | ${b} | ${fmt(torchInfer[`infer_b${b}_wall`])} | ${fmt(torchInfer[`infer_b${b}_cpu`])} | 1.00× |`,
      )
    }
  }
  const md = lines.join('\n')
  console.log(`\n${md}`)
  const out = join(import.meta.dirname, '..', '..', '..', 'bench-results')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'nn.md'), `${md}\n`)
}

await main()
