// clipGradNorm / clipGradValue against torch.nn.utils (fixtures/clipping.json), plus edge cases.
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/clipping.json' with { type: 'json' }
import {
  type ArrayParameter,
  clipGradNorm,
  clipGradValue,
  NonFiniteGradientError,
  ParameterError,
} from '../src/index.js'
import { maxRelErr } from './fixtureProblem.js'

function params(): ArrayParameter[] {
  return fixture.grads.map((g) => ({
    data: new Float64Array(g.length),
    grad: Float64Array.from(g),
  }))
}

describe('clipGradNorm', () => {
  for (const c of fixture.cases.filter((x) => x.kind === 'norm')) {
    it(`matches PyTorch for maxNorm ${c.max_norm}, normType ${c.norm_type}`, () => {
      const ps = params()
      const normType = c.norm_type === 'inf' ? Number.POSITIVE_INFINITY : Number(c.norm_type)
      const total = clipGradNorm(ps, c.max_norm as number, { normType })
      expect(Math.abs(total - (c.total_norm as number)) / (c.total_norm as number)).toBeLessThan(
        1e-12,
      )
      ps.forEach((p, i) => {
        expect(maxRelErr(p.grad as Float64Array, c.clipped[i], 1e-9)).toBeLessThan(1e-12)
      })
    })
  }

  it('ignores parameters without gradients and returns 0 when there are none', () => {
    const a = { data: new Float64Array(2), grad: null }
    expect(clipGradNorm([a], 1)).toBe(0)
    const b = { data: new Float64Array(2), grad: new Float64Array([3, 4]) }
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5, 12)
    expect(Array.from(b.grad as Float64Array)).toEqual([3 / (5 + 1e-6), 4 / (5 + 1e-6)])
  })

  it('accepts a single parameter and Float32 gradients', () => {
    const p = { data: new Float32Array(2), grad: new Float32Array([6, 8]) }
    expect(clipGradNorm(p, 5)).toBe(10)
    expect(p.grad[0]).toBeCloseTo(3, 5)
  })

  it('propagates a NaN norm, or throws NonFiniteGradientError on request leaving grads intact', () => {
    const p = { data: new Float64Array(2), grad: new Float64Array([Number.NaN, 1]) }
    expect(() => clipGradNorm([p], 1, { errorIfNonfinite: true })).toThrow(NonFiniteGradientError)
    expect(p.grad[1]).toBe(1)
    expect(Number.isNaN(clipGradNorm([p], 1))).toBe(true)
    expect(Number.isNaN(p.grad[1])).toBe(true)
  })

  it('rejects bad arguments with typed errors', () => {
    const p = { data: new Float64Array(1), grad: new Float64Array(1) }
    expect(() => clipGradNorm([p], -1)).toThrow(/clipGradNorm: invalid maxNorm -1/)
    expect(() => clipGradNorm([p], 1, { normType: 0 })).toThrow(RangeError)
    expect(() => clipGradNorm([{ data: [1, 2] } as unknown as ArrayParameter], 1)).toThrow(
      ParameterError,
    )
    expect(() => clipGradNorm(null as unknown as ArrayParameter, 1)).toThrow(ParameterError)
  })
})

describe('clipGradValue', () => {
  for (const c of fixture.cases.filter((x) => x.kind === 'value')) {
    it(`matches PyTorch for clipValue ${c.clip_value}`, () => {
      const ps = params()
      clipGradValue(ps, c.clip_value as number)
      ps.forEach((p, i) => {
        expect(Array.from(p.grad as Float64Array)).toEqual(c.clipped[i])
      })
    })
  }

  it('keeps NaN and rejects a negative clip value', () => {
    const p = { data: new Float64Array(2), grad: new Float64Array([Number.NaN, -9]) }
    clipGradValue(p, 1)
    expect(Number.isNaN(p.grad[0])).toBe(true)
    expect(p.grad[1]).toBe(-1)
    expect(() => clipGradValue(p, -1)).toThrow(/clipGradValue: invalid clipValue -1/)
  })
})
