/**
 * needsInputGrad (PyTorch's ctx.needs_input_grad): gradient rules skip the gradients nobody
 * reads. The skip is observed by counting kernel invocations on a spy backend whose kernels
 * wrap the `cpu` ones.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { backendInstance } from '../src/engine/registry.js'
import {
  concat,
  conv2d,
  customGrad,
  getKernel,
  grad,
  type KernelRun,
  memory,
  randn,
  registerBackend,
  registerKernel,
  setBackend,
  type Tensor,
  tensor,
  tidy,
  where,
} from '../src/index.js'
import { gradcheck } from '../src/testing/index.js'

const SPY = 'spy-needs-input-grad'
const SPIED = ['matmul', 'mul', 'sum', 'conv2dBackpropInput', 'conv2dBackpropFilter'] as const
const calls: Record<string, number> = {}

beforeAll(() => {
  // The spy shares the cpu backend's storage (same instance); only its kernel table differs.
  registerBackend(SPY, () => backendInstance('cpu'), -100, { fallback: 'cpu' })
  for (const op of SPIED) {
    const inner: KernelRun = getKernel(op, 'cpu')
    registerKernel({
      op,
      backend: SPY,
      run: (inputs, attrs, ctx) => {
        calls[op] = (calls[op] ?? 0) + 1
        return inner(inputs, attrs, ctx)
      },
    })
  }
})

afterEach(() => setBackend('cpu'))

/** Runs `fn` on the spy backend and returns how often each spied kernel ran. */
function count(fn: () => void): Record<string, number> {
  for (const op of SPIED) calls[op] = 0
  setBackend(SPY)
  try {
    tidy(fn)
  } finally {
    setBackend('cpu')
  }
  return { ...calls }
}

const arr = (t: Tensor | null) => Array.from((t as Tensor).dataSync())

function close(a: number[], b: number[], tol = 1e-5): void {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol)
}

describe('gradient rules skip unneeded input gradients', () => {
  test('matmul with a data input computes only dW (first layer of an MLP)', () => {
    const x = randn([8, 5], { seed: 1 })
    const w = randn([5, 4], { seed: 2, requiresGrad: true })
    const n = count(() => x.matmul(w).relu().sum().backward())
    expect(n.matmul).toBe(2) // forward + dW; dX = dY·Wᵀ skipped
    const dW = (w.grad as Tensor).clone()
    w.zeroGrad()

    const xg = x.clone().requiresGrad_(true)
    const m = count(() => xg.matmul(w).relu().sum().backward())
    expect(m.matmul).toBe(3) // forward + dX + dW
    close(arr(w.grad), arr(dW))
    expect(xg.grad).not.toBeNull()
    for (const t of [x, w, dW, xg]) t.dispose()
  })

  test('a 2-layer MLP runs one GEMM fewer in backward', () => {
    const x = randn([8, 5], { seed: 3 })
    const w1 = randn([5, 6], { seed: 4, requiresGrad: true })
    const w2 = randn([6, 3], { seed: 5, requiresGrad: true })
    const n = count(() => x.matmul(w1).relu().matmul(w2).sum().backward())
    // forward 2, layer 2: dH and dW2, layer 1: dW1 only.
    expect(n.matmul).toBe(5)
    expect(w1.grad?.shape).toEqual([5, 6])
    expect(w2.grad?.shape).toEqual([6, 3])
    for (const t of [x, w1, w2]) t.dispose()
  })

  test('conv2d on a data input skips the input gradient kernel', () => {
    const x = randn([2, 3, 6, 6], { seed: 6 })
    const w = randn([4, 3, 3, 3], { seed: 7, requiresGrad: true })
    const n = count(() => conv2d(x, w, { padding: 1 }).sum().backward())
    expect(n.conv2dBackpropInput).toBe(0)
    expect(n.conv2dBackpropFilter).toBe(1)
    const xg = x.clone().requiresGrad_(true)
    const m = count(() => conv2d(xg, w, { padding: 1 }).sum().backward())
    expect(m.conv2dBackpropInput).toBe(1)
    expect(m.conv2dBackpropFilter).toBe(1)
    for (const t of [x, w, xg]) t.dispose()
  })

  test('broadcasting binary ops skip the data side (product and its reduction)', () => {
    const x = randn([16, 4], { seed: 8 })
    const s = randn([4], { seed: 9, requiresGrad: true })
    // mul: forward 1, ds = sum(dy·x) needs 1 mul and 1 sum; dx = dy·s is skipped.
    const n = count(() => x.mul(s).sum().backward())
    expect(n.mul).toBe(2)
    close(arr(s.grad), arr(x.sum(0)))
    const xg = x.clone().requiresGrad_(true)
    const m = count(() => xg.mul(s).sum().backward())
    expect(m.mul).toBe(3)
    close(arr(xg.grad), arr(s.broadcastTo([16, 4]).reshape([64])))
    for (const t of [x, s, xg]) t.dispose()
  })

  test('grad(f) computes only the gradients of the requested arguments', () => {
    const x = randn([8, 5], { seed: 10 })
    const w = randn([5, 4], { seed: 11, requiresGrad: true }) // a parameter, not a target
    const n = count(() => {
      const g = grad((v: Tensor) => v.matmul(w).sum())(x)
      close(arr(g), arr(w.sum(1).reshape([1, 5]).broadcastTo([8, 5]).reshape([40])))
    })
    expect(n.matmul).toBe(2) // forward + dX; dW reaches no target
    expect(w.grad).toBeNull()
    for (const t of [x, w]) t.dispose()
  })

  test('customGrad receives needsInputGrad', () => {
    const seen: boolean[][] = []
    const f = customGrad((a: Tensor, b: Tensor) => ({
      value: a.mul(b),
      save: [a, b],
      grad: (dy, [sa, sb], needs) => {
        seen.push(needs.slice())
        return [needs[0] ? dy.mul(sb) : null, needs[1] ? dy.mul(sa) : null]
      },
    }))
    const a = tensor([1, 2, 3])
    const b = tensor([4, 5, 6], { requiresGrad: true })
    f(a, b).sum().backward()
    f(b, a).sum().backward()
    expect(seen).toEqual([
      [false, true],
      [true, false],
    ])
    expect(arr(b.grad)).toEqual([2, 4, 6])
    for (const t of [a, b]) t.dispose()
  })

  test('skipping leaks nothing', () => {
    const x = randn([8, 5], { seed: 12 })
    const w = randn([5, 4], { seed: 13, requiresGrad: true })
    const before = memory()
    for (let i = 0; i < 5; i++) {
      tidy(() => x.matmul(w).relu().sum().backward())
      w.zeroGrad()
    }
    const after = memory()
    expect(after.numTensors).toBe(before.numTensors)
    expect(after.numBuffers).toBe(before.numBuffers)
    for (const t of [x, w]) t.dispose()
  })
})

