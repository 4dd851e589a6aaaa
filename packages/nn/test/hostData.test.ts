import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../src/errors.js'
import { checkFiniteArray } from '../src/internal/hostData.js'

describe('checkFiniteArray', () => {
  // The scan sums in four lanes plus a tail; every position of every lane must be caught.
  test('finds NaN/±Infinity at every index of short and odd lengths, in both float types', () => {
    for (const f64 of [false, true]) {
      for (let n = 1; n <= 11; n++) {
        const ok = f64 ? new Float64Array(n) : new Float32Array(n)
        for (let i = 0; i < n; i++) ok[i] = i - 3.5
        expect(() => checkFiniteArray('predict', 'x', ok, [1, n])).not.toThrow()
        for (const bad of [Number.NaN, Infinity, -Infinity]) {
          for (let i = 0; i < n; i++) {
            const d = ok.slice()
            d[i] = bad
            let err: unknown
            try {
              checkFiniteArray('predict', 'x', d, [1, n])
            } catch (e) {
              err = e
            }
            expect(err).toBeInstanceOf(InvalidInputError)
            expect((err as Error).message).toContain(`contains ${bad} at flat index ${i}`)
          }
        }
      }
    }
  })

  test('reports the first bad row', () => {
    const d = new Float32Array(12)
    d[7] = Number.NaN
    d[10] = Infinity
    expect(() => checkFiniteArray('fit', 'x', d, [4, 3])).toThrow(/flat index 7 \(row 2\)/)
  })
})
