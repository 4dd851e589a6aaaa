import { describe, expect, test } from 'vitest'
import {
  customGrad,
  GradientError,
  grad,
  memory,
  noGrad,
  randn,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
} from '../src/index.js'
import { gradcheck } from '../src/testing/index.js'

const arr = (t: Tensor | null) => Array.from((t as Tensor).dataSync())

describe('backward (PyTorch style)', () => {
  test('gradients accumulate into .grad across backward calls', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true })
    w.mul(w).sum().backward()
    expect(arr(w.grad)).toEqual([2, 4, 6])
    w.mul(3).sum().backward()
    expect(arr(w.grad)).toEqual([5, 7, 9])
    w.zeroGrad()
    expect(w.grad).toBeNull()
  })

  test('a tensor used twice gets both contributions (diamond graph)', () => {
    const x = tensor([2], { requiresGrad: true })
    const a = x.mul(3)
    const b = x.square()
    a.add(b).sum().backward() // 3 + 2x
    expect(arr(x.grad)).toEqual([7])
  })

  test('broadcast inputs get gradients summed over the broadcast axes', () => {
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    )
    const b = tensor([10, 20, 30], { requiresGrad: true })
    x.add(b).mul(x).sum().backward()
    expect(arr(b.grad)).toEqual([5, 7, 9])
    expect(x.grad?.shape).toEqual([2, 3])
  })

  test('non-scalar backward needs a gradient; a freed graph cannot run twice', () => {
    const x = tensor([1, 2], { requiresGrad: true })
    const y = x.mul(2)
    expect(() => y.backward()).toThrow(GradientError)
    y.backward(tensor([1, 1]), { retainGraph: true })
    y.backward(tensor([1, 0]))
    expect(arr(x.grad)).toEqual([4, 2])
    expect(() => y.backward(tensor([1, 1]))).toThrow(/freed/)
  })

  test('backward works after the intermediates were disposed (tidy ended)', () => {
    const w = randn([4, 3], { seed: 2, requiresGrad: true })
    const x = randn([5, 4], { seed: 3 })
    const before = memory().numTensors
    const loss = tidy(() => x.matmul(w).tanh().square().mean())
    expect(memory().numTensors).toBe(before + 1)
    loss.backward()
    const expected = grad((v: Tensor) => x.matmul(v).tanh().square().mean())(w)
    expect(arr(w.grad).map((v, i) => Math.abs(v - (arr(expected)[i] as number)))).toSatisfy(
      (d: number[]) => d.every((e) => e < 1e-6),
    )
  })

  test('backward on a tensor without grad is a GradientError', () => {
    expect(() => tensor([1]).backward()).toThrow(GradientError)
  })

  test('noGrad and detach stop recording', () => {
    const w = tensor([1, 2], { requiresGrad: true })
    expect(noGrad(() => w.mul(2)).requiresGrad).toBe(false)
    expect(w.detach().mul(2).requiresGrad).toBe(false)
    expect(w.mul(2).requiresGrad).toBe(true)
  })

  test('integer outputs never require grad', () => {
    const w = tensor([1, 2], { requiresGrad: true })
    expect(w.argmax().requiresGrad).toBe(false)
    expect(w.greater(1).requiresGrad).toBe(false)
    expect(() => tensor([1], { dtype: 'int32' }).requiresGrad_()).toThrow(/float/)
  })
})

