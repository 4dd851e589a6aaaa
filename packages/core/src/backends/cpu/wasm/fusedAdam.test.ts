import { describe, expect, it } from 'vitest'
import { DTypeError, fusedAdamStepF32, ShapeError, tensor, zeros } from '../../../index.js'

describe('fusedAdamStepF32', () => {
  it('updates param and both moments in place like PyTorch Adam (two steps)', () => {
    const p = tensor([0.5, -1, 2])
    const m = zeros([3])
    const v = zeros([3])
    const want = [0.5, -1, 2]
    const wm = [0, 0, 0]
    const wv = [0, 0, 0]
    const o = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 }
    for (const [step, g] of [
      [1, [0.1, -0.2, 0.3]],
      [2, [-0.05, 0.4, 0.3]],
    ] as [number, number[]][]) {
      fusedAdamStepF32(p, tensor(g), m, v, { ...o, step })
      for (let i = 0; i < 3; i++) {
        wm[i] = o.beta1 * wm[i] + (1 - o.beta1) * g[i]
        wv[i] = o.beta2 * wv[i] + (1 - o.beta2) * g[i] * g[i]
        const denom = Math.sqrt(wv[i]) / Math.sqrt(1 - o.beta2 ** step) + o.eps
        want[i] -= (o.lr / (1 - o.beta1 ** step)) * (wm[i] / denom)
      }
    }
    const close = (got: ArrayLike<number>, ref: number[]): void => {
      for (let i = 0; i < ref.length; i++) {
        expect(Math.abs(got[i] - ref[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref[i])))
      }
    }
    close(p.dataSync(), want)
    close(m.dataSync(), wm)
    close(v.dataSync(), wv)
  })

  it('every length (paired, single-vector and scalar tails) with and without weight decay', () => {
    for (const [weightDecay, decoupledWeightDecay] of [
      [0, 0],
      [0.1, 0],
      [0, 0.05],
    ]) {
      for (let n = 1; n <= 19; n++) {
        const p0 = Array.from({ length: n }, (_, i) => Math.sin(i + 1))
        const g = Array.from({ length: n }, (_, i) => Math.cos(3 * i) * 0.5)
        const p = tensor(p0)
        const m = zeros([n])
        const v = zeros([n])
        const o = {
          lr: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay,
          decoupledWeightDecay,
        }
        for (const step of [1, 2]) fusedAdamStepF32(p, tensor(g), m, v, { ...o, step })
        const got = p.dataSync()
        const want = [...p0]
        const wm = new Array<number>(n).fill(0)
        const wv = new Array<number>(n).fill(0)
        for (const step of [1, 2]) {
          for (let i = 0; i < n; i++) {
            want[i] *= 1 - o.lr * decoupledWeightDecay
            const gi = g[i] + weightDecay * want[i]
            wm[i] = o.beta1 * wm[i] + (1 - o.beta1) * gi
            wv[i] = o.beta2 * wv[i] + (1 - o.beta2) * gi * gi
            const denom = Math.sqrt(wv[i] / (1 - o.beta2 ** step)) + o.eps
            want[i] -= (o.lr / (1 - o.beta1 ** step)) * (wm[i] / denom)
          }
        }
        for (let i = 0; i < n; i++) {
          if (!(Math.abs(got[i] - want[i]) < 1e-6 * Math.max(1, Math.abs(want[i])))) {
            expect.fail(
              `n=${n} wd=${weightDecay} dwd=${decoupledWeightDecay} [${i}]: ${got[i]} vs ${want[i]}`,
            )
          }
        }
      }
    }
  })

  it('rejects wrong dtype, mismatched sizes and a bad step with typed errors', () => {
    const p = zeros([2])
    expect(() =>
      fusedAdamStepF32(p, zeros([2], { dtype: 'float64' }), zeros([2]), zeros([2]), {
        lr: 1,
        beta1: 0.9,
        beta2: 0.99,
        eps: 1e-8,
        step: 1,
      }),
    ).toThrow(DTypeError)
    expect(() =>
      fusedAdamStepF32(p, zeros([3]), zeros([2]), zeros([2]), {
        lr: 1,
        beta1: 0.9,
        beta2: 0.99,
        eps: 1e-8,
        step: 1,
      }),
    ).toThrow(ShapeError)
    expect(() =>
      fusedAdamStepF32(p, zeros([2]), zeros([2]), zeros([2]), {
        lr: 1,
        beta1: 0.9,
        beta2: 0.99,
        eps: 1e-8,
        step: 0,
      }),
    ).toThrow(/step must be an integer ≥ 1, got 0/)
  })
})
