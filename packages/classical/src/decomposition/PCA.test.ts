import { describe, expect, test } from 'vitest'
import { PCA } from './PCA.js'

describe('PCA', () => {
  test('recovers the main axis of points on a line, with inverseTransform', () => {
    const X = [
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 6.001],
    ]
    const p = new PCA({ nComponents: 1 }).fit(X)
    const c = p.components.getRow(0)
    expect(Math.abs(c[0] as number)).toBeCloseTo(1 / Math.sqrt(5), 3)
    expect(Math.abs(c[1] as number)).toBeCloseTo(2 / Math.sqrt(5), 3)
    expect(p.explainedVarianceRatio[0]).toBeGreaterThan(0.999999)
    const back = p.inverseTransform(p.transform(X)).to2DArray()
    for (let i = 0; i < X.length; i++) {
      for (let j = 0; j < 2; j++)
        expect(back[i]?.[j]).toBeCloseTo((X[i] as number[])[j] as number, 2)
    }
  })

  test('whitened projections have unit variance; constant data whitens to 0, not NaN', () => {
    const X = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(3 * i) * 5, i / 10])
    const Z = new PCA({ whiten: true }).fit(X).transform(X)
    for (let c = 0; c < Z.columns; c++) {
      const col = Z.getColumn(c)
      const m = col.reduce((a, b) => a + b, 0) / col.length
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / (col.length - 1)
      expect(v).toBeCloseTo(1, 10)
    }
    expect(
      new PCA({ whiten: true })
        .fit([
          [1, 2],
          [1, 2],
          [1, 2],
        ])
        .transform([[1, 2]])
        .to2DArray(),
    ).toEqual([[0, 0]])
  })

  test('more features than samples uses the SVD path', () => {
    const X = [
      [1, 2, 3, 4, 5],
      [2, 1, 0, 1, 2],
      [0, 0, 1, 3, 1],
    ]
    const p = new PCA().fit(X)
    expect(p.explainedVariance.length).toBe(3)
    expect(p.explainedVarianceRatio[2]).toBeLessThan(1e-12)
    expect(() => new PCA({ nComponents: 4 }).fit(X)).toThrow(
      /nComponents = 4; expected an integer in \[1, 3\]/,
    )
  })
})
