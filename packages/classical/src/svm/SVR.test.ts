import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../test/datasets.js'
import { SVR } from './SVR.js'

interface SvrFixture {
  params: Record<string, unknown>
  r2: number
  n_support: number
  intercept: number
  predict: number[]
}
const here = dirname(fileURLToPath(import.meta.url))
const fixtures = JSON.parse(readFileSync(join(here, 'fixtures', 'svm_fixtures.json'), 'utf8')) as {
  svr: SvrFixture[]
}

describe('SVR', () => {
  test('a line inside the epsilon tube has no loss: linear kernel recovers y = 2x + 1', () => {
    const X = [[0], [1], [2], [3], [4]]
    const y = [1, 3, 5, 7, 9]
    const reg = new SVR({ kernel: 'linear', C: 100, epsilon: 0.5 }).fit(X, y)
    // The flattest line within ±0.5 of every point: slope 2 - 2·0.5/4 = 1.75, through the centre.
    const p = reg.predict([[0], [2], [4]])
    expect(p[1]).toBeCloseTo(5, 2)
    expect((p[2] - p[0]) / 4).toBeCloseTo(1.75, 2)
    expect(reg.support.length).toBe(2) // only the two end points touch the tube
  })

  test('epsilon larger than the spread of y: no support vectors, constant prediction', () => {
    const reg = new SVR({ epsilon: 10 }).fit([[0], [1], [2]], [1, 2, 3])
    expect(reg.support.length).toBe(0)
    expect(Array.from(reg.predict([[5], [-5]]))).toEqual([reg.intercept, reg.intercept])
  })

  for (const fx of fixtures.svr) {
    test(`parity with scikit-learn on diabetes ${JSON.stringify(fx.params)}`, () => {
      const s = loadSplit('diabetes', 'raw')
      const reg = new SVR(fx.params as object).fit(s.Xtrain, s.ytrain)
      expect(Math.abs(reg.support.length - fx.n_support)).toBeLessThanOrEqual(2)
      expect(reg.score(s.Xtest, s.ytest)).toBeCloseTo(fx.r2, 3)
      const p = reg.predict(s.Xtest)
      p.forEach((v, i) => {
        expect(Math.abs(v - fx.predict[i])).toBeLessThan(0.05)
      })
      expect(reg.intercept).toBeCloseTo(fx.intercept, 1)
    })
  }

  test("LIBSVM's SVR_Q path (cache too small for the Gram matrix) finds the same model", () => {
    const s = loadSplit('diabetes', 'raw')
    const a = new SVR({ C: 100, epsilon: 5 }).fit(s.Xtrain, s.ytrain)
    const b = new SVR({ C: 100, epsilon: 5, cacheSize: 0.3 }).fit(s.Xtrain, s.ytrain)
    expect(b.nIter).toBe(a.nIter)
    expect(Array.from(b.support)).toEqual(Array.from(a.support))
    const pa = a.predict(s.Xtest)
    b.predict(s.Xtest).forEach((v, i) => {
      expect(v).toBeCloseTo(pa[i], 8)
    })
  })

  test('errors: bad epsilon, wrong feature count, predict before fit', () => {
    expect(() => new SVR({ epsilon: -1 }).fit([[0], [1]], [0, 1])).toThrow(/epsilon/)
    expect(() => new SVR().predict([[1]])).toThrow(
      expect.objectContaining({ name: 'NotFittedError' }),
    )
    const reg = new SVR().fit(
      [
        [0, 1],
        [1, 0],
        [2, 2],
      ],
      [0, 1, 2],
    )
    expect(() => reg.predict([[1]])).toThrow(expect.objectContaining({ name: 'InputError' }))
  })

  test('JSON round trip predicts identically', () => {
    const s = loadSplit('diabetes', 'raw')
    const reg = new SVR({ C: 100, epsilon: 5 }).fit(s.Xtrain, s.ytrain)
    const back = SVR.fromJSON(JSON.stringify(reg.toJSON()))
    expect(Array.from(back.predict(s.Xtest))).toEqual(Array.from(reg.predict(s.Xtest)))
  })
})
