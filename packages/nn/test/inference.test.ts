// The inference path of Dense (no graph, bias + ReLU in one pass for small outputs) computes
// exactly what the training path computes.
import { noGrad, randn, type Tensor } from '@mlstack/core'
import { expect, test } from 'vitest'
import { Dense } from '../src/index.js'

const cases: [string, number, 'relu' | 'linear' | 'tanh', boolean][] = [
  ['batch 1, relu, bias', 1, 'relu', true],
  ['batch 3, linear, bias', 3, 'linear', true],
  ['batch 2, relu, no bias', 2, 'relu', false],
  ['batch 64 (large output, op path), relu', 64, 'relu', true],
  ['batch 1, tanh', 1, 'tanh', true],
]

for (const [name, n, activation, useBias] of cases) {
  test(name, () => {
    const layer = new Dense({
      units: 48,
      inFeatures: 20,
      activation,
      useBias,
      seed: 1,
      biasInitializer: 'torchDefaultBias',
    })
    const x = randn([n, 20], { seed: 2 })
    const train = layer.call(x.clone().requiresGrad_()).dataSync()
    const infer: Tensor = noGrad(() => layer.call(x))
    expect(Array.from(infer.dataSync())).toEqual(Array.from(train))
    expect(infer.requiresGrad).toBe(false)
  })
}
