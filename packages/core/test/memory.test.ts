import { describe, expect, test } from 'vitest'
import {
  DisposedError,
  hostView,
  keep,
  memory,
  noGrad,
  randn,
  type Tensor,
  tensor,
  tidy,
  zeros,
} from '../src/index.js'

describe('memory', () => {
  test('1,000 training-like steps keep tensor count and heap bytes flat', () => {
    const w1 = randn([20, 16], { seed: 1, std: 0.3, requiresGrad: true })
    const w2 = randn([16, 1], { seed: 2, std: 0.3, requiresGrad: true })
    const x = randn([32, 20], { seed: 3 })
    const y = randn([32, 1], { seed: 4 })
    const step = () =>
      tidy(() => {
        const loss = x.matmul(w1).relu().matmul(w2).sub(y).square().mean()
        loss.backward()
        noGrad(() => {
          for (const p of [w1, w2]) {
            p.assign(p.sub((p.grad as Tensor).mul(0.01)))
            p.zeroGrad()
          }
        })
        return loss.item()
      })
    const first = step()
    for (let i = 0; i < 10; i++) step()
    const m0 = memory()
    let last = first
    for (let i = 0; i < 1000; i++) last = step()
    const m1 = memory()
    expect(m1.numTensors).toBe(m0.numTensors)
    expect(m1.numBuffers).toBe(m0.numBuffers)
    expect(m1.numBytes).toBe(m0.numBytes)
    expect(m1.heapBytesInUse).toBe(m0.heapBytesInUse)
    expect(m1.heapBytesReserved).toBe(m0.heapBytesReserved)
    expect(last).toBeLessThan(first)
  })

  test('a conv net training loop keeps memory flat too', () => {
    const w = randn([4, 1, 3, 3], { seed: 5, std: 0.3, requiresGrad: true })
    const v = randn([4 * 4 * 4, 3], { seed: 6, std: 0.1, requiresGrad: true })
    const x = randn([8, 1, 8, 8], { seed: 7 })
    const y = randn([8, 3], { seed: 8 })
    const step = () =>
      tidy(() => {
        const h = x.conv2d(w, { padding: 1 }).relu().maxPool2d({ kernelSize: 2 }).flatten(1)
        const loss = h.matmul(v).sub(y).square().mean()
        loss.backward()
        noGrad(() => {
          for (const p of [w, v]) {
            p.assign(p.sub((p.grad as Tensor).mul(0.05)))
            p.zeroGrad()
          }
        })
        return loss.item()
      })
    const first = step()
    step()
    const m0 = memory()
    let last = first
    for (let i = 0; i < 100; i++) last = step()
    expect(memory()).toEqual(m0)
    expect(last).toBeLessThan(first)
  })

  test('tidy disposes everything but the result; keep exempts', () => {
    const before = memory().numTensors
    let kept: Tensor | undefined
    const out = tidy(() => {
      const a = tensor([1, 2, 3])
      kept = keep(a.mul(2))
      return { y: a.add(1), list: [a.sub(1)] }
    })
    expect(memory().numTensors).toBe(before + 3)
    expect(Array.from(out.y.dataSync())).toEqual([2, 3, 4])
    expect(kept?.isDisposed).toBe(false)
    for (const t of [out.y, out.list[0] as Tensor, kept as Tensor]) t.dispose()
    expect(memory().numTensors).toBe(before)
  })

  test('tidy disposes its tensors when fn throws', () => {
    const before = memory().numTensors
    expect(() =>
      tidy(() => {
        tensor([1])
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(memory().numTensors).toBe(before)
  })

  test('using disposes at the end of the block', () => {
    const before = memory().numBuffers
    {
      using t = zeros([100])
      expect(t.size).toBe(100)
      expect(memory().numBuffers).toBe(before + 1)
    }
    expect(memory().numBuffers).toBe(before)
  })

  test('use after dispose is a DisposedError naming the op', () => {
    const t = tensor([1, 2])
    t.dispose()
    t.dispose() // idempotent
    expect(() => t.add(1)).toThrow(DisposedError)
    expect(() => t.add(1)).toThrow(/add/)
    expect(() => t.dataSync()).toThrow(/dataSync/)
    expect(() => t.sum()).toThrow(/sum/)
    expect(t.toString()).toMatch(/disposed/)
  })

  test('reshape shares the buffer; disposing one handle keeps the other', () => {
    const before = memory().numBuffers
    const a = tensor([1, 2, 3, 4])
    const b = a.reshape([2, 2])
    expect(memory().numBuffers).toBe(before + 1)
    a.dispose()
    expect(b.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    b.dispose()
    expect(memory().numBuffers).toBe(before)
  })

  test('a graph never backpropagated is released when its handles are disposed', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true })
    const before = memory().numBuffers
    const loss = tidy(() => w.mul(2).exp().sum())
    expect(memory().numBuffers).toBeGreaterThan(before + 1) // saved values
    loss.dispose()
    expect(memory().numBuffers).toBe(before)
  })

  test('assign and hostView update in place', () => {
    const p = tensor([1, 2, 3])
    const view = p.reshape([3, 1])
    p.assign(tensor([4, 5, 6]))
    expect(Array.from(view.dataSync())).toEqual([4, 5, 6])
    const h = hostView(p)
    h[0] = 10
    expect(p.toArray()).toEqual([10, 5, 6])
    p.assign(0)
    expect(p.toArray()).toEqual([0, 0, 0])
    expect(() => p.assign(tensor([1, 2]))).toThrow(/assign/)
  })
})

describe('tidy misuse', () => {
  test('an async function is rejected with a clear error', () => {
    expect(() => tidy((async () => tensor([1])) as never)).toThrow(/synchronous/)
  })
})

describe('no non-contiguous views', () => {
  test('transpose, slice and broadcastTo copy; reshape shares; kernels never see strides', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const t = x.transpose()
    const s = x.slice([0, 1], [2, 1])
    const r = x.reshape([3, 2])
    x.assign(
      tensor([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    )
    expect(t.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    expect(s.toArray()).toEqual([[2], [5]])
    expect(r.toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ])
    // A transposed tensor is an ordinary contiguous tensor: reshape/matmul need no copies.
    expect(t.reshape([6]).toArray()).toEqual([1, 4, 2, 5, 3, 6])
  })
})

describe('cpu and cpu-ts share storage', () => {
  test('a tensor made on cpu is used by cpu-ts kernels without a copy', async () => {
    const { getBackend, setBackend } = await import('../src/index.js')
    expect(getBackend()).toBe('cpu')
    const x = tensor([1, 2, 3])
    const ptr = x.buf.ptr
    setBackend('cpu-ts')
    try {
      const before = memory().numBuffers
      const y = x.mul(2)
      expect(memory().numBuffers).toBe(before + 1) // only the output, no moved copy of x
      expect(x.buf.ptr).toBe(ptr)
      expect(y.toArray()).toEqual([2, 4, 6])
      expect(memory().backend).toBe('cpu-ts')
    } finally {
      setBackend('cpu')
    }
  })
})
