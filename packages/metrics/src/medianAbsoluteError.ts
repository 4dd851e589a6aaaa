/** Median absolute error and maximum error: outlier-robust and worst-case regression errors. */
import { InvalidOptionError, InvalidValueError } from './errors.js'
import { combineOutputs, type Multioutput, regressionInput } from './internal/regression.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * Median of |y - ŷ| per output, as scikit-learn's `median_absolute_error` (unweighted).
 *
 * @example
 * medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function medianAbsoluteError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: { multioutput?: Exclude<Multioutput, 'raw_values'> } = {},
): number {
  const api = 'medianAbsoluteError'
  if ((options as { multioutput?: unknown }).multioutput === 'raw_values') {
    throw new InvalidOptionError(
      `${api}: multioutput 'raw_values' is not supported here; call it per output`,
    )
  }
  const { trueCols, predCols, n, nOutputs } = regressionInput(api, yTrue, yPred, undefined)
  const values: number[] = []
  for (let j = 0; j < nOutputs; j++) {
    const d = Float64Array.from({ length: n }, (_, i) =>
      Math.abs(predCols[j]![i]! - trueCols[j]![i]!),
    ).sort()
    const h = n >> 1
    values.push(n % 2 ? d[h]! : (d[h - 1]! + d[h]!) / 2)
  }
  return combineOutputs(api, values, options.multioutput ?? 'uniform_average') as number
}

/**
 * The largest |y - ŷ| (single-output only), as scikit-learn's `max_error`.
 *
 * @example
 * maxError([3, 2, 7, 1], [4, 2, 7, 1]) // 1
 */
export function maxError(yTrue: NumberArray, yPred: NumberArray): number {
  const api = 'maxError'
  const { trueCols, predCols, n, nOutputs } = regressionInput(api, yTrue, yPred, undefined)
  if (nOutputs !== 1) throw new InvalidValueError(`${api}: got ${nOutputs} outputs; expected one`)
  let m = 0
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(trueCols[0]![i]! - predCols[0]![i]!))
  return m
}
