/** Mean absolute percentage error (as a fraction, not times 100). */
import { type Multioutput, meanLossMetric } from './internal/regression.js'
import type { RegressionOptions } from './meanSquaredError.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * MAPE, as scikit-learn's `mean_absolute_percentage_error`: |y - ŷ| / max(|y|, ε), averaged
 * (so 0.1 means 10 %; a zero target gives a huge but finite error).
 *
 * @example
 * meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.3273809523809524
 */
export function meanAbsolutePercentageError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function meanAbsolutePercentageError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function meanAbsolutePercentageError(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  return meanLossMetric(
    'meanAbsolutePercentageError',
    yTrue,
    yPred,
    options,
    (t, p) => Math.abs(p - t) / Math.max(Math.abs(t), Number.EPSILON),
  )
}