describe('grad / valueAndGrad (JAX / tfjs style)', () => {
  test('grad returns df/dx without touching .grad', () => {
    const w = tensor([3], { requiresGrad: true })
    const df = grad((x: Tensor) => x.mul(w).square().sum())
    expect(arr(df(tensor([2])))).toEqual([36]) // 2·(x w)·w
    expect(w.grad).toBeNull()
  })

  test('argnums selects several arguments', () => {
    const f = (a: Tensor, b: Tensor) => a.mul(b).sum()
    const [ga, gb] = grad(f, [0, 1])(tensor([1, 2]), tensor([3, 4]))
    expect(arr(ga as Tensor)).toEqual([3, 4])
    expect(arr(gb as Tensor)).toEqual([1, 2])
  })

  test('valueAndGrad returns both and frees intermediates', () => {
    const x = tensor([1, 2, 3])
    const before = memory().numTensors
    const { value, grad: g } = valueAndGrad((v: Tensor) => v.exp().sum())(x)
    expect(value.item()).toBeCloseTo(Math.E + Math.E ** 2 + Math.E ** 3, 4)
    expect(arr(g)).toEqual(arr(x.exp()))
    expect(memory().numTensors).toBe(before + 3) // value, grad, and x.exp() above
  })
})

describe('customGrad', () => {
  test('uses the given gradient', () => {
    const clipGrad = customGrad((x: Tensor) => ({
      value: x.clone(),
      grad: (dy: Tensor) => [dy.clip(-1, 1)],
    }))
    const x = tensor([1, 2], { requiresGrad: true })
    clipGrad(x).mul(5).sum().backward()
    expect(arr(x.grad)).toEqual([1, 1])
  })

  test('gradcheck catches a wrong rule', () => {
    const bad = customGrad((x: Tensor) => ({
      value: x.exp(),
      save: [x],
      grad: (dy: Tensor, [s]: readonly Tensor[]) => [dy.mul((s as Tensor).exp()).mul(1.01)],
    }))
    const x = randn([5], { dtype: 'float64', seed: 1 })
    expect(gradcheck(bad, [x]).ok).toBe(false)
    expect(gradcheck((t: Tensor) => t.exp(), [x]).ok).toBe(true)
  })
})

describe('gradient ownership', () => {
  test('each leaf owns its .grad buffer even when a rule shares the upstream gradient', () => {
    const a = tensor([1, 2], { requiresGrad: true })
    const b = tensor([3, 4], { requiresGrad: true })
    a.add(b).sum().backward()
    const ga = a.grad as Tensor
    const gb = b.grad as Tensor
    expect(ga.buf).not.toBe(gb.buf)
    ga.assign(ga.mul(10))
    expect(arr(gb)).toEqual([1, 1])
  })

  test('customGrad returning an input still records a separate node', () => {
    const ident = customGrad((x: Tensor) => ({ value: x, grad: (dy: Tensor) => [dy.mul(2)] }))
    const x = tensor([1, 2], { requiresGrad: true })
    const y = ident(x)
    expect(y).not.toBe(x)
    y.sum().backward()
    expect(arr(x.grad)).toEqual([2, 2])
  })
})

describe('in-place updates and autograd', () => {
  test('assigning to a value a pending backward needs is a GradientError', () => {
    const w = tensor([1, 2], { requiresGrad: true })
    const loss = w.square().sum()
    w.assign(tensor([5, 5]))
    expect(() => loss.backward()).toThrow(/modified in place/)
  })

  test('updating after backward is fine, and so is a fresh graph afterwards', () => {
    const w = tensor([1, 2], { requiresGrad: true })
    w.square().sum().backward()
    w.assign(w.sub((w.grad as Tensor).mul(0.5)))
    w.zeroGrad()
    w.square().sum().backward()
    expect(arr(w.grad)).toEqual([0, 0])
  })

  test('bool tensors from bytes are normalized to 0/1', () => {
    expect(
      tensor(new Uint8Array([2, 0, 1]), { dtype: 'bool' })
        .equal(tensor([true, false, true]))
        .toArray(),
    ).toEqual([true, true, true])
  })
})

describe('prod with zeros', () => {
  test('the gradient is the product of the other entries (no 0/0)', () => {
    const x = tensor(
      [
        [0, 2, 3],
        [0, 0, 5],
        [1, 2, 3],
      ],
      { requiresGrad: true },
    )
    x.prod(1).sum().backward()
    expect((x.grad as Tensor).toArray()).toEqual([
      [6, 0, 0],
      [0, 0, 0],
      [6, 3, 2],
    ])
  })
})
