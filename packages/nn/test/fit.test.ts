// Keras-style training: convergence, options, callbacks, bad input, memory.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { manualSeed, Random, ShapeError, type Tensor, tensor } from '@mlstack/core'
import { ArrayDataset, DataLoader } from '@mlstack/data'
import { StepLR } from '@mlstack/optimizers'
import { describe, expect, test } from 'vitest'
import {
  BatchNorm2d,
  Callback,
  ConfigError,
  Conv2d,
  CSVLogger,
  Dense,
  Dropout,
  EarlyStopping,
  Flatten,
  InvalidInputError,
  JSONLogger,
  LabelError,
  LearningRateScheduler,
  type Logs,
  MaxPool2d,
  NotCompiledError,
  ReduceLROnPlateau,
  ReLU,
  Sequential,
  sparseCrossEntropy,
} from '../src/index.js'

/** Three Gaussian blobs in 4-D, seeded. */
function blobs(n: number, seed = 0): { x: Float32Array; y: Int32Array } {
  const rng = new Random(seed)
  const x = new Float32Array(n * 4)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % 3
    y[i] = c
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal() * 0.7 + (j === c ? 2 : 0)
  }
  return { x, y }
}

function model(seed = 0): Sequential {
  return new Sequential([
    new Dense({ units: 16, activation: 'relu', inputShape: [4], seed }),
    new Dense({ units: 3, activation: 'softmax', seed: seed + 10 }),
  ])
}

const X = (d: { x: Float32Array }) => ({ data: d.x, shape: [d.x.length / 4, 4] })

