import { describe, expect, test } from 'vitest'
import { grad, randn, type Tensor, tensor, tidy } from '../src/index.js'

describe('the issue example', () => {
  test('backward fills w.grad and grad(f) returns df/dx', () => {
    const x = randn([32, 784], { seed: 1 })
    const w = randn([784, 64], { seed: 0, requiresGrad: true })
    const loss = x.matmul(w).relu().sum()
    loss.backward()
    expect(w.grad?.shape).toEqual([784, 64])
    // d/dw sum(relu(xw)) = xᵀ · 1[xw > 0]
    const mask = tidy(() => x.matmul(w).greater(0).cast('float32'))
    const expected = tidy(() => x.transpose().matmul(mask))
    const diff = tidy(() => (w.grad as Tensor).sub(expected).abs().max().item())
    expect(diff).toBeLessThan(1e-3)
    const g = grad((v: Tensor) => v.square().sum())(tensor([1, 2, 3]))
    expect(g.toArray()).toEqual([2, 4, 6])
  })
})
