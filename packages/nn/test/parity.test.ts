// Parity with PyTorch 1.13 (fixtures/make_fixtures.py → fixtures/torch_parity.json), float64.
import { readFileSync } from 'node:fs'
import { maxPool2d, type Tensor, tensor } from '@mlstack/core'
import { Adam } from '@mlstack/optimizers'
import { describe, expect, test } from 'vitest'
import {
  BatchNorm2d,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Conv2d,
  crossEntropy,
  Dense,
  GELU,
  Huber,
  KLDivergence,
  LayerNorm,
  MeanAbsoluteError,
  MeanSquaredError,
  Sequential,
} from '../src/index.js'

const F = JSON.parse(
  readFileSync(new URL('../fixtures/torch_parity.json', import.meta.url), 'utf8'),
)
const f64 = (v: number[], shape: number[]): Tensor => tensor(v, { shape, dtype: 'float64' })

function close(got: ArrayLike<number>, want: number[], tol = 1e-5): void {
  expect(got.length).toBe(want.length)
  let worst = 0
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])))
  }
  expect(worst).toBeLessThan(tol)
}

function mlp(): Sequential {
  const m = new Sequential([
    new Dense({ units: 16, activation: 'relu', inputShape: [20], dtype: 'float64' }),
    new Dense({ units: 16, activation: 'relu', dtype: 'float64' }),
    new Dense({ units: 5, dtype: 'float64' }),
  ])
  const shapes: Record<string, number[]> = {
    '0.weight': [20, 16],
    '0.bias': [16],
    '1.weight': [16, 16],
    '1.bias': [16],
    '2.weight': [16, 5],
    '2.bias': [5],
  }
  const sd: Record<string, Tensor> = {}
  for (const [k, s] of Object.entries(shapes)) sd[k] = f64(F.mlp.init[k], s)
  m.loadStateDict(sd)
  return m
}

describe('PyTorch parity (float64, 1e-5)', () => {
  test('MLP forward, cross-entropy and gradients', () => {
    const m = mlp()
    const x = f64(F.mlp.x, [8, 20])
    const logits = m.call(x)
    close(logits.dataSync(), F.mlp.logits)
    const loss = crossEntropy(logits, tensor(F.mlp.y, { dtype: 'int32' }))
    close([loss.item()], [F.mlp.loss])
    loss.backward()
    for (const [k, p] of m.namedParameters()) close((p.grad as Tensor).dataSync(), F.mlp.grads[k])
  })

  test('three Adam steps through the PyTorch-style loop', () => {
    const m = mlp()
    const x = f64(F.mlp.x, [8, 20])
    const y = tensor(F.mlp.y, { dtype: 'int32' })
    const opt = new Adam(m.parameters(), { lr: F.mlp.adam_lr })
    const losses: number[] = []
    for (let s = 0; s < 3; s++) {
      opt.zeroGrad()
      const l = crossEntropy(m.call(x), y)
      l.backward()
      losses.push(l.item())
      opt.step()
    }
    close(losses, F.mlp.adam_losses)
    for (const [k, p] of m.namedParameters()) close(p.dataSync(), F.mlp.after_adam[k])
  })

  test('three Adam steps through compile/fit (Keras style) give the same weights', async () => {
    const m = mlp()
    m.compile({ optimizer: { name: 'adam', lr: F.mlp.adam_lr }, loss: 'crossEntropy' })
    const h = await m.fit({ data: F.mlp.x, shape: [8, 20] }, F.mlp.y, {
      epochs: 3,
      batchSize: 8,
      shuffle: false,
      verbose: 0,
    })
    close(h.history.loss as number[], F.mlp.adam_losses)
    for (const [k, p] of m.namedParameters()) close(p.dataSync(), F.mlp.after_adam[k])
    const ev = await m.evaluate({ data: F.mlp.x, shape: [8, 20] }, F.mlp.y)
    close([ev.loss], [F.mlp.final_loss])
  })

  test('Conv2d → BatchNorm2d (train) → ReLU → MaxPool2d: forward, gradients, running stats', () => {
    const c = F.conv
    const conv = new Conv2d({
      inChannels: 2,
      outChannels: 3,
      kernelSize: 3,
      padding: 1,
      dtype: 'float64',
    })
    conv.loadStateDict({ weight: f64(c.weight, [3, 2, 3, 3]), bias: f64(c.bias, [3]) })
    const bn = new BatchNorm2d({ numFeatures: 3, dtype: 'float64' })
    const x = f64(c.x, [2, 2, 6, 6]).requiresGrad_()
    const y = maxPool2d(bn.call(conv.call(x)).relu(), { kernelSize: 2 })
    close(y.dataSync(), c.y)
    y.mul(f64(c.r, [...y.shape]))
      .sum()
      .backward()
    close((conv.weight.grad as Tensor).dataSync(), c.gradWeight)
    close(((conv.bias as Tensor).grad as Tensor).dataSync(), c.gradBias)
    close((x.grad as Tensor).dataSync(), c.gradX)
    close((bn.runningMean as Tensor).dataSync(), c.runningMean)
    close((bn.runningVar as Tensor).dataSync(), c.runningVar)
  })

  test('LayerNorm + GELU', () => {
    const l = F.layernorm
    const ln = new LayerNorm({ normalizedShape: 6, dtype: 'float64' })
    ln.loadStateDict({ weight: f64(l.weight, [6]), bias: f64(l.bias, [6]) })
    close(new GELU().call(ln.call(f64(l.x, [4, 6]))).dataSync(), l.y)
  })

  test('losses', () => {
    const L = F.losses
    const p = f64(L.pred, [6, 4])
    const q = f64(L.target, [6, 4])
    const tb = f64(L.binary, [6, 4])
    const lab = tensor(L.labels, { dtype: 'int32' })
    close([new MeanSquaredError().compute(p, q).item()], [L.mse])
    close([new MeanAbsoluteError().compute(p, q).item()], [L.l1])
    close([new Huber({ delta: 0.7 }).compute(p, q).item()], [L.huber])
    close([new BinaryCrossentropy({ fromLogits: true }).compute(p, tb).item()], [L.bceWithLogits])
    close([new BinaryCrossentropy().compute(p.sigmoid(), tb).item()], [L.bce])
    close([crossEntropy(p, lab).item()], [L.ce])
    close([crossEntropy(p, lab, { labelSmoothing: 0.1 }).item()], [L.ceSmooth])
    const soft = q.softmax(-1)
    close([new CategoricalCrossentropy({ fromLogits: true }).compute(p, soft).item()], [L.ceSoft])
    close([new KLDivergence().compute(p.softmax(-1), soft).item()], [L.kld])
  })
})
