// Gradient clipping by the global norm, as torch.nn.utils.clip_grad_norm_.
import { checkBoolean, checkNumber } from './internal/checkNumber.js'
import { collectGrads } from './internal/collectGrads.js'
import { commit } from './internal/paramAccess.js'
import { scaleInPlace } from './internal/scaleInPlace.js'
import { vectorNorm } from './internal/vectorNorm.js'
import { NonFiniteGradientError } from './NonFiniteGradientError.js'
import type { Parameter } from './Parameter.js'

export interface ClipGradNormOptions {
  /** The p of the p-norm: any p > 0, or Infinity for the max norm. Default 2. */
  normType?: number
  /** Throw NonFiniteGradientError instead of scaling when the norm is NaN or infinite. */
  errorIfNonfinite?: boolean
}

/**
 * Scales all gradients in place so that their global norm (as if concatenated into one vector)
 * is at most `maxNorm`, and returns the norm before clipping. Parameters without a gradient are
 * ignored; with none at all the result is 0.
 *
 * @example
 * ```ts
 * loss.backward()
 * const norm = clipGradNorm(model.parameters(), 1.0)
 * opt.step()
 * ```
 */
export function clipGradNorm(
  params: Parameter | Iterable<Parameter>,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): number {
  const api = 'clipGradNorm'
  checkNumber(api, 'maxNorm', maxNorm, { min: 0 })
  const p = options.normType ?? 2
  if (p !== Number.POSITIVE_INFINITY)
    checkNumber(api, 'normType', p, { min: 0, minExclusive: true })
  const strict = checkBoolean(api, 'errorIfNonfinite', options.errorIfNonfinite ?? false)
  const grads = collectGrads(api, params)
  if (grads.length === 0) return 0
  const norms = grads.map((g) => vectorNorm(g, p))
  const total = norms.length === 1 ? norms[0] : vectorNorm(norms, p)
  if (strict && !Number.isFinite(total)) {
    throw new NonFiniteGradientError(
      `${api}: the total norm of order ${p} of the gradients is ${total}, so it cannot be clipped (errorIfNonfinite is set)`,
    )
  }
  const coef = Math.min(maxNorm / (total + 1e-6), 1)
  if (coef !== 1) {
    for (const g of grads) scaleInPlace(g, coef)
    // Write-backs (non-CPU tensors only) allocate tensors, which can detach the other live
    // views, so they come after every in-place write.
    for (const g of grads) commit(g)
  }
  return total
}
