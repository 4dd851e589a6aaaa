/**
 * The CPU backend's storage: one growable WebAssembly.Memory shared by every tensor buffer and
 * every WASM kernel, managed by a JS-side allocator.
 *
 * Why one heap: the WASM SIMD kernels read and write tensors in place, so a matmul in a training
 * step costs no copies in or out. The TypeScript fallback kernels work on typed-array views of
 * the same bytes, so both kernel sets share one storage layout.
 *
 * Allocation uses power-of-two size classes with a free list per class: O(1) alloc/free, no
 * fragmentation drift in a training loop that allocates the same shapes every step (which is
 * what keeps WASM memory flat). Blocks are 64-byte aligned (a cache line; SIMD loads never
 * straddle one).
 */

import type { WasmMemory } from './wasmTypes.js'

const PAGE = 65536
const ALIGN = 64
const MIN_CLASS = 6 // 2^6 = 64 bytes = ALIGN; `ptr >>> 6` is a block's index
/** 65536 pages = 4 GiB, the memory32 limit. */
const MAX_PAGES = 65536

export class WasmHeapError extends Error {
  override name = 'WasmHeapError'
}

export class WasmHeap {
  readonly memory: WasmMemory
  /** Free blocks per size class (index = log2 of the block size). */
  private readonly freeLists: number[][] = []
  /**
   * 1 + the size class of the live block starting at byte ptr, at index ptr / 64 (0: no live
   * block starts there); grows with the memory. A typed array instead of a Map<ptr, class>: the
   * Map's set/delete per tensor showed in batch-1 inference profiles (bench/stepAndHeap.ts).
   */
  private liveClass: Uint8Array
  private liveBlocks = 0
  /** End of the highest block handed out so far; memory above it is untouched. */
  private top: number
  private liveBytes = 0

  constructor(initialPages = 16) {
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: MAX_PAGES })
    // Pointer 0 is reserved so that 0 can mean "no buffer" in kernels and debugging.
    this.top = ALIGN
    this.liveClass = new Uint8Array(this.memory.buffer.byteLength / ALIGN)
  }

  /** Allocates at least `bytes` bytes (64-byte aligned) and returns the byte offset. */
  alloc(bytes: number): number {
    if (!Number.isInteger(bytes) || bytes < 0) {
      throw new WasmHeapError(
        `WasmHeap.alloc: expected a non-negative integer byte count, got ${bytes}`,
      )
    }
    const cls = Math.max(MIN_CLASS, sizeClass(bytes))
    const size = 2 ** cls
    const list = this.freeLists[cls]
    let ptr = list !== undefined && list.length > 0 ? (list.pop() as number) : -1
    if (ptr < 0) {
      ptr = this.top
      const end = ptr + size
      this.ensure(end)
      this.top = end
    }
    this.liveClass[ptr >>> 6] = cls + 1
    this.liveBlocks++
    this.liveBytes += size
    return ptr
  }

  /** Returns a block to its size class. Freeing an unknown pointer is a bug and throws. */
  free(ptr: number): void {
    // i * 64 === ptr rules out pointers that are not integers, not 64-aligned or outside
    // [0, 2^32); one past the memory indexes nothing (undefined), one inside a block or already
    // freed finds 0.
    const i = ptr >>> 6
    const tag = i * ALIGN === ptr ? this.liveClass[i] : undefined
    if (tag === undefined || tag === 0) {
      throw new WasmHeapError(`WasmHeap.free: ${ptr} is not a live allocation (double free?)`)
    }
    const cls = tag - 1
    this.liveClass[i] = 0
    this.liveBlocks--
    this.liveBytes -= 2 ** cls
    const list = this.freeLists[cls] ?? []
    this.freeLists[cls] = list
    list.push(ptr)
  }

  /** Bytes held by live blocks (rounded up to their size class). */
  get bytesInUse(): number {
    return this.liveBytes
  }

  /** Number of live blocks. */
  get blocksInUse(): number {
    return this.liveBlocks
  }

  /** Size of the WebAssembly memory in bytes (only ever grows). */
  get bytesReserved(): number {
    return this.memory.buffer.byteLength
  }

  // Views are made per call: memory.grow() detaches the old ArrayBuffer, so a cached view
  // would go stale.
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length)
  }
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length)
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length)
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length)
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength
    if (end <= have) return
    // Grow at least geometrically so a loop of growing allocations stays amortized O(1).
    const needPages = Math.ceil((end - have) / PAGE)
    const havePages = have / PAGE
    const pages = Math.min(Math.max(needPages, Math.ceil(havePages / 2)), MAX_PAGES - havePages)
    if (pages < needPages) {
      throw new WasmHeapError(
        `WasmHeap: out of memory: need ${end} bytes, the WebAssembly memory limit is ${MAX_PAGES * PAGE}`,
      )
    }
    this.memory.grow(pages)
    const table = new Uint8Array(this.memory.buffer.byteLength / ALIGN)
    table.set(this.liveClass)
    this.liveClass = table
  }
}

/**
 * ceil(log2(bytes)): the power-of-two class a request falls in. clz32 keeps this off the
 * floating-point path (alloc runs once per tensor; Math.log2 showed in batch-1 profiles); sizes
 * past 2^31 do not fit 32-bit integer math and take the slow path.
 */
function sizeClass(bytes: number): number {
  if (bytes <= 1) return 0
  if (bytes <= 0x80000000) return 32 - Math.clz32(bytes - 1)
  return Math.ceil(Math.log2(bytes))
}
