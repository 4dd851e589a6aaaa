// Every layer's and loss's gradient against central finite differences (float64).

import { randn, type Tensor, tensor } from '@mlstack/core'
import { gradcheck } from '@mlstack/core/testing'
import { describe, expect, test } from 'vitest'
import {
  Activation,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Conv2d,
  Dense,
  Dropout,
  ELU,
  Embedding,
  Flatten,
  GELU,
  Huber,
  KLDivergence,
  LayerNorm,
  LeakyReLU,
  Linear,
  LogSoftmax,
  type Loss,
  l1l2,
  MaxPool2d,
  MeanAbsoluteError,
  MeanSquaredError,
  type Module,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Softplus,
  SparseCategoricalCrossentropy,
  sparseCrossEntropy,
  Tanh,
} from '../src/index.js'
import { moduleGradError } from './helpers.js'

const d = 'float64' as const
const x2 = () => randn([4, 5], { seed: 3, dtype: d })
const x4 = () => randn([2, 3, 6, 6], { seed: 4, dtype: d })

const layers: [string, () => Module, () => Tensor][] = [
  [
    'Dense (relu, fused linear node)',
    () => new Dense({ units: 3, activation: 'relu', inFeatures: 5, seed: 1, dtype: d }),
    x2,
  ],
  [
    'Dense (tanh)',
    () => new Dense({ units: 3, activation: 'tanh', inFeatures: 5, seed: 1, dtype: d }),
    x2,
  ],
  [
    'Dense (relu, no bias)',
    () =>
      new Dense({ units: 3, activation: 'relu', useBias: false, inFeatures: 5, seed: 4, dtype: d }),
    x2,
  ],
  [
    'Dense on rank-3 input',
    () => new Dense({ units: 3, activation: 'relu', inFeatures: 5, seed: 1, dtype: d }),
    () => randn([2, 3, 5], { seed: 5, dtype: d }),
  ],
  [
    'Dense (no bias, l1l2)',
    () =>
      new Dense({
        units: 3,
        useBias: false,
        inFeatures: 5,
        seed: 1,
        dtype: d,
        kernelRegularizer: l1l2({ l2: 0.1 }),
      }),
    x2,
  ],
  ['Linear', () => new Linear(5, 3, { seed: 2, dtype: d }), x2],
  [
    'Conv2d (stride 2, pad 1)',
    () =>
      new Conv2d({
        inChannels: 3,
        outChannels: 2,
        kernelSize: 3,
        stride: 2,
        padding: 1,
        seed: 1,
        dtype: d,
      }),
    x4,
  ],
  [
    'Conv2d (groups 3, dilation 2)',
    () =>
      new Conv2d({
        inChannels: 3,
        outChannels: 3,
        kernelSize: 2,
        dilation: 2,
        groups: 3,
        seed: 1,
        dtype: d,
      }),
    x4,
  ],
  ['MaxPool2d', () => new MaxPool2d({ kernelSize: 2 }), x4],
  [
    'AvgPool2d (stride 1, pad 1)',
    () => new AvgPool2d({ kernelSize: 3, stride: 1, padding: 1 }),
    x4,
  ],
  ['Flatten', () => new Flatten(), x4],
  ['BatchNorm1d (train)', () => new BatchNorm1d({ numFeatures: 5, dtype: d }), x2],
  ['BatchNorm1d (eval)', () => new BatchNorm1d({ numFeatures: 5, dtype: d }).eval(), x2],
  ['BatchNorm2d (train)', () => new BatchNorm2d({ numFeatures: 3, dtype: d }), x4],
  ['LayerNorm', () => new LayerNorm({ normalizedShape: [5], dtype: d }), x2],
  ['ReLU', () => new ReLU(), x2],
  ['Sigmoid', () => new Sigmoid(), x2],
  ['Tanh', () => new Tanh(), x2],
  ['Softplus', () => new Softplus(), x2],
  ['Softmax', () => new Softmax(), x2],
  ['LogSoftmax', () => new LogSoftmax(), x2],
  ['LeakyReLU', () => new LeakyReLU({ alpha: 0.2 }), x2],
  ['ELU', () => new ELU(), x2],
  ['GELU', () => new GELU(), x2],
  ['GELU (tanh)', () => new GELU({ approximate: 'tanh' }), x2],
  ['Activation(softmax)', () => new Activation('softmax'), x2],
  [
    'Sequential (Dense-relu-Dense-softmax)',
    () =>
      new Sequential([
        new Dense({ units: 4, activation: 'relu', inFeatures: 5, seed: 1, dtype: d }),
        new Dense({ units: 3, activation: 'softmax', seed: 2, dtype: d }),
      ]),
    x2,
  ],
]

