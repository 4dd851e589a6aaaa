import { EigenvalueDecomposition, Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { Random } from './random.js'
import { symmetricEigen } from './symmetricEigen.js'

describe('symmetricEigen', () => {
  test('matches ml-matrix on a random symmetric matrix and satisfies A v = λ v', () => {
    const n = 12
    const rng = new Random(5)
    const A = new Float64Array(n * n)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = rng.normal()
        A[i * n + j] = v
        A[j * n + i] = v
      }
    }
    const { values, vectors } = symmetricEigen(A, n)
    const M = new Matrix(
      Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, (i + 1) * n))),
    )
    const ref = new EigenvalueDecomposition(M, { assumeSymmetric: true })
    expect(Array.from(values)).toEqual(ref.realEigenvalues)
    expect(Array.from(vectors)).toEqual(ref.eigenvectorMatrix.to1DArray())
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let av = 0
        for (let j = 0; j < n; j++) av += (A[i * n + j] as number) * (vectors[j * n + c] as number)
        expect(av).toBeCloseTo((values[c] as number) * (vectors[i * n + c] as number), 10)
      }
    }
  })
})
