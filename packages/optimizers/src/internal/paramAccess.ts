// Uniform access to a parameter's live values and gradient, whatever kind of parameter it is:
// an @mlstack/core Tensor or a plain { data, grad } pair of typed arrays. Optimizers read and
// write through these functions only. For CPU tensors the arrays are live views of the tensor
// storage (hostView), fetched again every step and never kept: the next tensor allocation may
// grow the WebAssembly heap and detach them. Tensors on other backends get a copy that
// `commit` writes back.
import { hostView, Tensor, tensor } from '@mlstack/core'
import type { ArrayParameter, Parameter } from '../Parameter.js'
import { ParameterError } from '../ParameterError.js'
import type { FloatArray } from './FloatArray.js'

function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float32Array || x instanceof Float64Array
}

function describeValue(x: unknown): string {
  if (x === null) return 'null'
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object'
  return typeof x
}

/** Throws a ParameterError unless `p` is something optimizers can update. */
export function checkParameter(api: string, p: unknown, where: string): asserts p is Parameter {
  if (p instanceof Tensor) {
    if (p.dtype !== 'float32' && p.dtype !== 'float64') {
      throw new ParameterError(
        `${api}: ${where} is a ${p.dtype} tensor, expected float32 or float64`,
      )
    }
    if (p.isDisposed) throw new ParameterError(`${api}: ${where} is a disposed tensor`)
    return
  }
  if (typeof p !== 'object' || p === null) {
    throw new ParameterError(
      `${api}: ${where} is ${describeValue(p)}, expected a Tensor or a { data, grad } parameter`,
    )
  }
  const q = p as { data?: unknown; grad?: unknown }
  if (!isFloatArray(q.data)) {
    throw new ParameterError(
      `${api}: ${where} has no Float32Array/Float64Array data (got ${describeValue(q.data)}), expected a Tensor or a { data, grad } parameter`,
    )
  }
  if (q.grad !== null && q.grad !== undefined && !isFloatArray(q.grad)) {
    throw new ParameterError(
      `${api}: ${where} has a grad of type ${describeValue(q.grad)}, expected Float32Array, Float64Array or null`,
    )
  }
}

/** Whether `x` is a single parameter (as opposed to an iterable of them). */
export function isParameter(x: unknown): boolean {
  return (
    x instanceof Tensor ||
    (typeof x === 'object' && x !== null && isFloatArray((x as ArrayParameter).data))
  )
}

// Copies handed out for tensors whose storage is not host memory, to write back in commit().
const pending = new WeakMap<FloatArray, Tensor>()

function viewOf(t: Tensor): FloatArray {
  try {
    return hostView(t) as FloatArray
  } catch (e) {
    if ((e as Error).name !== 'BackendError') throw e
    const copy = t.dataSync() as FloatArray
    pending.set(copy, t)
    return copy
  }
}

/** The parameter's values: live where possible (then writes go straight into it). */
export function dataOf(p: Parameter): FloatArray {
  return p instanceof Tensor ? viewOf(p) : p.data
}

/** The parameter's gradient, or null when it has none this step. */
export function gradOf(p: Parameter): FloatArray | null {
  if (p instanceof Tensor) {
    const g = p.grad
    return g === null ? null : viewOf(g)
  }
  return p.grad ?? null
}

/** Writes back an array from dataOf/gradOf if it was a copy; a no-op for live views. */
export function commit(arr: FloatArray): void {
  const t = pending.get(arr)
  if (t === undefined) return
  pending.delete(arr)
  const src = tensor(arr, { shape: t.shape, dtype: t.dtype })
  try {
    t.assign(src)
  } finally {
    src.dispose()
  }
}

/** Drops the gradient (PyTorch's set_to_none) or fills it with zeros. */
export function clearGrad(p: Parameter, setToNone: boolean): void {
  if (p.grad === null || p.grad === undefined) return
  if (setToNone) {
    p.grad = null
    return
  }
  if (p instanceof Tensor) {
    ;(p.grad as Tensor).assign(0)
  } else {
    p.grad.fill(0)
  }
}

/** Number of elements of the parameter. */
export function sizeOf(p: Parameter): number {
  return p instanceof Tensor ? p.size : p.data.length
}

/** A zero-filled array of the parameter's dtype, for optimizer state. */
export function zerosLike(p: Parameter): FloatArray {
  const f64 = p instanceof Tensor ? p.dtype === 'float64' : p.data instanceof Float64Array
  const n = sizeOf(p)
  return f64 ? new Float64Array(n) : new Float32Array(n)
}
