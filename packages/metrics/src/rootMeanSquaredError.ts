/** Root mean squared error of a regression (square root per output, then averaged). */
import { combineOutputs, type Multioutput, regressionInput, wmean } from './internal/regression.js'
import type { RegressionOptions } from './meanSquaredError.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * Root mean squared error of a regression (square root per output, then averaged). As scikit-learn's `mean_squared_error(squared=False)`.
 *
 * @example
 * rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.6123724356957945
 */
export function rootMeanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function rootMeanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function rootMeanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  const api = 'rootMeanSquaredError'
  const { trueCols, predCols, w, n, nOutputs } = regressionInput(
    api,
    yTrue,
    yPred,
    options.sampleWeight,
  )
  const values: number[] = []
  for (let j = 0; j < nOutputs; j++) {
    const t = trueCols[j]!
    const p = predCols[j]!
    values.push(Math.sqrt(wmean(n, w, (i) => (t[i]! - p[i]!) ** 2)))
  }
  return combineOutputs(api, values, options.multioutput ?? 'uniform_average')
}