describe('fit', () => {
  test('a fixed-seed run converges to a known loss and is reproducible', async () => {
    const d = blobs(300)
    const run = async () => {
      const m = model()
      m.compile({
        optimizer: { name: 'adam', lr: 0.01 },
        loss: 'sparseCategoricalCrossentropy',
        metrics: ['accuracy'],
      })
      return m.fit(X(d), d.y, { epochs: 15, batchSize: 32, seed: 0, verbose: 0 })
    }
    const h1 = await run()
    const h2 = await run()
    expect(h1.history.loss).toEqual(h2.history.loss)
    const loss = h1.history.loss as number[]
    expect(loss[0]).toBeGreaterThan(0.6)
    // Known value of this seeded run (float32, Adam lr 0.01, batch 32, 15 epochs).
    expect(loss[14]).toBeCloseTo(0.07415, 4)
    expect(h1.history.accuracy[14]).toBeGreaterThan(0.95)
    expect(h1.epoch).toEqual([...Array(15).keys()])
  })

  test('fused softmax path and the plain Keras path train identically (to float32 rounding)', async () => {
    const d = blobs(120)
    const losses: number[][] = []
    for (const fuseSoftmax of [true, false]) {
      const m = model(3)
      m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', fuseSoftmax })
      const h = await m.fit(X(d), d.y, { epochs: 3, batchSize: 16, seed: 1, verbose: 0 })
      losses.push(h.history.loss as number[])
    }
    for (let i = 0; i < 3; i++) expect(losses[0][i]).toBeCloseTo(losses[1][i], 5)
  })

  test('validationSplit holds out the last samples; evaluate and predict agree', async () => {
    const d = blobs(200, 1)
    const m = model()
    m.compile({
      optimizer: { name: 'adam', lr: 0.01 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    })
    const h = await m.fit(X(d), d.y, { epochs: 3, validationSplit: 0.25, verbose: 0, seed: 0 })
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss'])
    const xv = { data: d.x.subarray(150 * 4), shape: [50, 4] }
    const ev = await m.evaluate(xv, d.y.subarray(150))
    expect(ev.loss).toBeCloseTo(h.history.val_loss[2], 5)
    const p = m.predict(xv)
    expect(p.shape).toEqual([50, 3])
    const pv = p.dataSync()
    let ok = 0
    for (let i = 0; i < 50; i++) {
      const row = Array.from(pv.subarray(i * 3, i * 3 + 3))
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
      if (row.indexOf(Math.max(...row)) === d.y[150 + i]) ok++
    }
    expect(ok / 50).toBeCloseTo(ev.accuracy, 10)
    // Batched predict gives the same as one batch (to float32 rounding: GEMM blocking depends on
    // the batch size).
    const pb = m.predict(xv, { batchSize: 7 }).dataSync()
    expect(pb.length).toBe(pv.length)
    for (let i = 0; i < pv.length; i++) expect(pb[i]).toBeCloseTo(pv[i], 6)
  })

  test('trains from a @mlstack/data DataLoader, with validationData as a loader', async () => {
    const d = blobs(150, 2)
    const ds = new ArrayDataset({ x: { data: d.x, shape: [150, 4] }, y: d.y })
    const loader = new DataLoader(ds, { batchSize: 32, shuffle: true, seed: 0 })
    const m = model()
    m.compile({
      optimizer: { name: 'adam', lr: 0.02 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    })
    const h = await m.fit(loader, {
      epochs: 5,
      verbose: 0,
      validationData: new DataLoader(ds, { batchSize: 64 }),
    })
    expect(h.history.loss[4]).toBeLessThan(h.history.loss[0])
    expect(h.history.val_accuracy[4]).toBeGreaterThan(0.85)
    const ev = await m.evaluate(new DataLoader(ds, { batchSize: 50 }))
    expect(ev.accuracy).toBeCloseTo(h.history.val_accuracy[4], 6)
  })

  test('regression with mse and one-hot targets with categorical CE + classWeight', async () => {
    const rng = new Random(5)
    const n = 128
    const x = new Float32Array(n * 2)
    const y = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      x[2 * i] = rng.normal()
      x[2 * i + 1] = rng.normal()
      y[i] = 3 * x[2 * i] - x[2 * i + 1] + 0.5
    }
    const reg = new Sequential([new Dense({ units: 1, inputShape: [2], seed: 0 })])
    reg.compile({ optimizer: { name: 'adam', lr: 0.1 }, loss: 'mse', metrics: ['mae'] })
    const h = await reg.fit(
      { data: x, shape: [n, 2] },
      { data: y, shape: [n, 1] },
      { epochs: 40, verbose: 0, seed: 0 },
    )
    expect(h.history.loss[39]).toBeLessThan(1e-3)
    const w = (reg.layers[0] as Dense).kernel as Tensor
    expect(Array.from(w.dataSync()).map((v) => Math.round(v * 100) / 100)).toEqual([3, -1])

    const d = blobs(90, 4)
    const oh = new Float32Array(90 * 3)
    for (let i = 0; i < 90; i++) oh[i * 3 + d.y[i]] = 1
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] })
    const a = await m.fit(
      X(d),
      { data: oh, shape: [90, 3] },
      { epochs: 1, verbose: 0, seed: 0, shuffle: false },
    )
    const m2 = model()
    m2.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' })
    const b = await m2.fit(
      X(d),
      { data: oh, shape: [90, 3] },
      {
        epochs: 1,
        verbose: 0,
        shuffle: false,
        classWeight: { 0: 2, 1: 1, 2: 1 },
      },
    )
    // Weighting class 0 twice raises the loss (Σ w·l / n with w ≥ 1).
    expect(b.history.loss[0]).toBeGreaterThan(a.history.loss[0])
  })

  test('a small CNN (Conv2d, BatchNorm2d, MaxPool2d, Flatten, Dropout) learns through fit', async () => {
    // Class = which half of a 6×6 image is bright.
    const rng = new Random(3)
    const n = 64
    const x = new Float32Array(n * 36)
    const y = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      y[i] = i % 2
      for (let p = 0; p < 36; p++) {
        const left = p % 6 < 3
        x[i * 36 + p] = rng.normal() * 0.3 + ((y[i] === 0) === left ? 1 : 0)
      }
    }
    const m = new Sequential({
      inputShape: [1, 6, 6],
      layers: [
        new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1, seed: 0 }),
        new BatchNorm2d({ numFeatures: 4 }),
        new ReLU(),
        new MaxPool2d({ kernelSize: 2 }),
        new Flatten(),
        new Dropout({ rate: 0.1, seed: 0 }),
        new Dense({ units: 2, activation: 'softmax', seed: 1 }),
      ],
    })
    m.compile({
      optimizer: { name: 'adam', lr: 0.02 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    })
    const h = await m.fit({ data: x, shape: [n, 1, 6, 6] }, y, {
      epochs: 8,
      batchSize: 16,
      verbose: 0,
      seed: 0,
    })
    expect(h.history.loss[7]).toBeLessThan(h.history.loss[0] / 2)
    expect((await m.evaluate({ data: x, shape: [n, 1, 6, 6] }, y)).accuracy).toBeGreaterThan(0.95)
  })

  test('validationData as arrays and initialEpoch', async () => {
    const d = blobs(90, 10)
    const v = blobs(30, 11)
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
    const h = await m.fit(X(d), d.y, {
      epochs: 2,
      initialEpoch: 3,
      verbose: 0,
      validationData: [X(v), v.y],
    })
    expect(h.epoch).toEqual([3, 4])
    const ev = await m.evaluate(X(v), v.y)
    expect(ev.loss).toBeCloseTo(h.history.val_loss[1], 6)
    expect(ev.accuracy).toBeCloseTo(h.history.val_accuracy[1], 10)
  })

  test('a custom loss function works in compile', async () => {
    const d = blobs(60, 9)
    const m = model()
    m.compile({
      optimizer: 'adam',
      loss: function nll(p, t) {
        return sparseCrossEntropy(p, t)
      },
    })
    const h = await m.fit(X(d), d.y, { epochs: 2, verbose: 0, seed: 0 })
    const ref = model()
    ref.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', fuseSoftmax: false })
    const h2 = await ref.fit(X(d), d.y, { epochs: 2, verbose: 0, seed: 0 })
    expect(h.history.loss[1]).toBeCloseTo(h2.history.loss[1], 6)
  })

  test('fit yields to the event loop between batches (yieldEveryMs: 0)', async () => {
    const d = blobs(300, 7)
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    await m.fit(X(d), d.y, { epochs: 2, batchSize: 4, verbose: 0, yieldEveryMs: 0 })
    clearInterval(timer)
    expect(ticks).toBeGreaterThan(2)
  })

  test('fit yields by time by default: a timer fires during a long fit', async () => {
    const d = blobs(300, 7)
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
    let fired = 0
    let batches = 0
    // Each batch waits 1 ms of wall time (busy), so 30 batches pass the 10 ms default.
    const slow = new (class extends Callback {
      override onBatchEnd(): void {
        batches++
        const t = performance.now()
        while (performance.now() - t < 1) {}
      }
    })()
    const timer = setTimeout(() => fired++, 0)
    await m.fit(X(d), d.y, { epochs: 1, batchSize: 10, verbose: 0, callbacks: [slow] })
    clearTimeout(timer)
    expect(batches).toBe(30)
    expect(fired).toBe(1)
  })

  test('invalid yieldEveryMs is a ConfigError', async () => {
    const d = blobs(30)
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
    const err = await m.fit(X(d), d.y, { verbose: 0, yieldEveryMs: -1 }).catch((e) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toMatch(/fit: invalid yieldEveryMs -1/)
  })
})

