// Uniform access to a parameter's live values and gradient, whatever kind of parameter it is.
// Optimizers read and write through these functions only, so supporting a new parameter kind
// (for example @mlstack/core tensors) touches this module and nothing else. Views are fetched
// again every step and never cached: a WASM heap that grows detaches earlier views.
import type { Parameter } from '../Parameter.js'
import { ParameterError } from '../ParameterError.js'
import type { FloatArray } from './FloatArray.js'

function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float32Array || x instanceof Float64Array
}

/** Throws a ParameterError unless `p` is something optimizers can update. */
export function checkParameter(api: string, p: unknown, where: string): asserts p is Parameter {
  if (typeof p !== 'object' || p === null) {
    throw new ParameterError(
      `${api}: ${where} is ${p === null ? 'null' : typeof p}, expected a parameter ({ data, grad })`,
    )
  }
  const q = p as { data?: unknown; grad?: unknown }
  if (!isFloatArray(q.data)) {
    throw new ParameterError(
      `${api}: ${where} has no Float32Array/Float64Array data (got ${describeValue(q.data)}), expected a parameter ({ data, grad })`,
    )
  }
  if (q.grad !== null && q.grad !== undefined && !isFloatArray(q.grad)) {
    throw new ParameterError(
      `${api}: ${where} has a grad of type ${describeValue(q.grad)}, expected Float32Array, Float64Array or null`,
    )
  }
}

function describeValue(x: unknown): string {
  if (x === null) return 'null'
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object'
  return typeof x
}

/** The parameter's values, live: writes go straight into the parameter. */
export function dataOf(p: Parameter): FloatArray {
  return p.data
}

/** The parameter's gradient, or null when it has none this step. */
export function gradOf(p: Parameter): FloatArray | null {
  return p.grad ?? null
}

/** Drops the gradient (PyTorch's set_to_none) or fills it with zeros. */
export function clearGrad(p: Parameter, setToNone: boolean): void {
  if (p.grad == null) return
  if (setToNone) p.grad = null
  else p.grad.fill(0)
}

/** Number of elements of the parameter. */
export function sizeOf(p: Parameter): number {
  return p.data.length
}

/** A zero-filled array of the parameter's dtype, for optimizer state. */
export function zerosLike(p: Parameter): FloatArray {
  const d = p.data
  return d instanceof Float64Array ? new Float64Array(d.length) : new Float32Array(d.length)
}
