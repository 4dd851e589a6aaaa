import { describe, expect, test } from 'vitest'
import { WasmHeap, WasmHeapError } from './WasmHeap.js'

describe('WasmHeap', () => {
  test('allocations are aligned, disjoint and reused after free', () => {
    const heap = new WasmHeap(1)
    const a = heap.alloc(100)
    const b = heap.alloc(100)
    expect(a % 64).toBe(0)
    expect(b % 64).toBe(0)
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(128)
    heap.f32(a, 25).fill(1)
    heap.f32(b, 25).fill(2)
    expect(heap.f32(a, 25)[24]).toBe(1)
    heap.free(a)
    expect(heap.alloc(90)).toBe(a)
  })

  test('grows the memory and keeps data across growth', () => {
    const heap = new WasmHeap(1)
    const a = heap.alloc(16)
    heap.f32(a, 4).set([1, 2, 3, 4])
    const big = heap.alloc(10 * 65536)
    expect(heap.bytesReserved).toBeGreaterThanOrEqual(10 * 65536)
    expect(Array.from(heap.f32(a, 4))).toEqual([1, 2, 3, 4])
    heap.f32(big, 10).fill(7)
    expect(heap.f32(big, 10)[9]).toBe(7)
  })

  test('a loop of alloc/free of the same sizes keeps memory flat', () => {
    const heap = new WasmHeap(1)
    for (let i = 0; i < 10; i++) heap.free(heap.alloc(4096 + i))
    const reserved = heap.bytesReserved
    for (let i = 0; i < 1000; i++) {
      const p = heap.alloc(4000)
      const q = heap.alloc(123)
      heap.free(p)
      heap.free(q)
    }
    expect(heap.bytesReserved).toBe(reserved)
    expect(heap.bytesInUse).toBe(0)
    expect(heap.blocksInUse).toBe(0)
  })

  test('double free and bad sizes are typed errors', () => {
    const heap = new WasmHeap(1)
    const p = heap.alloc(8)
    heap.free(p)
    expect(() => heap.free(p)).toThrow(WasmHeapError)
    expect(() => heap.alloc(-1)).toThrow(/non-negative integer/)
  })
})

describe('WasmHeap size classes', () => {
  test('a block is the smallest power of two (at least 64 bytes) that holds the request', () => {
    const heap = new WasmHeap(1)
    const cases: Array<[number, number]> = [
      [0, 64],
      [1, 64],
      [64, 64],
      [65, 128],
      [128, 128],
      [129, 256],
      [4096, 4096],
      [4097, 8192],
      [100_000, 131_072],
    ]
    for (const [request, block] of cases) {
      const before = heap.bytesInUse
      const p = heap.alloc(request)
      expect(heap.bytesInUse - before).toBe(block)
      heap.free(p)
    }
  })
})

describe('WasmHeap live-block table', () => {
  test('free rejects pointers that are not the start of a live block', () => {
    const heap = new WasmHeap(1)
    const p = heap.alloc(256)
    for (const bad of [0, p + 64, p + 1, -64, 1.5, 2 ** 32, 2 ** 32 + p, Number.NaN]) {
      expect(() => heap.free(bad)).toThrow(WasmHeapError)
    }
    expect(heap.blocksInUse).toBe(1)
    heap.free(p)
    expect(heap.blocksInUse).toBe(0)
  })

  test('blocks allocated before and after memory growth stay freeable with their class', () => {
    const heap = new WasmHeap(1)
    const small = heap.alloc(100) // 128-byte class
    const big = heap.alloc(3 * 65536) // grows the memory (and the table)
    const after = heap.alloc(5000) // 8192-byte class, above the old table's end
    expect(heap.bytesInUse).toBe(128 + 262144 + 8192)
    heap.free(small)
    heap.free(after)
    expect(heap.bytesInUse).toBe(262144)
    expect(heap.alloc(70)).toBe(small)
    expect(heap.alloc(8000)).toBe(after)
    heap.free(big)
    expect(() => heap.free(big)).toThrow(/not a live allocation/)
  })
})