describe('bad input gives typed errors', () => {
  const d = blobs(30)
  const compiled = () => {
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
    return m
  }
  test('fit before compile', async () => {
    await expect(model().fit(X(d), d.y)).rejects.toThrow(NotCompiledError)
  })
  test('wrong feature count', async () => {
    const err = await compiled()
      .fit({ data: new Float32Array(30 * 5), shape: [30, 5] }, d.y)
      .catch((e) => e)
    expect(err).toBeInstanceOf(ShapeError)
    expect(err.message).toMatch(/fit: x has feature shape \[5\].*expected \[4\]/)
    expect(() => compiled().predict([[1, 2, 3]])).toThrow(ShapeError)
  })
  test('labels out of range or not integers', async () => {
    const bad = Int32Array.from(d.y)
    bad[7] = 3
    const err = await compiled()
      .fit(X(d), bad)
      .catch((e) => e)
    expect(err).toBeInstanceOf(LabelError)
    expect(err.message).toMatch(/label 3 at index 7 .*\[0, 3\)/)
    await expect(
      compiled().fit(
        X(d),
        Float32Array.from(d.y, (v) => v + 0.5),
      ),
    ).rejects.toThrow(LabelError)
    await expect(
      compiled().fit(
        X(d),
        Int32Array.from(d.y, (v) => -v - 1),
      ),
    ).rejects.toThrow(LabelError)
  })
  test('NaN and Infinity', async () => {
    const x = Float32Array.from(d.x)
    x[13] = Number.NaN
    const err = await compiled()
      .fit({ data: x, shape: [30, 4] }, d.y)
      .catch((e) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(err.message).toMatch(/NaN at flat index 13 \(row 3\)/)
    expect(() => compiled().predict([[1, 2, Infinity, 4]])).toThrow(InvalidInputError)
  })
  test('empty input, mismatched lengths, missing y', async () => {
    await expect(
      compiled().fit({ data: new Float32Array(0), shape: [0, 4] }, new Int32Array(0)),
    ).rejects.toThrow(InvalidInputError)
    await expect(compiled().fit(X(d), d.y.subarray(0, 10))).rejects.toThrow(
      /30 samples but y has 10/,
    )
    await expect(compiled().fit(X(d) as never)).rejects.toThrow(InvalidInputError)
    expect(() => compiled().predict([])).toThrow(InvalidInputError)
    expect(() => compiled().predict('abc' as never)).toThrow(InvalidInputError)
  })
  test('bad options and compile arguments', async () => {
    await expect(compiled().fit(X(d), d.y, { epochs: 0 })).rejects.toThrow(ConfigError)
    await expect(compiled().fit(X(d), d.y, { batchSize: 2.5 })).rejects.toThrow(ConfigError)
    await expect(compiled().fit(X(d), d.y, { validationSplit: 1 })).rejects.toThrow(ConfigError)
    expect(() => model().compile({ optimizer: 'adam', loss: 'nope' as never })).toThrow(ConfigError)
    expect(() => model().compile({ optimizer: 'nope', loss: 'mse' })).toThrow()
    expect(() =>
      model().compile({ optimizer: 'adam', loss: 'mse', metrics: ['f2' as never] }),
    ).not.toThrow()
    await expect(
      (() => {
        const m = model()
        m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['f2' as never] })
        return m.fit(X(d), new Float32Array(90), {})
      })(),
    ).rejects.toThrow(ConfigError)
  })
  test('the model still works after a rejected call (nothing lost)', async () => {
    const m = compiled()
    const before = m.predict(X(d)).dataSync()
    await expect(
      m.fit(
        X(d),
        Int32Array.from(d.y, () => 9),
      ),
    ).rejects.toThrow(LabelError)
    expect(Array.from(m.predict(X(d)).dataSync())).toEqual(Array.from(before))
    const h = await m.fit(X(d), d.y, { verbose: 0 })
    expect(h.history.loss[0]).toBeGreaterThan(0)
  })
})

