// Gradient clipping by value, as torch.nn.utils.clip_grad_value_.
import { checkNumber } from './internal/checkNumber.js'
import { collectGrads } from './internal/collectGrads.js'
import { commit } from './internal/paramAccess.js'
import type { Parameter } from './Parameter.js'

/**
 * Clamps every gradient element in place to [-clipValue, clipValue]. NaN stays NaN.
 *
 * @example
 * ```ts
 * loss.backward()
 * clipGradValue(model.parameters(), 0.5)
 * opt.step()
 * ```
 */
export function clipGradValue(params: Parameter | Iterable<Parameter>, clipValue: number): void {
  const v = checkNumber('clipGradValue', 'clipValue', clipValue, { min: 0 })
  const grads = collectGrads('clipGradValue', params)
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      const x = g[i]
      if (x > v) g[i] = v
      else if (x < -v) g[i] = -v
    }
  }
  // Write-backs (non-CPU tensors only) come after all in-place writes: they allocate tensors.
  for (const g of grads) commit(g)
}