describe('float64 gradcheck with only some inputs requiring grad', () => {
  const f64 = (shape: number[], seed: number, shift = 0) =>
    randn(shape, { dtype: 'float64', seed }).add(shift)
  const cases: [string, (...xs: Tensor[]) => Tensor, () => Tensor[]][] = [
    ['add (broadcast)', (a, b) => a.add(b), () => [f64([3, 4], 1), f64([4], 2)]],
    ['sub (broadcast)', (a, b) => a.sub(b), () => [f64([3, 1], 3), f64([3, 4], 4)]],
    ['mul (broadcast)', (a, b) => a.mul(b), () => [f64([3, 4], 5), f64([1, 4], 6)]],
    ['div', (a, b) => a.div(b), () => [f64([3, 4], 7), f64([3, 4], 8).abs().add(1)]],
    ['pow', (a, b) => a.pow(b), () => [f64([3, 4], 9).abs().add(0.5), f64([4], 10)]],
    ['maximum', (a, b) => a.maximum(b), () => [f64([3, 4], 11), f64([3, 4], 12)]],
    ['minimum', (a, b) => a.minimum(b), () => [f64([3, 4], 13), f64([4], 14)]],
    ['matmul', (a, b) => a.matmul(b), () => [f64([3, 5], 15), f64([5, 2], 16)]],
    ['matmul (batched)', (a, b) => a.matmul(b), () => [f64([2, 3, 5], 17), f64([5, 2], 18)]],
    [
      'conv2d',
      (x, w) => conv2d(x, w, { padding: 1, stride: 2 }),
      () => [f64([1, 2, 5, 5], 19), f64([3, 2, 3, 3], 20)],
    ],
    [
      'concat',
      (a, b, c) => concat([a, b, c], 1),
      () => [f64([2, 1], 21), f64([2, 3], 22), f64([2, 2], 23)],
    ],
    ['where', (a, b) => where(a.greater(0), a, b), () => [f64([3, 4], 24), f64([4], 25)]],
  ]
  for (const [name, fn, make] of cases) {
    test(name, () => {
      const inputs = make()
      for (let i = 0; i < inputs.length; i++) {
        const r = gradcheck(fn, inputs, { wrt: [i] })
        expect(r.ok, `${name} wrt input ${i}: ${JSON.stringify(r.worst)}`).toBe(true)
        expect(r.checked).toBeGreaterThan(0)
      }
      for (const t of inputs) t.dispose()
    })
  }
})