describe('callbacks', () => {
  const d = blobs(120, 8)
  test('hooks run in Keras order with logs', async () => {
    const seen: string[] = []
    class Rec extends Callback {
      override onTrainBegin() {
        seen.push('trainBegin')
      }
      override onEpochBegin(e: number) {
        seen.push(`epochBegin${e}`)
      }
      override onBatchEnd(b: number, logs?: Logs) {
        if (b === 0) seen.push(`batchEnd0:${typeof logs?.loss}`)
      }
      override async onEpochEnd(e: number, logs?: Logs) {
        await new Promise((r) => setTimeout(r, 1))
        seen.push(`epochEnd${e}:${Object.keys(logs ?? {}).join('|')}`)
      }
      override onTrainEnd() {
        seen.push('trainEnd')
      }
    }
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
    await m.fit(X(d), d.y, { epochs: 2, verbose: 0, callbacks: [new Rec()] })
    expect(seen).toEqual([
      'trainBegin',
      'epochBegin0',
      'batchEnd0:number',
      'epochEnd0:loss|accuracy',
      'epochBegin1',
      'batchEnd0:number',
      'epochEnd1:loss|accuracy',
      'trainEnd',
    ])
  })

  test('EarlyStopping stops after patience and restores the best weights', async () => {
    const m = model()
    m.compile({ optimizer: { name: 'sgd', lr: 0.05 }, loss: 'sparseCategoricalCrossentropy' })
    // A monitor that gets worse after epoch 1 (scripted through a callback that edits logs).
    let snapshotAtBest: number[] = []
    class Script extends Callback {
      override onEpochEnd(e: number, logs: Logs) {
        logs.score = [5, 1, 2, 3, 4, 0.5][e]
        if (e === 1) snapshotAtBest = Array.from(m.parameters()[0].dataSync())
      }
    }
    const es = new EarlyStopping({ monitor: 'score', patience: 2, restoreBestWeights: true })
    const h = await m.fit(X(d), d.y, { epochs: 6, verbose: 0, callbacks: [new Script(), es] })
    expect(h.epoch).toEqual([0, 1, 2, 3])
    expect(es.stoppedEpoch).toBe(3)
    expect(es.bestEpoch).toBe(1)
    expect(Array.from(m.parameters()[0].dataSync())).toEqual(snapshotAtBest)
  })

  test('ReduceLROnPlateau and LearningRateScheduler change the optimizer lr', async () => {
    const m = model()
    m.compile({ optimizer: { name: 'sgd', lr: 0.1 }, loss: 'sparseCategoricalCrossentropy' })
    class Flat extends Callback {
      override onEpochEnd(_e: number, logs: Logs) {
        logs.val_loss = 1
      }
    }
    const h = await m.fit(X(d), d.y, {
      epochs: 4,
      verbose: 0,
      callbacks: [new Flat(), new ReduceLROnPlateau({ patience: 1, factor: 0.5 })],
    })
    expect(h.history.lr).toEqual([0.1, 0.05, 0.025, 0.0125])
    const m2 = model()
    m2.compile({ optimizer: { name: 'sgd', lr: 1 }, loss: 'sparseCategoricalCrossentropy' })
    const h2 = await m2.fit(X(d), d.y, {
      epochs: 3,
      verbose: 0,
      callbacks: [new LearningRateScheduler((e) => 0.1 / (e + 1))],
    })
    expect(h2.history.lr).toEqual([0.1, 0.05, 0.1 / 3])
    const m3 = model()
    m3.compile({ optimizer: { name: 'sgd', lr: 1 }, loss: 'sparseCategoricalCrossentropy' })
    m3.build([null, 4])
    const opt = m3.ensureOptimizer()
    const h3 = await m3.fit(X(d), d.y, {
      epochs: 3,
      verbose: 0,
      callbacks: [new LearningRateScheduler(new StepLR(opt as never, { stepSize: 1, gamma: 0.5 }))],
    })
    expect(h3.history.lr).toEqual([0.5, 0.25, 0.125])
  })

  test('CSV and JSON history loggers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-log-'))
    const m = model()
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
    const h = await m.fit(X(d), d.y, {
      epochs: 2,
      verbose: 0,
      callbacks: [new CSVLogger(join(dir, 'h.csv')), new JSONLogger(join(dir, 'h.json'))],
    })
    const csv = readFileSync(join(dir, 'h.csv'), 'utf8').trim().split('\n')
    expect(csv[0]).toBe('epoch,accuracy,loss')
    expect(csv[2]).toBe(`1,${h.history.accuracy[1]},${h.history.loss[1]}`)
    const json = JSON.parse(readFileSync(join(dir, 'h.json'), 'utf8'))
    expect(json).toEqual(h.toJSON())
  })

  test('verbose 2 prints one line per epoch', async () => {
    const lines: string[] = []
    const orig = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((s: string) => {
      lines.push(String(s))
      return true
    }) as typeof process.stderr.write
    try {
      const m = model()
      m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
      await m.fit(X(d), d.y, { epochs: 2, verbose: 2 })
    } finally {
      process.stderr.write = orig
    }
    expect(lines.filter((l) => /^Epoch \d\/2 - [\d.]+s - loss: \d/.test(l))).toHaveLength(2)
  })
})

test('summary lists layers, output shapes and parameter counts', () => {
  manualSeed(0)
  const m = new Sequential([
    new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
    new Dense({ units: 64, activation: 'relu' }),
    new Dense({ units: 10, activation: 'softmax' }),
  ])
  const s = m.summary()
  expect(s).toMatch(/0 \(Dense\)\s+\[null, 64\]\s+50240/)
  expect(s).toMatch(/2 \(Dense\)\s+\[null, 10\]\s+650/)
  expect(s).toMatch(/Total params: 55050/)
  expect(m.predict(tensor(new Float32Array(784), { shape: [1, 784] })).shape).toEqual([1, 10])
})
