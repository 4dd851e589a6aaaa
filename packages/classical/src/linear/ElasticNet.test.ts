import { describe, expect, test } from 'vitest'
import { syntheticData } from '../testing/checkEstimator.js'
import { ElasticNet } from './ElasticNet.js'
import { Lasso } from './Lasso.js'
import { LinearRegression } from './LinearRegression.js'

const { X, y } = syntheticData('regression')

describe('Lasso and ElasticNet', () => {
  test('a large alpha zeroes every coefficient (intercept = mean of y)', () => {
    const m = new Lasso({ alpha: 1e6 }).fit(X, y)
    // Exact zeros (possibly -0, as scikit-learn's soft-thresholding also gives).
    for (const c of m.coef) expect(c === 0).toBe(true)
    expect(m.intercept).toBeCloseTo(y.reduce((a, b) => a + b, 0) / y.length, 12)
  })

  test('a tiny alpha approaches ordinary least squares', () => {
    const ols = new LinearRegression().fit(X, y).coef
    const lasso = new Lasso({ alpha: 1e-8, tol: 1e-12, maxIter: 100000 }).fit(X, y).coef
    for (let j = 0; j < ols.length; j++) expect(lasso[j]).toBeCloseTo(ols[j] as number, 5)
  })

  test('the L1 penalty selects: an irrelevant feature gets exactly 0', () => {
    const Xn = X.map((r, i) => [...r, ((i * 37) % 11) / 11])
    const m = new Lasso({ alpha: 0.1 }).fit(Xn, y)
    expect(m.coef[4]).toBe(0)
    expect(m.nIter).toBeGreaterThan(0)
  })

  test('ElasticNet with l1Ratio=1 is the lasso; Lasso refuses another l1Ratio', () => {
    const a = new ElasticNet({ alpha: 0.2, l1Ratio: 1 }).fit(X, y).coef
    const b = new Lasso({ alpha: 0.2 }).fit(X, y).coef
    expect(Array.from(a)).toEqual(Array.from(b))
    expect(() => new Lasso().setParams({ l1Ratio: 0.5 } as never)).toThrow(/fixes l1Ratio to 1/)
    expect(() => new ElasticNet({ l1Ratio: 2 }).fit(X, y)).toThrow(
      /l1Ratio = 2; expected a number in \[0, 1\]/,
    )
  })
})
