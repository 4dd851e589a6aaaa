/**
 * The fused optimizer kernels flush state below the smallest normal float32 (2^-126) to 0, so
 * parameters with a zero gradient do not leave subnormal moments that slow every later step;
 * normal values must come out bit for bit as without the flush.
 */
import { describe, expect, it } from 'vitest'
import { fusedAdamStepF32, type Tensor, tensor } from '../../../index.js'
import { fusedRmspropStepF32 } from './fusedRmsprop.js'
import { fusedSgdStepF32 } from './fusedSgd.js'

const TINY = 2 ** -126
const N = 7 // a full vector and a 3-element scalar tail
const isSubnormal = (x: number): boolean => x !== 0 && Math.abs(x) < TINY
function subnormals(t: Tensor): number {
  let n = 0
  for (const x of t.dataSync()) if (isSubnormal(x)) n++
  return n
}
/** Values of both signs around ±x (m, buffers). */
const filled = (x: number): Tensor =>
  tensor(Array.from({ length: N }, (_, i) => (i % 2 ? -x : x) * (1 + i / 8)))
/** Values around x > 0 (v and RMSprop's sq, which are never negative). */
const positive = (x: number, spread = 1 / 8): Tensor =>
  tensor(Array.from({ length: N }, (_, i) => x * (1 + i * spread)))

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32 - 0.5
  }
}

describe('fused optimizer state flush', () => {
  it('Adam: a zero-gradient run never stores a subnormal m or v', () => {
    const p = filled(0.5)
    const g = filled(0)
    const m = filled(2 ** -100) // subnormal after ~170 steps of ×0.9
    const v = positive(2 ** -126, 1e-4) // subnormal after a step or two of ×0.999
    let worst = 0
    for (let step = 1; step <= 400; step++) {
      fusedAdamStepF32(p, g, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, step })
      worst = Math.max(worst, subnormals(m) + subnormals(v))
    }
    expect(worst).toBe(0)
    expect([...m.dataSync()]).toEqual(new Array(N).fill(0))
    expect([...v.dataSync()]).toEqual(new Array(N).fill(0))
  })

  it('Adam: keeps subnormal v where eps is too small to hide it', () => {
    const p = filled(0.5)
    const v = positive(2 ** -127)
    fusedAdamStepF32(p, filled(0), filled(0), v, {
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 0,
      step: 3,
    })
    expect(subnormals(v)).toBe(N)
  })

  it('Adam: normal values match an unflushed float32 re-statement bit for bit', () => {
    const r = lcg(7)
    const f = Math.fround
    const n = 1003
    const p0 = Array.from({ length: n }, () => r() * 4)
    const g0 = Array.from({ length: n }, () => r() * 2)
    const m0 = Array.from({ length: n }, () => r() * 0.1)
    const v0 = Array.from({ length: n }, () => Math.abs(r()) * 0.01)
    for (const [wd, dwd] of [
      [0, 0],
      [0.01, 0],
      [0, 0.05],
    ]) {
      const p = tensor(p0)
      const m = tensor(m0)
      const v = tensor(v0)
      const o = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, step: 5 }
      fusedAdamStepF32(p, tensor(g0), m, v, { ...o, weightDecay: wd, decoupledWeightDecay: dwd })
      const [lr, b1, b2, eps] = [f(o.lr), f(o.beta1), f(o.beta2), f(o.eps)]
      const bc1 = f(1 - o.beta1 ** o.step)
      const bc2 = f(1 - o.beta2 ** o.step)
      const c1 = f(1 - b1)
      const c2 = f(1 - b2)
      const stepSize = f(lr / bc1)
      const ibc2 = f(1 / bc2)
      const keep = f(1 - f(lr * f(dwd)))
      const [pw, mw, vw] = [[], [], []] as number[][]
      for (let i = 0; i < n; i++) {
        const px = f(f(p0[i]) * keep)
        const gx = f(f(g0[i]) + f(f(wd) * px))
        const mx = f(f(b1 * f(m0[i])) + f(c1 * gx))
        const vx = f(f(b2 * f(v0[i])) + f(c2 * f(gx * gx)))
        mw.push(mx)
        vw.push(vx)
        pw.push(f(px - f(f(stepSize * mx) / f(f(Math.sqrt(f(vx * ibc2))) + eps))))
      }
      expect([...m.dataSync()]).toEqual(mw)
      expect([...v.dataSync()]).toEqual(vw)
      expect([...p.dataSync()]).toEqual(pw)
    }
  })

  it('SGD momentum: a zero-gradient run never stores a subnormal buffer', () => {
    const p = filled(0.5)
    const buf = filled(2 ** -120)
    let worst = 0
    for (let t = 0; t < 300; t++) {
      fusedSgdStepF32(p, filled(0), buf, { lr: 0.1, momentum: 0.9 })
      worst = Math.max(worst, subnormals(buf))
    }
    expect(worst).toBe(0)
    expect([...buf.dataSync()]).toEqual(new Array(N).fill(0))
  })

  it('RMSprop: a zero-gradient run never stores a subnormal average or buffer', () => {
    const p = filled(0.5)
    const sq = positive(2 ** -125)
    const ga = filled(2 ** -120)
    const buf = filled(2 ** -120)
    let worst = 0
    for (let t = 0; t < 300; t++) {
      fusedRmspropStepF32(p, filled(0), sq, ga, buf, { lr: 0.01, momentum: 0.9, centered: true })
      worst = Math.max(worst, subnormals(sq) + subnormals(ga) + subnormals(buf))
    }
    expect(worst).toBe(0)
  })
})