describe('layer gradients vs finite differences', () => {
  for (const [name, make, input] of layers) {
    test(name, () => {
      const err = moduleGradError(make(), input(), { wrtInput: true })
      expect(err).toBeLessThan(1e-5)
    })
  }

  test('Embedding (weights)', () => {
    const emb = new Embedding({ numEmbeddings: 6, embeddingDim: 3, seed: 0, dtype: d })
    const idx = tensor(
      [
        [0, 2, 2],
        [5, 1, 0],
      ],
      { dtype: 'int32' },
    )
    expect(moduleGradError(emb, idx)).toBeLessThan(1e-5)
    // Rows that are not looked up get zero gradient.
    emb.zeroGrad()
    emb.call(idx).sum().backward()
    const g = (emb.weight.grad as Tensor).toArray() as number[][]
    expect(g[3]).toEqual([0, 0, 0])
    expect(g[2]).toEqual([2, 2, 2])
  })

  test('Dropout: gradient is the mask scaled by 1/(1-rate), identity in eval', () => {
    const drop = new Dropout({ rate: 0.4, seed: 3 })
    const x = randn([50, 8], { seed: 1, dtype: d }).requiresGrad_()
    const y = drop.call(x)
    y.sum().backward()
    const yv = y.dataSync()
    const xv = x.dataSync()
    const gv = (x.grad as Tensor).dataSync()
    let dropped = 0
    for (let i = 0; i < yv.length; i++) {
      expect(yv[i]).toBeCloseTo(xv[i] * gv[i], 12)
      expect([0, 1 / 0.6].some((v) => Math.abs(gv[i] - v) < 1e-12)).toBe(true)
      if (gv[i] === 0) dropped++
    }
    expect(dropped / yv.length).toBeGreaterThan(0.3)
    expect(dropped / yv.length).toBeLessThan(0.5)
    drop.eval()
    expect(drop.call(x)).toBe(x)
  })

  test('regularization loss gradient', () => {
    const layer = new Dense({
      units: 3,
      inFeatures: 4,
      seed: 1,
      dtype: d,
      kernelRegularizer: l1l2({ l1: 0.3, l2: 0.2 }),
    })
    const w = layer.kernel as Tensor
    ;(layer.regularizationLoss() as Tensor).backward()
    const wv = w.dataSync()
    const gv = (w.grad as Tensor).dataSync()
    for (let i = 0; i < wv.length; i++)
      expect(gv[i]).toBeCloseTo(0.3 * Math.sign(wv[i]) + 0.4 * wv[i], 10)
  })
})

describe('loss gradients vs finite differences', () => {
  const pred = () => randn([5, 4], { seed: 11, dtype: d })
  const target = () => randn([5, 4], { seed: 12, dtype: d })
  const probs = () => randn([5, 4], { seed: 13, dtype: d }).softmax(-1)
  const binary = () =>
    tensor([1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0], {
      shape: [5, 4],
      dtype: d,
    })
  const labels = () => tensor([0, 3, 1, 1, 2], { dtype: 'int32' })
  const weights = [1, 0.5, 2, 1, 3]
  const cases: [string, Loss, (p: Tensor) => Tensor, () => Tensor, ArrayLike<number>?][] = [
    ['MSE', new MeanSquaredError(), (p) => p, target],
    ['MAE', new MeanAbsoluteError(), (p) => p, target],
    ['Huber', new Huber({ delta: 0.5 }), (p) => p, target],
    ['BCE (probabilities)', new BinaryCrossentropy(), (p) => p.sigmoid(), binary],
    [
      'BCE (logits, smoothing)',
      new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
      (p) => p,
      binary,
    ],
    [
      'CCE (logits, smoothing)',
      new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }),
      (p) => p,
      probs,
    ],
    ['CCE (probabilities)', new CategoricalCrossentropy(), (p) => p.softmax(-1), probs],
    [
      'sparse CE (logits)',
      new SparseCategoricalCrossentropy({ fromLogits: true }),
      (p) => p,
      labels,
    ],
    [
      'sparse CE (logits, smoothing, weights)',
      new SparseCategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
      (p) => p,
      labels,
      weights,
    ],
    [
      'sparse CE (probabilities)',
      new SparseCategoricalCrossentropy(),
      (p) => p.softmax(-1),
      labels,
    ],
    [
      'sparse CE (probabilities, smoothing, weights)',
      new SparseCategoricalCrossentropy({ labelSmoothing: 0.1 }),
      (p) => p.softmax(-1),
      labels,
      weights,
    ],
    ['KL divergence', new KLDivergence(), (p) => p.softmax(-1), probs],
  ]
  for (const [name, loss, pre, tgt, w] of cases) {
    test(name, () => {
      const t = tgt()
      const r = gradcheck((p) => loss.compute(pre(p), t, w ?? null), [pred()])
      expect(r.ok, JSON.stringify(r.worst)).toBe(true)
    })
  }

  test('fused sparse CE equals the composite logSoftmax form (weights, smoothing)', () => {
    const p = pred()
    const fused = sparseCrossEntropy(p, labels(), {
      fromLogits: true,
      labelSmoothing: 0.1,
      sampleWeight: weights,
    }).item()
    const composite = new SparseCategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 })
      .perSample(p, labels())
      .mul(tensor(weights, { dtype: d }))
      .mean()
      .item()
    expect(fused).toBeCloseTo(composite, 12)
  })
})
