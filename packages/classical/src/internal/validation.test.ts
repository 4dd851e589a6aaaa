import { Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { InputError } from '../errors.js'
import {
  checkNFeatures,
  checkXy,
  encodeLabels,
  toDense,
  toDenseFitted,
  toMatrix,
  toVector,
} from './validation.js'

describe('validation', () => {
  test('toDense copies every accepted layout to the same row-major data', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ]
    const a = toDense(rows, 'api')
    const b = toDense(
      rows.map((r) => Float32Array.from(r)),
      'api',
    )
    const c = toDense(new Matrix(rows), 'api')
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6])
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect(toMatrix(rows, 'api').to2DArray()).toEqual(rows)
  })

  test('errors name the API and the problem', () => {
    expect(() => toDense([[1, Number.NaN]], 'SVC.fit')).toThrow(
      /SVC.fit: X contains NaN.*row 0, column 1/,
    )
    expect(() => toDense([[1, 2], [3]], 'SVC.fit')).toThrow(/ragged: row 1 has 1 values/)
    expect(() => toDense([], 'SVC.fit')).toThrow(InputError)
    expect(() => toDense([1, 2] as never, 'SVC.fit')).toThrow(/must be 2-D/)
    expect(() => toVector([1, Number.POSITIVE_INFINITY], 'f')).toThrow(/y\[1\] is Infinity/)
    expect(() => checkXy([[1], [2]], [1], 'f')).toThrow(/X has 2 samples but y has 1/)
    expect(() => checkNFeatures(toDense([[1, 2]], 'f'), 3, 'p')).toThrow(
      /X has 2 features, but the estimator was fitted with 3/,
    )
  })

  test('encodeLabels maps arbitrary labels to 0..k-1 and rejects one class', () => {
    const { classes, encoded } = encodeLabels(Float64Array.from([7, -1, 7, 2]), 'f')
    expect(Array.from(classes)).toEqual([-1, 2, 7])
    expect(Array.from(encoded)).toEqual([2, 0, 2, 1])
    expect(() => encodeLabels(Float64Array.from([3, 3]), 'f')).toThrow(
      /1 class .*expected at least 2/,
    )
  })

  test('toDense sums every value in row-major order; a non-finite value anywhere is named', () => {
    const rows = [Float64Array.from([0.1, 0.2, 1e16]), Float64Array.from([-1e16, 0.3, 0.7])]
    let seq = 0
    for (const r of rows) for (const v of r) seq += v
    expect(toDense(rows, 'api').sum).toBe(seq)
    expect(toDense(new Matrix(rows.map((r) => Array.from(r))), 'api').sum).toBe(seq)
    // Finite values whose sum overflows are still accepted.
    expect(toDense([[1e308, 1e308]], 'api').sum).toBe(Number.POSITIVE_INFINITY)
    const bad = [Float64Array.from([1, 2]), Float64Array.from([Number.NEGATIVE_INFINITY, 3])]
    expect(() => toDense(bad, 'SVC.fit')).toThrow(/X contains -Infinity at row 1, column 0/)
    expect(() =>
      toDense(
        [
          [1, 2],
          [3, undefined as never],
        ],
        'SVC.fit',
      ),
    ).toThrow(/X contains NaN \(or a non-number\) at row 1, column 1/)
    expect(() => toDense(new Matrix([[1, Number.NaN]]), 'SVC.fit')).toThrow(/row 0, column 1/)
  })

  test('encodeLabels: many classes, and -0 as the same class as 0', () => {
    const y = Float64Array.from({ length: 60 }, (_, i) => (i * 7) % 20)
    const { classes, encoded } = encodeLabels(y, 'f')
    expect(Array.from(classes)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(Array.from(encoded)).toEqual(Array.from(y))
    const z = encodeLabels(Float64Array.from([-0, 1, 0, 1]), 'f')
    expect(Object.is(z.classes[0], 0)).toBe(true)
    expect(Array.from(z.encoded)).toEqual([0, 1, 0, 1])
  })

  test('toDenseFitted returns the dense copy or names the feature mismatch', () => {
    expect(Array.from(toDenseFitted([[1, 2]], 2, 'f').data)).toEqual([1, 2])
    expect(() => toDenseFitted([[1, 2]], 3, 'Est.predict')).toThrow(
      /Est\.predict: X has 2 features, but the estimator was fitted with 3/,
    )
    expect(() => toDenseFitted([[1, Number.NaN]], 2, 'f')).toThrow(InputError)
  })
})
