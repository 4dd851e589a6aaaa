import { describe, expect, test } from 'vitest'
import { Random } from './random.js'

describe('Random', () => {
  test('same seed, same stream; different seeds differ', () => {
    const a = new Random(1)
    const b = new Random(1)
    const c = new Random(2)
    const sa = Array.from({ length: 20 }, () => a.next())
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa)
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa)
  })

  test('uniform in [0,1) with the right mean; int in range; permutation is a permutation', () => {
    const r = new Random(7)
    let sum = 0
    for (let i = 0; i < 20000; i++) {
      const v = r.next()
      expect(v >= 0 && v < 1).toBe(true)
      sum += v
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1)
    const counts = new Array(5).fill(0)
    for (let i = 0; i < 5000; i++) counts[r.int(5)]++
    for (const c of counts) expect(c).toBeGreaterThan(850)
    const p = Array.from(r.permutation(50)).sort((x, y) => x - y)
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  test('normal has mean 0 and variance 1', () => {
    const r = new Random(3)
    let s = 0
    let s2 = 0
    const n = 20000
    for (let i = 0; i < n; i++) {
      const v = r.normal()
      s += v
      s2 += v * v
    }
    expect(s / n).toBeCloseTo(0, 1)
    expect(s2 / n).toBeCloseTo(1, 1)
  })
})
