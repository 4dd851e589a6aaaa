// Optimizers on @mlstack/core tensors: the PyTorch fixture reproduced with core's own float64
// autograd computing the gradients, in-place updates through the tensors' storage, zeroGrad,
// clipping, and memory that stays flat over many steps.
import { memory, Tensor, tensor, tidy } from '@mlstack/core'
import { describe, expect, it } from 'vitest'
import {
  Adam,
  AdamW,
  clipGradNorm,
  clipGradValue,
  ParameterError,
  RMSprop,
  SGD,
} from '../src/index.js'
import { camel } from './camel.js'
import { cases, maxRelErr, ORDER, problem } from './fixtureProblem.js'
import { type Case, CTORS } from './makeOptimizer.js'

type Names = (typeof ORDER)[number]

function makeParams(dtype: 'float32' | 'float64' = 'float64'): Record<Names, Tensor> {
  const s = problem.shapes as Record<Names, number[]>
  const out = {} as Record<Names, Tensor>
  for (const n of ORDER)
    out[n] = tensor(problem.init[n], { shape: s[n], dtype, requiresGrad: true })
  return out
}

const X = tensor(problem.X, { shape: [problem.N, problem.D], dtype: 'float64' })
const Y = tensor(problem.Y, { dtype: 'float64' })

/** The fixture's loss, written with core ops; backward() fills each parameter's .grad. */
function lossOf(p: Record<Names, Tensor>): Tensor {
  const h = X.matmul(p.w1.transpose()).add(p.b1).tanh()
  const pred = h
    .matmul(p.w2.reshape([problem.H, 1]))
    .reshape([problem.N])
    .add(p.b2)
  const c = p.b2.sub(0.3)
  return pred.sub(Y).square().mean().add(c.square().sum().mul(0.5))
}

function trainStep(opt: { zeroGrad(): void; step(): void }, p: Record<Names, Tensor>): number {
  opt.zeroGrad()
  const value = tidy(() => {
    const loss = lossOf(p)
    loss.backward()
    return loss.item()
  })
  opt.step()
  return value
}

