/** Mean absolute error of a regression. */
import { type Multioutput, meanLossMetric } from './internal/regression.js'
import type { RegressionOptions } from './meanSquaredError.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * Mean absolute error of a regression. As scikit-learn's `mean_absolute_error`.
 *
 * @example
 * meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function meanAbsoluteError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function meanAbsoluteError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function meanAbsoluteError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  return meanLossMetric('meanAbsoluteError', yTrue, yPred, options, (t, p) => Math.abs(t - p))
}
