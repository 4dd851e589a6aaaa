// Dataset / DataLoader: batching, seeded shuffling, drop-last, transforms, sync and async use.
import { Matrix } from 'ml-matrix'
import { describe, expect, it } from 'vitest'
import {
  ArrayDataset,
  DataLoader,
  type Dataset,
  defaultCollate,
  InvalidOptionError,
  MappedDataset,
  type NDArray,
  ShapeMismatchError,
  Subset,
  trainTestSplitIndices,
} from '../src/index.js'

function makeData(n: number) {
  const x = { data: Float32Array.from({ length: n * 3 }, (_, i) => i), shape: [n, 3] }
  const y = Uint8Array.from({ length: n }, (_, i) => i % 256)
  return new ArrayDataset({ x, y })
}

describe('ArrayDataset', () => {
  it('gets samples as views and batches as copies', () => {
    const ds = makeData(10)
    expect(ds.length).toBe(10)
    const s = ds.get(4)
    expect(s.x.shape).toEqual([3])
    expect(Array.from(s.x.data)).toEqual([12, 13, 14])
    expect(s.y.shape).toEqual([])
    expect(s.y.data[0]).toBe(4)
    const b = ds.getBatch([9, 0])
    expect(b.x.shape).toEqual([2, 3])
    expect(Array.from(b.x.data)).toEqual([27, 28, 29, 0, 1, 2])
    expect(b.y.data).toBeInstanceOf(Uint8Array)
    expect(Array.from(b.y.data)).toEqual([9, 0])
  })
  it('accepts matrices, nested arrays and typed arrays', () => {
    const ds = new ArrayDataset({
      a: new Matrix([
        [1, 2],
        [3, 4],
      ]),
      b: [[5], [6]],
      c: Int32Array.of(7, 8),
    })
    expect(ds.get(1).a.data).toEqual(Float64Array.of(3, 4))
    expect(Array.from(ds.getBatch([1]).b.data)).toEqual([6])
  })
  it('rejects mismatched fields and bad indices', () => {
    expect(() => new ArrayDataset({ a: [1, 2], b: [1, 2, 3] })).toThrow(ShapeMismatchError)
    expect(() => new ArrayDataset({ a: { data: new Float32Array(5), shape: [2, 3] } })).toThrow(
      /shape \[2, 3\] but 5 elements/,
    )
    expect(() => makeData(3).get(3)).toThrow(RangeError)
  })
})

