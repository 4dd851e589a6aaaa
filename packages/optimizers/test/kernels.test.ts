// The pure update kernels: each has a fast loop for the common configuration (no weight decay,
// minimizing) and a general loop. Running the general loop with maximize on the negated
// gradient must give bit-identical results, so the two loops cannot drift apart. Also: NaN
// gradients propagate instead of crashing, as in PyTorch.
import { describe, expect, it } from 'vitest'
import { SGD } from '../src/index.js'
import { adadeltaUpdate } from '../src/internal/kernels/adadeltaUpdate.js'
import { adagradUpdate } from '../src/internal/kernels/adagradUpdate.js'
import { adamaxUpdate } from '../src/internal/kernels/adamaxUpdate.js'
import { adamUpdate } from '../src/internal/kernels/adamUpdate.js'
import { nadamMu, nadamUpdate } from '../src/internal/kernels/nadamUpdate.js'
import { rmspropUpdate } from '../src/internal/kernels/rmspropUpdate.js'
import { sgdUpdate } from '../src/internal/kernels/sgdUpdate.js'

const N = 37

function rand(seed: number): Float64Array {
  const out = new Float64Array(N)
  let s = seed
  for (let i = 0; i < N; i++) {
    s = (s * 16807) % 2147483647
    out[i] = s / 2147483647 - 0.5
  }
  return out
}

/** Runs `steps` updates twice: fast path on g, general path (maximize) on -g; returns both. */
function twin(
  stateCount: number,
  update: (
    p: Float64Array,
    g: Float64Array,
    st: Float64Array[],
    step: number,
    maximize: boolean,
  ) => void,
  steps = 5,
): [Float64Array[], Float64Array[]] {
  const runs: Float64Array[][] = []
  for (const maximize of [false, true]) {
    const p = rand(1)
    const st = Array.from({ length: stateCount }, () => new Float64Array(N))
    for (let s = 1; s <= steps; s++) {
      const g = rand(100 + s)
      if (maximize) for (let i = 0; i < N; i++) g[i] = -g[i]
      update(p, g, st, s, maximize)
    }
    runs.push([p, ...st])
  }
  return [runs[0], runs[1]]
}

describe('fast and general loops agree bit for bit', () => {
  const cases: [string, number, Parameters<typeof twin>[1]][] = [
    [
      'sgd plain',
      0,
      (p, g, _st, _s, maximize) =>
        sgdUpdate(p, g, null, false, {
          lr: 0.1,
          momentum: 0,
          dampening: 0,
          weightDecay: 0,
          nesterov: false,
          maximize,
        }),
    ],
    [
      'sgd momentum + dampening',
      1,
      (p, g, st, s, maximize) =>
        sgdUpdate(p, g, st[0], s === 1, {
          lr: 0.1,
          momentum: 0.9,
          dampening: 0.3,
          weightDecay: 0,
          nesterov: false,
          maximize,
        }),
    ],
    [
      'sgd nesterov',
      1,
      (p, g, st, s, maximize) =>
        sgdUpdate(p, g, st[0], s === 1, {
          lr: 0.1,
          momentum: 0.9,
          dampening: 0,
          weightDecay: 0,
          nesterov: true,
          maximize,
        }),
    ],
    [
      'adam',
      2,
      (p, g, st, s, maximize) =>
        adamUpdate(p, g, st[0], st[1], null, s, {
          lr: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0,
          decoupled: false,
          amsgrad: false,
          maximize,
        }),
    ],
    [
      'adamw',
      2,
      (p, g, st, s, maximize) =>
        adamUpdate(p, g, st[0], st[1], null, s, {
          lr: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0.1,
          decoupled: true,
          amsgrad: false,
          maximize,
        }),
    ],
    [
      'rmsprop',
      1,
      (p, g, st, _s, maximize) =>
        rmspropUpdate(p, g, st[0], null, null, {
          lr: 0.01,
          alpha: 0.99,
          eps: 1e-8,
          weightDecay: 0,
          momentum: 0,
          centered: false,
          maximize,
        }),
    ],
    [
      'adagrad',
      1,
      (p, g, st, s, maximize) =>
        adagradUpdate(p, g, st[0], s, {
          lr: 0.1,
          lrDecay: 0.01,
          weightDecay: 0,
          eps: 1e-10,
          maximize,
        }),
    ],
    [
      'adadelta',
      2,
      (p, g, st, _s, maximize) =>
        adadeltaUpdate(p, g, st[0], st[1], {
          lr: 1,
          rho: 0.9,
          eps: 1e-6,
          weightDecay: 0,
          maximize,
        }),
    ],
    [
      'adamax',
      2,
      (p, g, st, s, maximize) =>
        adamaxUpdate(p, g, st[0], st[1], s, {
          lr: 0.002,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0,
          maximize,
        }),
    ],
    [
      'nadam',
      2,
      (p, g, st, s, maximize) => {
        let mu = 1
        for (let k = 1; k <= s; k++) mu *= nadamMu(0.9, 4e-3, k)
        nadamUpdate(p, g, st[0], st[1], s, mu, {
          lr: 0.002,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0,
          momentumDecay: 4e-3,
          maximize,
        })
      },
    ],
  ]
  for (const [name, count, update] of cases) {
    it(name, () => {
      const [fast, general] = twin(count, update)
      fast.forEach((arr, k) => {
        expect(Array.from(general[k])).toEqual(Array.from(arr))
      })
      expect(fast[0]).not.toEqual(rand(1))
    })
  }
})

describe('float32 and NaN', () => {
  it('float32 arrays update close to the float64 result', () => {
    const p64 = rand(1)
    const p32 = Float32Array.from(p64)
    const m64 = new Float64Array(N)
    const v64 = new Float64Array(N)
    const m32 = new Float32Array(N)
    const v32 = new Float32Array(N)
    const hp = {
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      decoupled: false,
      amsgrad: false,
      maximize: false,
    }
    for (let s = 1; s <= 20; s++) {
      const g = rand(7 + s)
      adamUpdate(p64, g, m64, v64, null, s, hp)
      adamUpdate(p32, Float32Array.from(g), m32, v32, null, s, hp)
    }
    for (let i = 0; i < N; i++) expect(Math.abs(p32[i] - p64[i])).toBeLessThan(1e-6)
  })

  it('a NaN gradient makes that parameter NaN and leaves the others alone', () => {
    const p = { data: Float64Array.from([1, 2]), grad: Float64Array.from([Number.NaN, 1]) }
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 })
    opt.step()
    expect(Number.isNaN(p.data[0])).toBe(true)
    expect(p.data[1]).toBeCloseTo(1.9, 15)
  })
})
