// The seeded PRNG against xoshiro128**'s reference vector and an independent Python
// implementation of the documented seeding (fixtures/make_random.py).
import { describe, expect, it } from 'vitest'
import fx from '../fixtures/random.json' with { type: 'json' }
import { Random } from '../src/internal/random.js'

describe('Random', () => {
  it('xoshiro128** from state [1, 2, 3, 4] gives the reference outputs', () => {
    const r = Random.fromState([1, 2, 3, 4])
    expect(Array.from({ length: 10 }, () => r.nextUint32())).toEqual(fx.state1234)
    // First outputs of the reference C implementation (prng.di.unimi.it).
    expect(fx.state1234.slice(0, 4)).toEqual([11520, 0, 5927040, 70819200])
  })
  it.each(fx.seeds.map((s) => [s.seed, s]))(
    'seed %s matches the Python implementation',
    (_s, c) => {
      const sc = c as (typeof fx.seeds)[number]
      let r = new Random(sc.seed)
      expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual(sc.u32)
      r = new Random(sc.seed)
      expect(Array.from({ length: 4 }, () => r.next())).toEqual(sc.floats)
      r = new Random(sc.seed)
      expect([1, 2, 3, 10, 1000, 2 ** 31 + 7].map((n) => r.int(n))).toEqual(sc.ints)
      expect(new Random(sc.seed).permutation(12)).toEqual(sc.perm)
    },
  )
  it('is roughly uniform', () => {
    const r = new Random(123)
    const counts = new Array(10).fill(0)
    const n = 100_000
    for (let i = 0; i < n; i++) counts[r.int(10)]++
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chi = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0)
    expect(chi).toBeLessThan(27.9)
    let lo = 1
    let hi = 0
    for (let i = 0; i < 10_000; i++) {
      const v = r.next()
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
    expect(lo).toBeGreaterThanOrEqual(0)
    expect(hi).toBeLessThan(1)
    expect(hi - lo).toBeGreaterThan(0.99)
  })
})