describe('DataLoader', () => {
  it('covers every sample once per epoch in batch order without shuffle', () => {
    const loader = new DataLoader(makeData(10), { batchSize: 4 })
    expect(loader.length).toBe(3)
    const batches = [...loader] as { x: NDArray; y: NDArray }[]
    expect(batches.map((b) => b.x.shape)).toEqual([
      [4, 3],
      [4, 3],
      [2, 3],
    ])
    expect(batches.flatMap((b) => Array.from(b.y.data))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
  it('dropLast drops the short final batch', () => {
    const loader = new DataLoader(makeData(10), { batchSize: 4, dropLast: true })
    expect(loader.length).toBe(2)
    expect([...loader].length).toBe(2)
  })
  it('shuffles reproducibly with a seed and differently each epoch', () => {
    const order = (l: Iterable<unknown>) =>
      [...l].flatMap((b) => Array.from((b as { y: NDArray }).y.data))
    const a = new DataLoader(makeData(50), { batchSize: 8, shuffle: true, seed: 3 })
    const b = new DataLoader(makeData(50), { batchSize: 8, shuffle: true, seed: 3 })
    const a1 = order(a)
    const a2 = order(a)
    expect(a1).toEqual(order(b))
    expect(a2).toEqual(order(b))
    expect(a1).not.toEqual(a2)
    expect([...a1].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(a1).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(a.epoch).toBe(2)
  })
  it('keeps features and labels paired when shuffled', () => {
    const loader = new DataLoader(makeData(20), { batchSize: 6, shuffle: true, seed: 1 })
    for (const b of loader as Iterable<{ x: NDArray; y: NDArray }>) {
      for (let k = 0; k < b.y.data.length; k++) expect(b.x.data[k * 3]).toBe(b.y.data[k]! * 3)
    }
  })
  it('iterates asynchronously; yieldEveryMs: 0 yields to the event loop after every batch', async () => {
    const loader = new DataLoader(makeData(12), { batchSize: 4, yieldEveryMs: 0 })
    const seen: number[] = []
    let immediates = 0
    for await (const b of loader as AsyncIterable<{ y: NDArray }>) {
      seen.push(...Array.from(b.y.data))
      setImmediate(() => immediates++)
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i))
    // Each batch's setImmediate callback ran before the loop finished: the loop did yield.
    expect(immediates).toBeGreaterThanOrEqual(2)
  })
  it('with the default it yields once 10 ms have passed, not after every batch', async () => {
    const slow = new DataLoader(makeData(6), {
      batchSize: 1,
      transform: (b: unknown) => {
        const end = performance.now() + 12
        while (performance.now() < end) {}
        return b
      },
    })
    let immediates = 0
    let batches = 0
    for await (const _ of slow) {
      batches++
      setImmediate(() => immediates++)
    }
    expect(batches).toBe(6)
    expect(immediates).toBeGreaterThanOrEqual(4)
    const fast = new DataLoader(makeData(60), { batchSize: 1 })
    let fastImmediates = 0
    const t0 = performance.now()
    for await (const _ of fast) setImmediate(() => fastImmediates++)
    // Fewer macrotask hops than batches whenever iteration is quicker than 10 ms per batch.
    if (performance.now() - t0 < 60 * 10) expect(fastImmediates).toBeLessThan(60)
    expect(() => new DataLoader(makeData(2), { yieldEveryMs: -1 })).toThrow(InvalidOptionError)
  })
  it('applies batch transforms (sync and async) and per-sample maps', async () => {
    const loader = new DataLoader(makeData(6), {
      batchSize: 3,
      transform: (b: { x: NDArray; y: NDArray }, i) => ({
        i,
        sum: Array.from(b.y.data).reduce((p, q) => p + q, 0),
      }),
    })
    expect([...loader]).toEqual([
      { i: 0, sum: 3 },
      { i: 1, sum: 12 },
    ])
    const asyncLoader = new DataLoader(makeData(4), {
      batchSize: 2,
      transform: async (b: { y: NDArray }) => b.y.shape[0],
    })
    const sizes: number[] = []
    for await (const s of asyncLoader) sizes.push(s)
    expect(sizes).toEqual([2, 2])
    const mapped = new MappedDataset(makeData(4), (s) => ({
      label: s.y.data[0]! * 10,
      pixels: s.x,
    }))
    const b = [...new DataLoader(mapped, { batchSize: 4 })][0] as {
      label: NDArray
      pixels: NDArray
    }
    expect(Array.from(b.label.data)).toEqual([0, 10, 20, 30])
    expect(b.pixels.shape).toEqual([4, 3])
  })
  it('batches any Dataset through defaultCollate, and Subset selects samples', () => {
    const plain: Dataset<[number, string]> = { length: 5, get: (i) => [i * 2, `s${i}`] }
    const b = [...new DataLoader(plain, { batchSize: 5 })][0] as [NDArray, string[]]
    expect(Array.from(b[0].data)).toEqual([0, 2, 4, 6, 8])
    expect(b[1]).toEqual(['s0', 's1', 's2', 's3', 's4'])
    const { train } = trainTestSplitIndices(10, { testSize: 0.3, seed: 0 })
    const sub = new Subset(makeData(10), train)
    const ys = [...new DataLoader(sub, { batchSize: 3 })].flatMap((x) =>
      Array.from((x as { y: NDArray }).y.data),
    )
    expect(ys).toEqual(train)
    expect(() =>
      defaultCollate([
        { data: new Float32Array(2), shape: [2] },
        { data: new Float32Array(3), shape: [3] },
      ]),
    ).toThrow(/equal shapes/)
  })
  it('rejects bad options', () => {
    expect(() => new DataLoader(makeData(3), { batchSize: 0 })).toThrow(InvalidOptionError)
    expect(() => new DataLoader({} as never)).toThrow(InvalidOptionError)
  })
})
