/**
 * CPU storage on the shared WasmHeap. Both CPU backends are instances of this class: `cpu`
 * (WASM SIMD kernels where registered, else the TypeScript ones) and `cpu-ts` (the TypeScript
 * reference kernels only). They share the heap, so their tensors are interchangeable.
 */
import { bytesPerElement, type DType, makeTypedArray, type TypedArray } from '../../dtype.js'
import { BackendError } from '../../errors.js'
import type { Backend, BackendMemory, DataBuffer } from '../Backend.js'
import { CpuBuffer, cpuHeap } from './cpuHeap.js'

let liveBuffers = 0
let liveBytes = 0

export class CpuBackend implements Backend {
  readonly storageId = 'wasm-heap'
  constructor(readonly name: string) {}

  alloc(size: number, dtype: DType): CpuBuffer {
    const bytes = size * bytesPerElement(dtype)
    const ptr = cpuHeap.alloc(bytes)
    liveBuffers++
    liveBytes += bytes
    return new CpuBuffer(this, ptr, size, dtype)
  }

  write(values: ArrayLike<number>, dtype: DType): CpuBuffer {
    const buf = this.alloc(values.length, dtype)
    const view = buf.view()
    if (dtype !== 'bool') view.set(values)
    else for (let i = 0; i < values.length; i++) view[i] = values[i] ? 1 : 0
    return buf
  }

  async read(buf: DataBuffer): Promise<TypedArray> {
    return this.readSync(buf)
  }

  readSync(buf: DataBuffer): TypedArray {
    const out = makeTypedArray(buf.dtype, buf.size)
    out.set((buf as CpuBuffer).view())
    return out
  }

  dispose(buf: DataBuffer): void {
    cpuHeap.free(buf.ptr)
    liveBuffers--
    liveBytes -= buf.size * bytesPerElement(buf.dtype)
  }

  move(buf: DataBuffer): DataBuffer {
    if (buf.backend.storageId === this.storageId) return buf
    if (!(buf.backend as Backend).readSync) {
      throw new BackendError('move', `cannot read buffers of backend '${buf.backend.name}'`)
    }
    return this.write(buf.backend.readSync(buf), buf.dtype)
  }

  memory(): BackendMemory {
    return {
      numBuffers: liveBuffers,
      numBytes: liveBytes,
      bytesReserved: cpuHeap.bytesReserved,
      bytesInUse: cpuHeap.bytesInUse,
    }
  }
}
