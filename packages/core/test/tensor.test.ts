import { describe, expect, test } from 'vitest'
import {
  arange,
  eye,
  full,
  linspace,
  manualSeed,
  oneHot,
  ones,
  rand,
  randint,
  randn,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from '../src/index.js'

describe('creation', () => {
  test('tensor from nested arrays, typed arrays and scalars', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ])
    expect(a.shape).toEqual([2, 2])
    expect(a.dtype).toBe('float32')
    expect(a.rank).toBe(2)
    expect(a.size).toBe(4)
    expect(tensor([true, false]).dtype).toBe('bool')
    expect(tensor(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }).dtype).toBe('float64')
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32')
    expect(tensor(new Uint8Array([200, 1])).toArray()).toEqual([200, 1]) // bytes read as int32
    expect(tensor(3.5).shape).toEqual([])
    expect(tensor(3.5).item()).toBe(3.5)
    expect(tensor([1.7, -1.7], { dtype: 'int32' }).toArray()).toEqual([1, -1])
    expect(tensor([], {}).shape).toEqual([0])
    expect(scalar(2).toArray()).toBe(2)
  })

  test('fills, ranges and identity', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0])
    expect(ones([2], { dtype: 'int32' }).toArray()).toEqual([1, 1])
    expect(full([2], 7).toArray()).toEqual([7, 7])
    expect(zerosLike(ones([3], { dtype: 'float64' })).dtype).toBe('float64')
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4])
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75])
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1])
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ])
    expect(oneHot([2, 0], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ])
  })

  test('seeded random tensors are reproducible; the global seed too', () => {
    expect(randn([5], { seed: 7 }).toArray()).toEqual(randn([5], { seed: 7 }).toArray())
    expect(randn([5], { seed: 7 }).toArray()).not.toEqual(randn([5], { seed: 8 }).toArray())
    manualSeed(3)
    const a = rand([4]).toArray()
    manualSeed(3)
    expect(rand([4]).toArray()).toEqual(a)
    const r = randint(0, 3, [1000], { seed: 1 }).dataSync()
    expect(Math.min(...r)).toBe(0)
    expect(Math.max(...r)).toBe(2)
    expect(randint(0, 3, [1]).dtype).toBe('int32')
  })

  test('randn has mean 0 and std 1; rand is uniform in [low, high)', () => {
    const x = randn([20000], { seed: 11, dtype: 'float64' })
    expect(Math.abs(x.mean().item())).toBeLessThan(0.03)
    expect(Math.abs(x.std().item() - 1)).toBeLessThan(0.03)
    const u = rand([20000], { seed: 2, low: -1, high: 3 })
    expect(u.min().item()).toBeGreaterThanOrEqual(-1)
    expect(u.max().item()).toBeLessThan(3)
    expect(Math.abs(u.mean().item() - 1)).toBeLessThan(0.05)
  })
})

describe('dtypes', () => {
  test('promotion bool < int32 < float32 < float64; comparisons give bool', () => {
    const i = tensor([1, 2], { dtype: 'int32' })
    const f = tensor([1, 2])
    const d = tensor([1, 2], { dtype: 'float64' })
    const b = tensor([true, false])
    expect(i.add(f).dtype).toBe('float32')
    expect(f.add(d).dtype).toBe('float64')
    expect(b.add(i).dtype).toBe('int32')
    expect(b.add(b).dtype).toBe('int32')
    expect(i.div(i).dtype).toBe('float32')
    expect(i.mul(2).dtype).toBe('int32')
    expect(i.mul(0.5).dtype).toBe('float32')
    expect(d.mul(2).dtype).toBe('float64')
    expect(f.less(i).dtype).toBe('bool')
    expect(i.exp().dtype).toBe('float32')
    expect(b.sum().dtype).toBe('int32')
    expect(b.sum().item()).toBe(1)
    expect(i.mean().dtype).toBe('float32')
  })

  test('casts', () => {
    expect(tensor([1.9, -1.9, 0]).cast('int32').toArray()).toEqual([1, -1, 0])
    expect(tensor([1.9, 0]).cast('bool').toArray()).toEqual([true, false])
    expect(tensor([true, false]).cast('float32').toArray()).toEqual([1, 0])
  })
})

