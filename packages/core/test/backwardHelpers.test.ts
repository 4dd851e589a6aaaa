/** The public helpers for hand-written backward passes: matmul's transA/transB and reluGrad. */
import { describe, expect, test } from 'vitest'
import {
  DTypeError,
  grad,
  matmul,
  randn,
  reluGrad,
  ShapeError,
  type Tensor,
  tensor,
  where,
} from '../src/index.js'
import { gradcheck } from '../src/testing/index.js'

const arr = (t: Tensor) => Array.from(t.dataSync())

function close(a: number[], b: number[], tol = 1e-5): void {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol)
}

describe('matmul options', () => {
  const a = randn([5, 3], { seed: 1 })
  const b = randn([5, 4], { seed: 2 })
  const c = randn([4, 3], { seed: 3 })

  test('transA / transB equal an explicit transpose', () => {
    close(arr(matmul(a, b, { transA: true })), arr(a.transpose().matmul(b)))
    const d = randn([6, 4], { seed: 7 })
    close(arr(matmul(b, d, { transB: true })), arr(b.matmul(d.transpose())))
    close(
      arr(c.matmul(b, { transA: true, transB: true })),
      arr(c.transpose().matmul(b.transpose())),
    )
    expect(matmul(a, b, { transA: true }).shape).toEqual([3, 4])
    // Batched operands transpose their last two axes.
    const ab = randn([2, 5, 3], { seed: 4 })
    close(arr(matmul(ab, b, { transA: true })), arr(ab.transpose([0, 2, 1]).matmul(b)))
  })

  test('without options the old signature is unchanged; gradients flow through the options', () => {
    close(arr(matmul(a, a.transpose())), arr(matmul(a, a, { transB: true })))
    const r = gradcheck(
      (x, y) => matmul(x, y, { transA: true, transB: true }),
      [randn([3, 2], { dtype: 'float64', seed: 5 }), randn([4, 3], { dtype: 'float64', seed: 6 })],
    )
    expect(r.ok).toBe(true)
  })

  test('bad shapes name the transposed operand', () => {
    expect(() => matmul(a, b, { transB: true })).toThrow(ShapeError)
    expect(() => matmul(a, b, { transB: true })).toThrow(/\[5, 4\]ᵀ/)
    expect(() => matmul(tensor([1, 2, 3]), c, { transA: true })).toThrow(/transA needs a of rank/)
  })
})

describe('reluGrad', () => {
  const z = tensor([-2, -0.5, 0, 0.5, 3])
  const dy = tensor([1, 2, 3, 4, 5])

  test('is dy where the relu is active, from its output or its input', () => {
    expect(arr(reluGrad(dy, z.relu()))).toEqual([0, 0, 0, 4, 5])
    expect(arr(reluGrad(dy, z))).toEqual([0, 0, 0, 4, 5])
    // The same as relu's own backward.
    const zg = z.clone().requiresGrad_(true)
    zg.relu().mul(dy).sum().backward()
    expect(arr(zg.grad as Tensor)).toEqual(arr(reluGrad(dy, z)))
  })

  test('is differentiable in dy when recording', () => {
    const y = z.relu()
    const g = grad((d: Tensor) =>
      reluGrad(d, y)
        .mul(tensor([1, 1, 1, 2, 3]))
        .sum(),
    )(dy)
    expect(arr(g)).toEqual(arr(where(y.greater(0), tensor([1, 1, 1, 2, 3]), 0)))
  })

  test('rejects mismatched shapes and dtypes', () => {
    expect(() => reluGrad(dy, tensor([1, 2]))).toThrow(ShapeError)
    expect(() => reluGrad(dy, tensor([1, 2, 3, 4, 5], { dtype: 'int32' }))).toThrow(DTypeError)
  })
})
