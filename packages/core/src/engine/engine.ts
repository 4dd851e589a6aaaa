/**
 * The engine: the active backend, op dispatch (`runOp`), memory scopes (`tidy`, `keep`) and
 * memory counts. Dispatch is kept allocation-light: one kernel-table read, the kernel call, and
 * a tape record only when an input requires grad.
 */
import type { Backend, DataBuffer } from '../backends/Backend.js'
import type { DType } from '../dtype.js'
import { DisposedError, KernelNotFoundError, MlstackError } from '../errors.js'
import { sizeOf } from '../internal/shape.js'
import { Tensor } from '../tensor/Tensor.js'
import {
  backendInstance,
  type KernelContext,
  type KernelRun,
  kernelTable,
  listBackends,
  setRegistryChangeHook,
} from './registry.js'

interface EngineState {
  backend: Backend | null
  table: Record<string, KernelRun | undefined>
  gradEnabled: boolean
  /** The innermost tidy scope's tensors; null outside any tidy. */
  scope: Tensor[] | null
  numTensors: number
  ctx: KernelContext
}

export const ENGINE: EngineState = {
  backend: null,
  table: Object.create(null),
  gradEnabled: true,
  scope: null,
  numTensors: 0,
  ctx: {
    get backend(): Backend {
      return activeBackend()
    },
    output(shape: readonly number[], dtype: DType): Tensor {
      return new Tensor(shape, dtype, activeBackend().alloc(sizeOf(shape), dtype))
    },
  },
}

/** The active backend (the highest-priority registered one until `setBackend` is called). */
export function activeBackend(): Backend {
  let b = ENGINE.backend
  if (b === null) {
    const names = listBackends()
    if (names.length === 0)
      throw new KernelNotFoundError('getBackend', 'none', 'getBackend: no backend is registered')
    setBackend(names[0] as string)
    b = ENGINE.backend as unknown as Backend
  }
  return b
}

/**
 * Makes `name` the backend that runs subsequent ops.
 *
 * @example
 * setBackend('cpu-ts') // the TypeScript reference kernels
 */
export function setBackend(name: string): void {
  const b = backendInstance(name)
  ENGINE.backend = b
  ENGINE.table = kernelTable(name)
}

/** Name of the active backend. */
export function getBackend(): string {
  return activeBackend().name
}

// Kernels registered after the first op (a backend package loaded late) must be seen.
setRegistryChangeHook(() => {
  if (ENGINE.backend !== null) ENGINE.table = kernelTable(ENGINE.backend.name)
})

export function releaseBuffer(buf: DataBuffer): void {
  if (--buf.refs === 0) buf.backend.dispose(buf)
}

// Set by the autograd module (which imports this one) to avoid an import cycle at load time.
let recordHook:
  | ((op: string, inputs: readonly Tensor[], out: Tensor, attrs: unknown) => void)
  | null = null
export function setRecordHook(
  hook: (op: string, inputs: readonly Tensor[], out: Tensor, attrs: unknown) => void,
): void {
  recordHook = hook
}

/**
 * Runs the kernel of `op` on the active backend and records it on the tape when an input
 * requires grad. Every op in the library goes through here.
 */
export function runOp(op: string, inputs: readonly Tensor[], attrs: unknown): Tensor {
  const e = ENGINE
  const backend = e.backend ?? activeBackend()
  let needsGrad = false
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i]
    if (t.isDisposed) {
      throw new DisposedError(
        op,
        `input ${i} (shape [${t.shape.join(', ')}], ${t.dtype}) was disposed`,
      )
    }
    if (t.buf.backend.storageId !== backend.storageId) t.moveTo(backend)
    if (t.requiresGrad) needsGrad = true
  }
  const run = e.table[op]
  if (run === undefined) throw new KernelNotFoundError(op, backend.name)
  const out = run(inputs, attrs, e.ctx)
  if (needsGrad && e.gradEnabled && recordHook !== null) recordHook(op, inputs, out, attrs)
  return out
}

/**
 * Runs `fn` and disposes every tensor created inside it except the ones it returns (in an
 * array, an object or alone) and the ones passed to `keep`. Nested tidies move returned
 * tensors to the enclosing scope. If `fn` throws, everything created inside is disposed.
 *
 * @example
 * const y = tidy(() => x.mul(2).add(1).relu()) // the intermediates are freed
 */
export function tidy<T>(fn: () => T): T {
  const e = ENGINE
  const scope: Tensor[] = []
  const parent = e.scope
  e.scope = scope
  let result: T
  try {
    result = fn()
  } catch (err) {
    e.scope = parent
    for (const t of scope) if (!t.kept) t.dispose()
    throw err
  }
  e.scope = parent
  if (result instanceof Promise) {
    for (const t of scope) if (!t.kept) t.dispose()
    throw new MlstackError(
      'tidy',
      'the function returned a Promise; tidy needs a synchronous function (use tidy inside the async code instead)',
    )
  }
  const returned: Tensor[] = []
  collectTensors(result, returned, 0)
  for (const t of returned) t.scopeMark = true
  for (const t of scope) {
    if (t.scopeMark) {
      if (parent !== null) parent.push(t)
      else t.guard()
    } else if (!t.kept) t.dispose()
  }
  for (const t of returned) t.scopeMark = false
  return result
}

function collectTensors(v: unknown, out: Tensor[], depth: number): void {
  if (depth > 8 || v === null || typeof v !== 'object') return
  if (v instanceof Tensor) {
    out.push(v)
    return
  }
  if (Array.isArray(v)) for (const x of v) collectTensors(x, out, depth + 1)
  else if (v instanceof Map) for (const x of v.values()) collectTensors(x, out, depth + 1)
  else if (Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) collectTensors(x, out, depth + 1)
  }
}

/**
 * Exempts a tensor from disposal by enclosing `tidy` scopes; returns it. The caller then owns
 * it and disposes it explicitly.
 *
 * @example
 * const w = tidy(() => keep(randn([3, 3])))
 */
export function keep<T extends Tensor>(t: T): T {
  t.kept = true
  t.guard()
  return t
}

/** Memory counters of the engine and the active backend. */
export interface MemoryInfo {
  /** Live tensor handles (not disposed). */
  numTensors: number
  /** Live buffers (handles can share one: reshape, detach, autograd's saved values). */
  numBuffers: number
  /** Bytes of live buffers. */
  numBytes: number
  /** Bytes in use by the backend's allocator (rounded to its blocks). */
  heapBytesInUse: number
  /** Bytes reserved by the backend (the WASM memory size on CPU; only grows). */
  heapBytesReserved: number
  backend: string
}

/**
 * Current memory counts.
 *
 * @example
 * const before = memory().numTensors
 */
export function memory(): MemoryInfo {
  const b = activeBackend()
  const m = b.memory()
  return {
    numTensors: ENGINE.numTensors,
    numBuffers: m.numBuffers,
    numBytes: m.numBytes,
    heapBytesInUse: m.bytesInUse,
    heapBytesReserved: m.bytesReserved,
    backend: b.name,
  }
}

/** @internal runs `fn` without recording, freeing its intermediates (returned tensors survive). */
export function noGradInternal<T>(fn: () => T): T {
  const prev = ENGINE.gradEnabled
  ENGINE.gradEnabled = false
  try {
    return tidy(fn)
  } finally {
    ENGINE.gradEnabled = prev
  }
}
