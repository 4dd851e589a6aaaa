/** Mean squared error of a regression. */
import { type Multioutput, meanLossMetric } from './internal/regression.js'
import type { Matrix2D, NumberArray } from './types.js'

export interface RegressionOptions {
  sampleWeight?: NumberArray
  /** Multi-output targets: 'uniform_average' (default), 'raw_values' or weights per output. */
  multioutput?: Multioutput
}

/**
 * Mean squared error of a regression. As scikit-learn's `mean_squared_error`.
 *
 * @example
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.375
 */
export function meanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function meanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function meanSquaredError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  return meanLossMetric('meanSquaredError', yTrue, yPred, options, (t, p) => (t - p) ** 2)
}
