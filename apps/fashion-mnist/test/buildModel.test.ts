import type { Tensor } from '@mlstack/core'
import { describe, expect, it } from 'vitest'
import { buildModel } from '../src/buildModel.js'

const stats = (t: Tensor) => {
  const v = Array.from(t.dataSync() as Float32Array)
  return {
    min: Math.min(...v),
    max: Math.max(...v),
    zeros: v.filter((x) => x === 0).length,
    n: v.length,
  }
}

describe('buildModel', () => {
  it('builds 784-64-64-10 with 55 050 parameters', () => {
    const m = buildModel(0)
    expect(m.parameters().reduce((a, p) => a + p.size, 0)).toBe(
      784 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10,
    )
    expect(m.summary()).toContain('Total params: 55050')
    m.dispose()
  })

  it("torch: weights and biases are U(±1/√fan_in), as PyTorch's nn.Linear", () => {
    const m = buildModel(0, 'torch')
    const sd = m.stateDict()
    for (const [key, fanIn] of [
      ['0', 784],
      ['1', 64],
      ['2', 64],
    ] as const) {
      const bound = 1 / Math.sqrt(fanIn)
      for (const t of [sd[`${key}.weight`], sd[`${key}.bias`]] as Tensor[]) {
        const s = stats(t)
        expect(s.min).toBeGreaterThanOrEqual(-bound)
        expect(s.max).toBeLessThanOrEqual(bound)
        // Spread over the whole range, not collapsed to a corner of it.
        expect(s.max - s.min).toBeGreaterThan(bound)
      }
    }
    m.dispose()
  })

  it("glorot: Glorot-uniform kernels and zero biases, as Keras's Dense", () => {
    const m = buildModel(0, 'glorot')
    const sd = m.stateDict()
    const w = stats(sd['0.weight'] as Tensor)
    const limit = Math.sqrt(6 / (784 + 64))
    expect(w.min).toBeGreaterThanOrEqual(-limit)
    expect(w.max).toBeLessThanOrEqual(limit)
    expect(w.max).toBeGreaterThan(1 / Math.sqrt(784)) // wider than the torch bound
    const b = stats(sd['0.bias'] as Tensor)
    expect(b.zeros).toBe(b.n)
    m.dispose()
  })

  it('is reproducible from the seed, and seeds differ', () => {
    const models = [buildModel(3), buildModel(3), buildModel(4)]
    const [a, b, c] = models.map((m) =>
      Array.from((m.stateDict()['1.weight'] as Tensor).dataSync()),
    )
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    for (const m of models) m.dispose()
  })
})
