import { describe, expect, test } from 'vitest'
import { LinearRegression } from './LinearRegression.js'

describe('LinearRegression', () => {
  test('recovers exact coefficients', () => {
    const X = [
      [1, 2],
      [2, 1],
      [3, 5],
      [4, 3],
      [0, 1],
    ]
    const y = X.map((r) => 3 + 2 * (r[0] as number) - 0.5 * (r[1] as number))
    const m = new LinearRegression().fit(X, y)
    expect(m.coef[0]).toBeCloseTo(2, 12)
    expect(m.coef[1]).toBeCloseTo(-0.5, 12)
    expect(m.intercept).toBeCloseTo(3, 12)
  })

  test('rank-deficient X gives the minimum-norm solution (duplicated column shares the weight)', () => {
    const X = [
      [1, 1],
      [2, 2],
      [3, 3],
      [5, 5],
    ]
    const y = [2, 4, 6, 10]
    const m = new LinearRegression({ fitIntercept: false }).fit(X, y)
    expect(m.coef[0]).toBeCloseTo(1, 10)
    expect(m.coef[1]).toBeCloseTo(1, 10)
  })

  test('more features than samples: minimum-norm interpolation', () => {
    const X = [
      [1, 0, 2],
      [0, 1, 1],
    ]
    const y = [3, 1]
    const m = new LinearRegression({ fitIntercept: false }).fit(X, y)
    const pred = m.predict(X)
    expect(pred[0]).toBeCloseTo(3, 10)
    expect(pred[1]).toBeCloseTo(1, 10)
    // Minimum norm: w = Xᵀ (X Xᵀ)⁻¹ y = [4, -1, 7] / 6.
    expect(Array.from(m.coef).map((v) => v * 6)).toEqual([
      expect.closeTo(4, 9),
      expect.closeTo(-1, 9),
      expect.closeTo(7, 9),
    ])
  })
})
