// Memory stays flat over many training steps (own file: no other test's garbage is collected
// in the middle of the measurement).
import { memory, Random } from '@mlstack/core'
import { expect, test } from 'vitest'
import { Dense, Dropout, Sequential } from '../src/index.js'

test('fit holds tensors, buffers and bytes flat over 1,000+ steps', async () => {
  const rng = new Random(0)
  const n = 256
  const x = Float32Array.from({ length: n * 8 }, () => rng.normal())
  const y = Int32Array.from({ length: n }, (_, i) => i % 4)
  const m = new Sequential([
    new Dense({ units: 16, activation: 'relu', inputShape: [8], seed: 0 }),
    new Dropout({ rate: 0.1, seed: 0 }),
    new Dense({ units: 4, activation: 'softmax', seed: 1 }),
  ])
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
  const data = { data: x, shape: [n, 8] }
  await m.fit(data, y, { epochs: 1, batchSize: 8, verbose: 0 })
  const before = memory()
  await m.fit(data, y, { epochs: 36, batchSize: 8, verbose: 0, validationSplit: 0.125 }) // 1,008 steps
  const ev = await m.evaluate(data, y)
  expect(ev.loss).toBeGreaterThan(0)
  const after = memory()
  expect(after.numTensors).toBe(before.numTensors)
  expect(after.numBuffers).toBe(before.numBuffers)
  expect(after.numBytes).toBe(before.numBytes)
})
