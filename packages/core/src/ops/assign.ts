/**
 * In-place updates for optimizers: `assignInto` (behind `Tensor.assign`) and `hostView`, a
 * live typed-array view of a CPU tensor's storage.
 */
import type { CpuBuffer } from '../backends/cpu/cpuHeap.js'
import type { TypedArray } from '../dtype.js'
import { releaseBuffer } from '../engine/engine.js'
import { BackendError, ShapeError } from '../errors.js'
import { fmt, shapesEqual } from '../internal/shape.js'
import type { Tensor } from '../tensor/Tensor.js'
import { castTo, release, toTensor } from './elementwise.js'
import { broadcastTo } from './movement.js'
import type { TensorLike } from './types.js'

/** @internal copies src (broadcast scalars, cast dtype) into dst's buffer. */
export function assignInto(dst: Tensor, src: TensorLike): void {
  const op = 'assign'
  const s0 = toTensor(op, src, dst.dtype)
  let s = s0
  try {
    if (!shapesEqual(s.shape, dst.shape)) {
      if (s.size !== 1)
        throw new ShapeError(
          op,
          `source shape ${fmt(s.shape)} differs from target ${fmt(dst.shape)}`,
        )
      const r = s.reshape([])
      s = broadcastTo(r, dst.shape)
      r.dispose()
    }
    const c = castTo(s, dst.dtype)
    const cpuDst = dst.buf as Partial<CpuBuffer>
    const cpuSrc = c.buf as Partial<CpuBuffer>
    if (typeof cpuDst.view === 'function' && typeof cpuSrc.view === 'function') {
      cpuDst.view().set(cpuSrc.view())
    } else {
      // Other storage: replace the buffer with a copy of the values.
      const be = dst.buf.backend
      const fresh = be.write(c.buf.backend.readSync(c.buf), dst.dtype)
      releaseBuffer(dst.buf)
      dst.buf = fresh
    }
    dst.buf.version = (dst.buf.version ?? 0) + 1
    if (c !== s) c.dispose()
  } finally {
    if (s !== s0) s.dispose()
    if (s0 !== src) release(s0)
  }
}

/**
 * UNSAFE: a live typed-array view of a CPU tensor's storage (the shared WebAssembly memory).
 * Writes through it change the tensor (and every handle sharing its buffer, e.g. reshapes).
 * The view is valid only until the next tensor allocation, which may grow the memory and
 * detach it: take it, use it, drop it. Throws a BackendError for non-CPU tensors.
 *
 * @example
 * noGrad(() => {
 *   const w = hostView(param) as Float32Array
 *   const g = hostView(param.grad!) as Float32Array
 *   for (let i = 0; i < w.length; i++) w[i] -= lr * g[i]
 * })
 */
export function hostView(t: Tensor): TypedArray {
  t.check('hostView')
  const b = t.buf as Partial<CpuBuffer>
  if (typeof b.view !== 'function') {
    throw new BackendError(
      'hostView',
      `tensor storage is on backend '${t.buf.backend.name}', not CPU memory`,
    )
  }
  return b.view()
}
