/**
 * Fused SGD and RMSprop steps against float64 re-statements of PyTorch's update rules
 * (torch.optim.SGD / RMSprop docs), over several steps and every option combination.
 */
import { describe, expect, it } from 'vitest'
import { DTypeError, MlstackError, ShapeError, tensor, zeros } from '../../../index.js'
import { fusedRmspropStepF32 } from './fusedRmsprop.js'
import { fusedSgdStepF32 } from './fusedSgd.js'

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32 - 0.5
  }
}

const N = 11 // 2 full vectors + a 3-element tail
function close(got: ArrayLike<number>, want: number[], what: string): void {
  for (let i = 0; i < want.length; i++) {
    const tol = 2e-5 * Math.max(1, Math.abs(want[i]))
    if (!(Math.abs(got[i] - want[i]) <= tol))
      expect.fail(`${what}[${i}] = ${got[i]}, want ${want[i]}`)
  }
}

describe('fusedSgdStepF32', () => {
  const cases = [
    { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false },
    { momentum: 0, dampening: 0, weightDecay: 0.1, nesterov: false },
    { momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false },
    { momentum: 0.9, dampening: 0.5, weightDecay: 0.01, nesterov: false },
    { momentum: 0.9, dampening: 0, weightDecay: 0.01, nesterov: true },
  ]
  for (const c of cases) {
    it(`matches PyTorch SGD over 4 steps: ${JSON.stringify(c)}`, () => {
      const rnd = lcg(7)
      const p0 = Array.from({ length: N }, rnd)
      const p = tensor(p0)
      const buf = zeros([N])
      const want = [...p0]
      const b = new Array(N).fill(0)
      const lr = 0.1
      for (let step = 1; step <= 4; step++) {
        const g = Array.from({ length: N }, rnd)
        fusedSgdStepF32(p, tensor(g), c.momentum ? buf : null, { lr, ...c, firstStep: step === 1 })
        for (let i = 0; i < N; i++) {
          let d = g[i] + c.weightDecay * want[i]
          if (c.momentum !== 0) {
            b[i] = step === 1 ? d : c.momentum * b[i] + (1 - c.dampening) * d
            d = c.nesterov ? d + c.momentum * b[i] : b[i]
          }
          want[i] -= lr * d
        }
      }
      close(p.dataSync(), want, 'param')
      if (c.momentum) close(buf.dataSync(), b, 'momentumBuffer')
    })
  }

  it('needs a momentum buffer when momentum ≠ 0, and float32 tensors', () => {
    expect(() => fusedSgdStepF32(zeros([2]), zeros([2]), null, { lr: 1, momentum: 0.9 })).toThrow(
      MlstackError,
    )
    expect(() =>
      fusedSgdStepF32(zeros([2]), zeros([2], { dtype: 'float64' }), null, { lr: 1 }),
    ).toThrow(DTypeError)
    expect(() => fusedSgdStepF32(zeros([2]), zeros([3]), null, { lr: 1 })).toThrow(ShapeError)
  })
})

describe('fusedRmspropStepF32', () => {
  const cases = [
    { alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
    { alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0, centered: false },
    { alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0.9, centered: false },
    { alpha: 0.95, eps: 1e-8, weightDecay: 0.01, momentum: 0.5, centered: true },
    { alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: true },
  ]
  for (const c of cases) {
    it(`matches PyTorch RMSprop over 4 steps: ${JSON.stringify(c)}`, () => {
      const rnd = lcg(11)
      const p0 = Array.from({ length: N }, rnd)
      const p = tensor(p0)
      const sq = zeros([N])
      const ga = zeros([N])
      const buf = zeros([N])
      const want = [...p0]
      const s = new Array(N).fill(0)
      const a = new Array(N).fill(0)
      const b = new Array(N).fill(0)
      const lr = 0.01
      for (let step = 1; step <= 4; step++) {
        const g = Array.from({ length: N }, rnd)
        fusedRmspropStepF32(p, tensor(g), sq, c.centered ? ga : null, c.momentum ? buf : null, {
          lr,
          ...c,
        })
        for (let i = 0; i < N; i++) {
          const gi = g[i] + c.weightDecay * want[i]
          s[i] = c.alpha * s[i] + (1 - c.alpha) * gi * gi
          let avg: number
          if (c.centered) {
            a[i] = c.alpha * a[i] + (1 - c.alpha) * gi
            avg = Math.sqrt(s[i] - a[i] * a[i]) + c.eps
          } else avg = Math.sqrt(s[i]) + c.eps
          if (c.momentum > 0) {
            b[i] = c.momentum * b[i] + gi / avg
            want[i] -= lr * b[i]
          } else want[i] -= (lr * gi) / avg
        }
      }
      close(p.dataSync(), want, 'param')
      close(sq.dataSync(), s, 'squareAvg')
      if (c.centered) close(ga.dataSync(), a, 'gradAvg')
      if (c.momentum) close(buf.dataSync(), b, 'momentumBuffer')
    })
  }

  it('needs gradAvg when centered and a momentum buffer when momentum > 0', () => {
    expect(() =>
      fusedRmspropStepF32(zeros([2]), zeros([2]), zeros([2]), null, null, {
        lr: 1,
        centered: true,
      }),
    ).toThrow(/centered: true needs a gradAvg tensor/)
    expect(() =>
      fusedRmspropStepF32(zeros([2]), zeros([2]), zeros([2]), null, null, { lr: 1, momentum: 0.5 }),
    ).toThrow(/needs a momentumBuffer tensor/)
  })
})
