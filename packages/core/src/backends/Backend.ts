/**
 * The backend contract. A backend is storage only: it allocates, writes, reads, moves and frees
 * buffers and reports its memory. Compute lives in kernels registered per (op, backend) with
 * `registerKernel`, so a backend package adds kernels op by op and falls back where it has none.
 */
import type { DType, TypedArray } from '../dtype.js'

/** A buffer of `size` elements of `dtype` owned by a backend. Reference-counted by the engine. */
export interface DataBuffer {
  /** The backend whose storage holds the bytes. */
  readonly backend: Backend
  readonly size: number
  readonly dtype: DType
  /** CPU storage: byte offset of the first element in the shared WasmHeap memory. */
  readonly ptr: number
  /** Backend-specific handle for non-CPU storage (a GPU buffer, ...). */
  readonly handle?: unknown
  /** Number of owners (tensor handles, saved autograd values). Managed by the engine. */
  refs: number
  /** Bumped by in-place writes (assign), so autograd can detect a saved value that changed. */
  version?: number
}

export interface BackendMemory {
  /** Live buffers and their bytes (logical, size × bytes per element). */
  numBuffers: number
  numBytes: number
  /** Bytes reserved by the backend's allocator (e.g. the WebAssembly memory size). */
  bytesReserved: number
  /** Bytes held by live allocations including allocator rounding. */
  bytesInUse: number
}

export interface Backend {
  readonly name: string
  /**
   * Backends with the same storage id share buffers: moving a tensor between them is free
   * (`cpu` and `cpu-ts` both use the `wasm-heap` storage).
   */
  readonly storageId: string
  /** Allocates a buffer for `size` elements; contents are unspecified until a kernel writes it. */
  alloc(size: number, dtype: DType): DataBuffer
  /** Allocates a buffer holding a copy of `values`. */
  write(values: ArrayLike<number>, dtype: DType): DataBuffer
  /** An owned copy of the buffer's contents. */
  read(buf: DataBuffer): Promise<TypedArray>
  readSync(buf: DataBuffer): TypedArray
  /** Frees the storage (called by the engine when the last reference goes). */
  dispose(buf: DataBuffer): void
  /** Copies a buffer of another backend into this one. */
  move(buf: DataBuffer): DataBuffer
  memory(): BackendMemory
}

/** Creates a backend instance; called lazily, the first time the backend is used. */
export type BackendFactory = () => Backend
