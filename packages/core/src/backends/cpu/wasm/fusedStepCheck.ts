/** Argument checks and version bumps shared by the fused optimizer steps (no allocation). */
import { BackendError, DTypeError, ShapeError } from '../../../errors.js'
import type { Tensor } from '../../../tensor/Tensor.js'
import { CpuBuffer } from '../cpuHeap.js'

/** Throws unless `t` is a live float32 CPU tensor with as many elements as `param`. */
export function checkStepTensor(op: string, name: string, t: Tensor, param: Tensor): void {
  t.check(op) // DisposedError after dispose()
  if (t.dtype !== 'float32') {
    throw new DTypeError(op, `${name} must be a float32 tensor, got ${t.dtype}`)
  }
  if (!(t.buf instanceof CpuBuffer)) {
    throw new BackendError(op, `${name} must be stored on the cpu heap (backend cpu or cpu-ts)`)
  }
  if (t.size !== param.size) {
    throw new ShapeError(
      op,
      `${name} must have as many elements as param (${param.size}), got ${t.size}`,
    )
  }
}

/** Byte offset of a checked tensor's storage, or 0 for an unused optional buffer. */
export function ptrOf(t: Tensor | null | undefined): number {
  return t == null ? 0 : (t.buf as CpuBuffer).ptr
}

/** In-place writes bump the buffer's version so autograd can tell a saved value changed. */
export function bumpVersion(t: Tensor | null | undefined): void {
  if (t == null) return
  const buf = t.buf as { version?: number }
  buf.version = (buf.version ?? 0) + 1
}