describe('reading and printing', () => {
  test('data, dataSync, toArray', async () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ])
    expect(Array.from(await t.data())).toEqual([1, 2, 3, 4])
    const copy = t.dataSync()
    copy[0] = 100
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  test('toString shows shape, dtype and values; large tensors are truncated', () => {
    expect(tensor([[1, 2.5]]).toString()).toBe('Tensor(shape=[1, 2], dtype=float32)\n[[ 1., 2.5]]')
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe(
      'Tensor(shape=[2], dtype=int32)\n[1, 2]',
    )
    expect(tensor([true]).toString()).toContain('[true]')
    const big = arange(10000).reshape([100, 100]).toString()
    expect(big).toContain('...')
    expect(big.split('\n').length).toBeLessThan(12)
    expect(big).toContain('9999')
    expect(tensor(Number.NaN).toString()).toContain('nan')
  })
})

describe('ops spot checks (values by hand)', () => {
  test('elementwise with broadcasting and scalars', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(x.add(tensor([10, 20, 30])).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ])
    expect(x.sub(tensor([[1], [2]])).toArray()).toEqual([
      [0, 1, 2],
      [2, 3, 4],
    ])
    expect(tensor([1, 2]).pow(2).toArray()).toEqual([1, 4])
    expect(tensor([-1, 2]).relu().toArray()).toEqual([0, 2])
  })

  test('reductions with axes and keepDims', () => {
    const x = arange(6).reshape([2, 3])
    expect(x.sum().item()).toBe(15)
    expect(x.sum(0).toArray()).toEqual([3, 5, 7])
    expect(x.sum(1, true).toArray()).toEqual([[3], [12]])
    expect(x.max(1).toArray()).toEqual([2, 5])
    expect(x.argmax(1).toArray()).toEqual([2, 2])
    expect(x.mean().item()).toBe(2.5)
    expect(x.prod(1).toArray()).toEqual([0, 60])
  })

  test('matmul, movement and indexing', () => {
    const a = arange(6).reshape([2, 3])
    expect(a.matmul(eye(3)).toArray()).toEqual(a.toArray())
    expect(a.transpose().shape).toEqual([3, 2])
    expect(a.slice([0, 1], [2, 2]).toArray()).toEqual([
      [1, 2],
      [4, 5],
    ])
    expect(a.flatten().shape).toEqual([6])
    expect(a.expandDims(0).shape).toEqual([1, 2, 3])
    expect(a.split(3, 1).map((t) => t.shape)).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ])
    expect(a.gather([1, 0]).toArray()).toEqual([
      [3, 4, 5],
      [0, 1, 2],
    ])
    expect(
      zeros([3])
        .scatterAdd([0, 0, 2], tensor([1, 2, 3]))
        .toArray(),
    ).toEqual([3, 0, 3])
    expect(tensor([1, 2]).tile([2]).toArray()).toEqual([1, 2, 1, 2])
    expect(
      tensor([1])
        .pad([[1, 1]])
        .toArray(),
    ).toEqual([0, 1, 0])
  })
})

describe('the op table and the API agree', () => {
  test('every public op is a free function and (except list-taking ones) a Tensor method', async () => {
    const core = (await import('../src/index.js')) as unknown as Record<string, unknown>
    const { OPS, Tensor } = await import('../src/index.js')
    const freeName: Record<string, string> = { var: 'variance' }
    const noMethod = new Set(['stack'])
    const missing: string[] = []
    for (const [op, info] of Object.entries(OPS)) {
      if (info.internal) continue
      if (typeof core[freeName[op] ?? op] !== 'function') missing.push(`function ${op}`)
      if (
        !noMethod.has(op) &&
        typeof (Tensor.prototype as unknown as Record<string, unknown>)[op] !== 'function'
      ) {
        missing.push(`method ${op}`)
      }
    }
    expect(missing).toEqual([])
  })
})

describe('public exports', () => {
  test('kernel info, safetensors and the fused optimizer steps are exported', async () => {
    const core = await import('../src/index.js')
    expect(['relaxed-simd', 'simd']).toContain(core.wasmKernelInfo().variant)
    for (const name of [
      'saveSafetensors',
      'loadSafetensors',
      'encodeSafetensors',
      'fusedAdamStepF32',
      'fusedSgdStepF32',
      'fusedRmspropStepF32',
      'hostView',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name]).toBe('function')
    }
  })
})

describe('Random (xoshiro128**)', () => {
  test('matches the reference C implementation from state {1, 2, 3, 4}', async () => {
    const { Random } = await import('../src/index.js')
    const r = new Random(0) as unknown as {
      s0: number
      s1: number
      s2: number
      s3: number
      nextUint32(): number
    }
    r.s0 = 1
    r.s1 = 2
    r.s2 = 3
    r.s3 = 4
    // Outputs of Blackman & Vigna's xoshiro128starstar.c for the same state.
    expect([0, 1, 2, 3, 4, 5].map(() => r.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ])
  })
})
