import { describe, expect, test } from 'vitest'
import { OPS } from '../src/index.js'
import { caseInputs, gradcheck, OP_CASES } from '../src/testing/index.js'

// Generated from the op table: every differentiable op needs at least one case with inputs to
// differentiate, and every such case passes a float64 central-difference check.
describe('gradient checks (float64, central differences)', () => {
  test('every differentiable op of the op table has a gradient case', () => {
    const missing = Object.entries(OPS)
      .filter(
        ([op, info]) =>
          info.differentiable && !OP_CASES[op]?.some((k) => (k.grad ?? k.shapes).length > 0),
      )
      .map(([op]) => op)
    expect(missing).toEqual([])
  })

  let seed = 100
  for (const [op, cases] of Object.entries(OP_CASES)) {
    if (!(OPS as Record<string, { differentiable: boolean }>)[op]?.differentiable) continue
    for (const kase of cases) {
      const wrt = kase.grad ?? kase.shapes.map((_, i) => i)
      if (wrt.length === 0 || kase.large) continue
      const s = seed++
      test(`${op}: ${kase.label}`, () => {
        const xs = caseInputs(kase, 'float64', s)
        const r = gradcheck(kase.fn, xs, { wrt, eps: kase.eps, atol: kase.atol })
        for (const x of xs) x.dispose()
        expect(r.worst).toBeNull()
        expect(r.checked).toBeGreaterThan(0)
      })
    }
  }
})
