import { Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../../test/datasets.js'
import { InputError } from '../../errors.js'
import { linearScores } from '../../internal/linearModel.js'
import { Random } from '../../internal/random.js'
import { classifierScores } from './classifierScores.js'

describe('classifierScores (WebAssembly affineRows)', () => {
  // 10 classes (4 + 1 class pairs), 3 (a padding class), 1 (binary models); odd row counts.
  for (const k of [10, 3, 1]) {
    test(`bit-identical to linearScores for every input form (k = ${k})`, () => {
      const s = loadSplit('digits', 'std')
      const d = 64
      const rng = new Random(k)
      const coef = Float64Array.from({ length: k * d }, () => rng.normal())
      const intercept = Float64Array.from({ length: k }, () => rng.normal())
      const rows = s.Xtest.slice(0, 451 - 2 * k)
      for (const X of [rows, rows.map((r) => Float64Array.from(r)), new Matrix(rows)]) {
        const a = classifierScores(X, d, coef, intercept, 'api')
        const b = linearScores(X, d, coef, intercept, 'api')
        expect(a.rows).toBe(b.rows)
        expect(a.cols).toBe(b.cols)
        expect(Array.from(a.data)).toEqual(Array.from(b.data))
      }
    })
  }

  test('non-finite inputs and wrong shapes get the validation errors', () => {
    const coef = Float64Array.from([1, 0, 2, 0, 0, 3])
    const intercept = Float64Array.from([0, 1])
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      // Column 1 has zero weight in the first row: Inf · 0 is NaN, still caught.
      const X = [
        [1, 2, 3],
        [4, bad, 6],
      ]
      expect(() => classifierScores(X, 3, coef, intercept, 'LR.predict')).toThrow(InputError)
      expect(() => classifierScores(X, 3, coef, intercept, 'LR.predict')).toThrow(/row 1, column 1/)
    }
    expect(() => classifierScores([[1, 2]], 3, coef, intercept, 'LR.predict')).toThrow(
      /2 features, but the estimator was fitted with 3/,
    )
    expect(() => classifierScores([], 3, coef, intercept, 'LR.predict')).toThrow(/empty/)
  })

  test('finite inputs whose scores overflow are returned, as by linearScores', () => {
    const coef = Float64Array.from([1e300, 1])
    const intercept = Float64Array.from([0])
    const X = [[1e300, 0]]
    expect(Array.from(classifierScores(X, 2, coef, intercept, 'api').data)).toEqual(
      Array.from(linearScores(X, 2, coef, intercept, 'api').data),
    )
  })
})