describe('optimizers on @mlstack/core tensors', () => {
  for (const name of [
    'sgd_nesterov',
    'rmsprop_centered_momentum',
    'adam',
    'adamw_amsgrad',
    'nadam',
    'adam_param_groups',
  ]) {
    it(`${name}: matches PyTorch over 100 steps with core autograd gradients`, () => {
      const c = cases.find((x) => x.name === name) as Case
      const p = makeParams()
      const input = c.groups
        ? c.groups.map((g) => ({ params: g.names.map((n) => p[n as Names]), ...camel(g.options) }))
        : ORDER.map((n) => p[n])
      const opt = new CTORS[c.optimizer](input, camel(c.options))
      const snaps = c.params as Record<string, Record<Names, number[]>>
      for (let step = 1; step <= 100; step++) {
        const loss = trainStep(opt, p)
        expect(Math.abs(loss - c.losses[step - 1]) / c.losses[step - 1]).toBeLessThan(1e-6)
        const snap = snaps[String(step)]
        if (snap) {
          for (const n of ORDER)
            expect(maxRelErr(p[n].dataSync(), snap[n]), `${name} ${step} ${n}`).toBeLessThan(1e-6)
        }
      }
      for (const n of ORDER) p[n].dispose()
    })
  }

  it('zeroGrad sets .grad to null (disposing it) or to zeros', () => {
    const w = tensor([1, 2], { requiresGrad: true })
    const opt = new SGD([w], { lr: 0.1 })
    tidy(() => w.mul(3).sum().backward())
    opt.step()
    expect(Array.from(w.dataSync())).toEqual([Math.fround(0.7), Math.fround(1.7)])
    opt.zeroGrad(false)
    expect(Array.from((w.grad as Tensor).dataSync())).toEqual([0, 0])
    const g = w.grad as Tensor
    opt.zeroGrad()
    expect(w.grad).toBeNull()
    expect(g.isDisposed).toBe(true)
    w.dispose()
  })

  it('skips tensors without gradients and rejects non-float or disposed tensors', () => {
    const a = tensor([1], { requiresGrad: true })
    const opt = new Adam([a])
    opt.step()
    expect(opt.state.size).toBe(0)
    expect(() => new Adam([tensor([1, 2], { dtype: 'int32' })])).toThrow(
      /Adam: param group 0, parameter 0 is a int32 tensor, expected float32 or float64/,
    )
    const d = tensor([1])
    d.dispose()
    expect(() => new Adam([d])).toThrow(ParameterError)
  })

  it('clipGradNorm and clipGradValue scale tensor gradients in place', () => {
    const a = tensor([0, 0], { requiresGrad: true })
    const b = tensor([0], { requiresGrad: true })
    tidy(() =>
      a
        .mul(tensor([3, 4]))
        .sum()
        .add(b.mul(12).sum())
        .backward(),
    )
    const total = clipGradNorm([a, b], 6.5)
    expect(total).toBeCloseTo(13, 5)
    expect(Array.from((a.grad as Tensor).dataSync()).map((x) => Math.round(x * 1e4) / 1e4)).toEqual(
      [1.5, 2],
    )
    clipGradValue(a, 1.75)
    const g = (a.grad as Tensor).dataSync()
    expect(g[0]).toBeCloseTo(1.5, 5)
    expect(g[1]).toBe(1.75)
    a.dispose()
    b.dispose()
  })

  it('holds tensor count and bytes flat over 300 training steps', () => {
    const p = makeParams('float32')
    const opt = new Adam(
      ORDER.map((n) => p[n]),
      { lr: 0.01 },
    )
    trainStep(opt, p)
    const before = memory()
    let last = 0
    for (let i = 0; i < 300; i++) last = trainStep(opt, p)
    const after = memory()
    expect(after.numTensors).toBe(before.numTensors)
    expect(after.numBytes).toBe(before.numBytes)
    expect(last).toBeLessThan(cases[0].losses[0])
    for (const n of ORDER) p[n].dispose()
  })

  describe('fused WASM path (Adam/AdamW, SGD, RMSprop on float32 CPU tensors)', () => {
    // The state entry each fused kernel keeps in a core tensor (plain SGD keeps none).
    const fusedState: Record<string, string | null> = {
      adam: 'expAvg',
      adam_weight_decay: 'expAvg',
      adamw: 'expAvg',
      sgd_plain: null,
      sgd_momentum: 'momentumBuffer',
      sgd_dampening: 'momentumBuffer',
      sgd_nesterov: 'momentumBuffer',
      sgd_weight_decay: 'momentumBuffer',
      rmsprop_plain: 'squareAvg',
      rmsprop_centered: 'gradAvg',
      rmsprop_momentum: 'momentumBuffer',
      rmsprop_centered_momentum: 'momentumBuffer',
    }
    for (const [name, key] of Object.entries(fusedState)) {
      it(`${name}: float32 tensors stay within float32 drift of PyTorch's float64 trajectory`, () => {
        const c = cases.find((x) => x.name === name) as Case
        const p = makeParams('float32')
        const opt = new CTORS[c.optimizer](
          ORDER.map((n) => p[n]),
          camel(c.options),
        )
        // Centered RMSprop with alpha 0.9 is ill-conditioned in float32 (√(v − ḡ²) cancels): the
        // JavaScript loop on float32 storage drifts ~1e-2 from PyTorch's float64 by step 50 as
        // the kernel does, so that case is held to the step-10 snapshot.
        const steps = name === 'rmsprop_centered' ? 10 : 50
        for (let step = 1; step <= steps; step++) trainStep(opt, p)
        if (key !== null) expect(opt.state.get(p.w1)?.[key]).toBeInstanceOf(Tensor)
        const snap = (c.params as Record<string, Record<Names, number[]>>)[String(steps)]
        for (const n of ORDER) {
          const got = p[n].dataSync()
          for (let i = 0; i < got.length; i++)
            expect(Math.abs(got[i] - snap[n][i])).toBeLessThan(2e-5)
        }
        opt.dispose()
        for (const n of ORDER) p[n].dispose()
      })
    }

    it('SGD with maximize (not in the kernel) keeps the JavaScript path and PyTorch parity', () => {
      const c = cases.find((x) => x.name === 'sgd_maximize') as Case
      const p = makeParams('float32')
      const opt = new CTORS[c.optimizer](
        ORDER.map((n) => p[n]),
        camel(c.options),
      )
      // The fixture maximizes the negated loss (the same path as minimizing the loss).
      for (let step = 1; step <= 50; step++) {
        opt.zeroGrad()
        tidy(() => lossOf(p).neg().backward())
        opt.step()
      }
      expect(opt.state.get(p.w1)?.momentumBuffer).toBeInstanceOf(Float32Array)
      const snap = (c.params as Record<string, Record<Names, number[]>>)['50']
      for (const n of ORDER) {
        const got = p[n].dataSync()
        for (let i = 0; i < got.length; i++)
          expect(Math.abs(got[i] - snap[n][i])).toBeLessThan(2e-5)
      }
      opt.dispose()
      for (const n of ORDER) p[n].dispose()
    })

    it('RMSprop state moves between tensors and arrays when maximize is toggled', () => {
      const p = makeParams('float32')
      const opt = new RMSprop(
        ORDER.map((n) => p[n]),
        { lr: 0.01, momentum: 0.5, centered: true },
      )
      trainStep(opt, p)
      const withTensors = memory().numTensors
      expect(opt.state.get(p.w1)?.squareAvg).toBeInstanceOf(Tensor)
      opt.paramGroups[0].maximize = true
      trainStep(opt, p)
      for (const k of ['squareAvg', 'gradAvg', 'momentumBuffer'])
        expect(opt.state.get(p.w1)?.[k as 'squareAvg']).toBeInstanceOf(Float32Array)
      expect(memory().numTensors).toBe(withTensors - 3 * ORDER.length)
      opt.paramGroups[0].maximize = false
      trainStep(opt, p)
      expect(memory().numTensors).toBe(withTensors)
      opt.dispose()
      expect(memory().numTensors).toBe(withTensors - 3 * ORDER.length)
      for (const n of ORDER) p[n].dispose()
    })

    it('state tensors created inside tidy() survive it', () => {
      const w = tensor([1, 2, 3], { requiresGrad: true })
      const opt = new Adam([w], { lr: 0.1 })
      tidy(() => {
        w.mul(w).sum().backward()
        opt.step()
      })
      const m = opt.state.get(w)?.expAvg as Tensor
      expect(m).toBeInstanceOf(Tensor)
      expect(m.isDisposed).toBe(false)
      expect(Array.from(m.dataSync()).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([
        0.2, 0.4, 0.6,
      ])
      opt.dispose()
      expect(m.isDisposed).toBe(true)
      w.dispose()
    })

    it('state dicts hold typed arrays, and resuming on tensors is bit-identical', () => {
      const p = makeParams('float32')
      const opt = new AdamW(
        ORDER.map((n) => p[n]),
        { lr: 0.01 },
      )
      for (let i = 0; i < 10; i++) trainStep(opt, p)
      const dict = opt.stateDict()
      expect(dict.state[0].expAvg).toBeInstanceOf(Float32Array)
      const saved = ORDER.map((n) => p[n].dataSync())
      for (let i = 0; i < 10; i++) trainStep(opt, p)
      const q = makeParams('float32')
      ORDER.forEach((n, i) => {
        q[n].assign(tensor(saved[i], { shape: q[n].shape }))
      })
      const resumed = new AdamW(
        ORDER.map((n) => q[n]),
        { lr: 0.5 },
      )
      resumed.loadStateDict(dict)
      for (let i = 0; i < 10; i++) trainStep(resumed, q)
      for (const n of ORDER)
        expect(Array.from(q[n].dataSync())).toEqual(Array.from(p[n].dataSync()))
      for (const o of [opt, resumed]) o.dispose()
      for (const n of ORDER) {
        p[n].dispose()
        q[n].dispose()
      }
    })

    it('falls back to typed arrays when amsgrad is turned on, and dispose() frees the moments', () => {
      const p = makeParams('float32')
      const opt = new Adam(
        ORDER.map((n) => p[n]),
        { lr: 0.01 },
      )
      trainStep(opt, p)
      const withTensors = memory().numTensors
      opt.paramGroups[0].amsgrad = true
      trainStep(opt, p)
      expect(opt.state.get(p.w1)?.expAvg).toBeInstanceOf(Float32Array)
      expect(memory().numTensors).toBe(withTensors - 2 * ORDER.length)
      opt.paramGroups[0].amsgrad = false
      trainStep(opt, p)
      expect(memory().numTensors).toBe(withTensors)
      opt.dispose()
      expect(opt.state.size).toBe(0)
      expect(memory().numTensors).toBe(withTensors - 2 * ORDER.length)
      for (const n of ORDER) p[n].dispose()
    })
  })
})
