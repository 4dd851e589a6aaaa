// What an optimizer can update: the parameter types it accepts.
import type { Tensor } from '@mlstack/core'
import type { FloatArray } from './internal/FloatArray.js'

/**
 * A parameter held directly as a typed array, with its gradient beside it. Optimizers update
 * `data` in place and read `grad` (null means "no gradient this step": the parameter is skipped,
 * as PyTorch skips parameters whose `.grad` is None).
 *
 * @example
 * ```ts
 * const w: ArrayParameter = { data: new Float64Array([1, 2]), grad: new Float64Array([0.1, -0.2]) }
 * new SGD([w], { lr: 0.1 }).step() // w.data is now [0.99, 2.02]
 * ```
 */
export interface ArrayParameter {
  data: FloatArray
  grad: FloatArray | null
}

/**
 * Anything an optimizer accepts as a parameter: a float32/float64 `@mlstack/core` Tensor (its
 * `.grad` is read and its storage updated in place) or an `ArrayParameter`.
 */
export type Parameter = Tensor | ArrayParameter
