/**
 * The one WasmHeap shared by the `cpu` and `cpu-ts` backends and by every WASM kernel module
 * (which imports `cpuHeap.memory`). Tensors move between the two backends for free.
 */
import type { DType, TypedArray } from '../../dtype.js'
import { WasmHeap } from '../../internal/wasm/WasmHeap.js'
import type { DataBuffer } from '../Backend.js'

export const cpuHeap = new WasmHeap(16)

/**
 * A CPU buffer: `ptr` is the byte offset into `cpuHeap.memory`. The typed-array view is cached
 * and rebuilt only when the memory grew (growth detaches the old ArrayBuffer).
 */
export class CpuBuffer implements DataBuffer {
  refs = 1
  version = 0
  private cached: TypedArray | null = null
  private cachedFor: ArrayBuffer | null = null
  constructor(
    readonly backend: import('../Backend.js').Backend,
    readonly ptr: number,
    readonly size: number,
    readonly dtype: DType,
  ) {}

  /** A live view of the buffer; valid until the next allocation that may grow the memory. */
  view(): TypedArray {
    const ab = cpuHeap.memory.buffer
    if (this.cachedFor !== ab) {
      this.cachedFor = ab
      this.cached = viewOf(ab, this.ptr, this.size, this.dtype)
    }
    return this.cached as TypedArray
  }
}

function viewOf(ab: ArrayBuffer, ptr: number, size: number, dtype: DType): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(ab, ptr, size)
    case 'float64':
      return new Float64Array(ab, ptr, size)
    case 'int32':
      return new Int32Array(ab, ptr, size)
    case 'bool':
      return new Uint8Array(ab, ptr, size)
  }
}
