/**
 * Per-op dispatch overhead (µs per tiny add through the Tensor API) and a 784→64→64→10 MLP
 * forward + backward step (softmax cross-entropy) at batch 32 and 128, on the `cpu` (WASM
 * kernels) and `cpu-ts` backends, with @tensorflow/tfjs (wasm and cpu backends) for reference.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfwasm from '@tensorflow/tfjs-backend-wasm'
import {
  add,
  logSoftmax,
  matmul,
  memory,
  noGrad,
  oneHot,
  randint,
  randn,
  setBackend,
  softmax,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
} from '../src/index.js'
import { measure } from './measure.js'

export interface OverheadRow {
  impl: string
  microseconds: number
}

export interface MlpRow {
  impl: string
  batch: number
  msPerStep: number
  samplesPerSecond: number
}

const ours = ['cpu', 'cpu-ts'] as const

export async function benchOverhead(): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = []
  for (const backend of ours) {
    setBackend(backend)
    const a = tensor([1])
    const b = tensor([2])
    const t = await measure(() => add(a, b).dispose(), { sampleMs: 40 })
    rows.push({ impl: `mlstack ${backend}`, microseconds: t.seconds * 1e6 })
    a.dispose()
    b.dispose()
  }
  for (const backend of ['wasm', 'cpu'] as const) {
    if (backend === 'wasm') tfwasm.setThreadsCount(1)
    await tf.setBackend(backend)
    const a = tf.tensor1d([1])
    const b = tf.tensor1d([2])
    const t = await measure(() => tf.add(a, b).dispose(), { sampleMs: 40 })
    rows.push({ impl: `tfjs-${backend}`, microseconds: t.seconds * 1e6 })
    a.dispose()
    b.dispose()
  }
  return rows
}

const SIZES = [784, 64, 64, 10]

export interface LatencyRow {
  impl: string
  microseconds: number
}

/** Inference latency: one 784→64→64→10 forward pass (softmax included) at batch 1, no autograd. */
export async function benchInference(): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = []
  for (const backend of ours) {
    setBackend(backend)
    const params: Tensor[] = []
    for (let l = 0; l < 3; l++) {
      params.push(randn([SIZES[l], SIZES[l + 1]], { seed: l }).mul(1 / Math.sqrt(SIZES[l])))
      params.push(randn([SIZES[l + 1]], { seed: 10 + l }).mul(0.01))
    }
    const x = randn([1, 784], { seed: 99 })
    const [w1, b1, w2, b2, w3, b3] = params
    const t = await measure(
      () =>
        noGrad(() =>
          tidy(() => {
            const h1 = matmul(x, w1).add(b1).relu()
            const h2 = matmul(h1, w2).add(b2).relu()
            return softmax(matmul(h2, w3).add(b3), -1)
          }),
        ).dispose(),
      { sampleMs: 40 },
    )
    rows.push({ impl: `mlstack ${backend}`, microseconds: t.seconds * 1e6 })
    for (const p of [...params, x]) p.dispose()
  }
  for (const backend of ['wasm', 'cpu'] as const) {
    if (backend === 'wasm') tfwasm.setThreadsCount(1)
    await tf.setBackend(backend)
    const w: tf.Tensor[] = []
    for (let l = 0; l < 3; l++) {
      w.push(tf.randomNormal([SIZES[l], SIZES[l + 1]], 0, 1 / Math.sqrt(SIZES[l])))
      w.push(tf.zeros([SIZES[l + 1]]))
    }
    const x = tf.randomNormal([1, 784])
    const t = await measure(
      () =>
        tf
          .tidy(() => {
            const h1 = tf.relu(tf.add(tf.matMul(x, w[0]), w[1]))
            const h2 = tf.relu(tf.add(tf.matMul(h1, w[2]), w[3]))
            return tf.softmax(tf.add(tf.matMul(h2, w[4]), w[5]))
          })
          .dispose(),
      { sampleMs: 40 },
    )
    rows.push({ impl: `tfjs-${backend}`, microseconds: t.seconds * 1e6 })
    for (const v of [...w, x]) v.dispose()
  }
  return rows
}

export async function benchMlp(batches: number[]): Promise<MlpRow[]> {
  const rows: MlpRow[] = []
  for (const batch of batches) {
    for (const backend of ours) {
      setBackend(backend)
      const params: Tensor[] = []
      for (let l = 0; l < 3; l++) {
        const scale = 1 / Math.sqrt(SIZES[l])
        params.push(randn([SIZES[l], SIZES[l + 1]], { seed: l }).mul(scale))
        params.push(randn([SIZES[l + 1]], { seed: 10 + l }).mul(0.01))
      }
      const x = randn([batch, 784], { seed: 99 })
      const y = oneHot(randint(0, 10, [batch], { seed: 98 }), 10)
      const loss = (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, w3: Tensor, b3: Tensor) => {
        const h1 = matmul(x, w1).add(b1).relu()
        const h2 = matmul(h1, w2).add(b2).relu()
        const logits = matmul(h2, w3).add(b3)
        return logSoftmax(logits, -1).mul(y).sum().neg().div(batch)
      }
      const step = valueAndGrad(loss, [0, 1, 2, 3, 4, 5])
      const run = (): void =>
        tidy(() => {
          step(...params)
        })
      const before = memory().numTensors
      const t = await measure(run, { sampleMs: 80 })
      if (memory().numTensors !== before) {
        throw new Error(`MLP step leaked tensors: ${before} → ${memory().numTensors}`)
      }
      rows.push({
        impl: `mlstack ${backend}`,
        batch,
        msPerStep: t.seconds * 1e3,
        samplesPerSecond: batch / t.seconds,
      })
      for (const p of [...params, x, y]) p.dispose()
    }
    for (const backend of ['wasm', 'cpu'] as const) {
      if (backend === 'wasm') tfwasm.setThreadsCount(1)
      await tf.setBackend(backend)
      const vars: tf.Variable[] = []
      for (let l = 0; l < 3; l++) {
        vars.push(
          tf.variable(tf.randomNormal([SIZES[l], SIZES[l + 1]], 0, 1 / Math.sqrt(SIZES[l]))),
        )
        vars.push(tf.variable(tf.zeros([SIZES[l + 1]])))
      }
      const x = tf.randomNormal([batch, 784])
      const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10)
      const f = (): tf.Scalar => {
        const h1 = tf.relu(tf.add(tf.matMul(x, vars[0]), vars[1]))
        const h2 = tf.relu(tf.add(tf.matMul(h1, vars[2]), vars[3]))
        const logits = tf.add(tf.matMul(h2, vars[4]), vars[5])
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar
      }
      const t = await measure(
        () => {
          const { value, grads } = tf.variableGrads(f)
          value.dispose()
          for (const g of Object.values(grads)) g.dispose()
        },
        { sampleMs: 80, maxSeconds: 4 },
      )
      rows.push({
        impl: `tfjs-${backend}`,
        batch,
        msPerStep: t.seconds * 1e3,
        samplesPerSecond: batch / t.seconds,
      })
      for (const v of vars) v.dispose()
      x.dispose()
      y.dispose()
    }
  }
  return rows
}
