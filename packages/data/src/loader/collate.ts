/** The default way DataLoader turns a list of samples into one batch. */
import { InvalidDataError } from '../errors.js'
import { isNDArray } from '../internal/isNDArray.js'
import type { NDArray, TypedArray } from '../types.js'

/**
 * Stacks samples along a new first axis, like PyTorch's `default_collate`: NDArrays and typed
 * arrays stack into an NDArray [batch, ...shape]; numbers into a Float64Array NDArray [batch];
 * objects and tuples collate field by field; strings and anything else are gathered in an array.
 */
export function defaultCollate(samples: readonly unknown[]): unknown {
  if (samples.length === 0)
    throw new InvalidDataError('defaultCollate: cannot collate an empty batch')
  const first = samples[0]
  if (typeof first === 'number') {
    return {
      data: Float64Array.from(samples as number[]),
      shape: [samples.length],
    } satisfies NDArray
  }
  if (isNDArray(first) || ArrayBuffer.isView(first)) {
    const arrs = samples.map((s) =>
      isNDArray(s) ? s : { data: s as TypedArray, shape: [(s as TypedArray).length] },
    )
    const shape = arrs[0]!.shape
    const size = arrs[0]!.data.length
    const Ctor = arrs[0]!.data.constructor as new (n: number) => TypedArray
    const data = new Ctor(size * arrs.length)
    arrs.forEach((a, b) => {
      if (a.data.length !== size || a.shape.join() !== shape.join()) {
        throw new InvalidDataError(
          `defaultCollate: sample ${b} has shape [${a.shape.join(', ')}] but sample 0 has [${shape.join(', ')}]; samples of a batch must have equal shapes`,
        )
      }
      data.set(a.data, b * size)
    })
    return { data, shape: [arrs.length, ...shape] } satisfies NDArray
  }
  if (Array.isArray(first)) {
    return first.map((_, k) => defaultCollate(samples.map((s) => (s as unknown[])[k])))
  }
  if (first !== null && typeof first === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(first))
      out[k] = defaultCollate(samples.map((s) => (s as Record<string, unknown>)[k]))
    return out
  }
  return [...samples]
}
