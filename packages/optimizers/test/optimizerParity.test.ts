// Every optimizer against PyTorch's trajectory on the fixed problem of fixtures/optimizers.json:
// 100 steps in float64, parameters compared after steps 1, 2, 10, 50 and 100 to 1e-6 relative.
import { describe, expect, it } from 'vitest'
import { StepLR } from '../src/index.js'
import { cases, initParams, lossAndGrad, maxRelErr, ORDER, zeroParams } from './fixtureProblem.js'
import { type Case, makeOptimizer, wrap } from './makeOptimizer.js'

describe('optimizer parity with PyTorch (fixtures/optimizers.json)', () => {
  it('the hand-written gradient matches autograd at the initial point', () => {
    const p = initParams()
    const g = zeroParams()
    const loss = lossAndGrad(p, g)
    expect(Math.abs(loss - cases[0].losses[0])).toBeLessThan(1e-14)
    for (const k of ORDER) expect(maxRelErr(g[k], cases[0].grad_step1[k], 1e-8)).toBeLessThan(1e-12)
  })

  for (const c of cases as Case[]) {
    it(`${c.name} matches over 100 steps`, () => {
      const values = initParams()
      const grads = zeroParams()
      const params = wrap(values)
      const opt = makeOptimizer(c, params)
      const sched = c.scheduler
        ? new StepLR(opt, { stepSize: c.scheduler.step_size, gamma: c.scheduler.gamma })
        : null
      const snaps = c.params as Record<string, Record<(typeof ORDER)[number], number[]>>
      for (let step = 1; step <= 100; step++) {
        opt.zeroGrad()
        const loss = lossAndGrad(values, grads)
        expect(Math.abs(loss - c.losses[step - 1]) / c.losses[step - 1]).toBeLessThan(1e-6)
        for (const n of ORDER) {
          if (c.maximize_negated_loss)
            for (let i = 0; i < grads[n].length; i++) grads[n][i] = -grads[n][i]
          params[n].grad = grads[n]
        }
        opt.step()
        sched?.step()
        const snap = snaps[String(step)]
        if (snap) {
          for (const n of ORDER) {
            const err = maxRelErr(values[n], snap[n])
            expect(err, `${c.name} step ${step} ${n}`).toBeLessThan(1e-6)
          }
        }
      }
    })
  }
})
