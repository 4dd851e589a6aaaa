/** Root mean squared error of a regression (square root per output, then averaged). */
import { type Multioutput, meanLossMetric } from './internal/regression.js'
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
  return meanLossMetric(
    'rootMeanSquaredError',
    yTrue,
    yPred,
    options,
    (t, p) => (t - p) ** 2,
    Math.sqrt,
  )
}
