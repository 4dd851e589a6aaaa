/** Explained variance of a regression: R² that ignores a constant bias in the predictions. */
import { type Multioutput, regressionInput, wmean } from './internal/regression.js'
import type { RegressionOptions } from './meanSquaredError.js'
import { assembleScores } from './r2Score.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * Explained variance score, as scikit-learn's `explained_variance_score`.
 *
 * @example
 * explainedVarianceScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.9571734475374732
 */
export function explainedVarianceScore(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function explainedVarianceScore(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function explainedVarianceScore(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  const api = 'explainedVarianceScore'
  const { trueCols, predCols, w, n, nOutputs } = regressionInput(
    api,
    yTrue,
    yPred,
    options.sampleWeight,
  )
  const num: number[] = []
  const den: number[] = []
  for (let j = 0; j < nOutputs; j++) {
    const t = trueCols[j]!
    const p = predCols[j]!
    const diffMean = wmean(n, w, (i) => t[i]! - p[i]!)
    num.push(wmean(n, w, (i) => (t[i]! - p[i]! - diffMean) ** 2))
    const trueMean = wmean(n, w, (i) => t[i]!)
    den.push(wmean(n, w, (i) => (t[i]! - trueMean) ** 2))
  }
  return assembleScores(api, num, den, options.multioutput ?? 'uniform_average')
}
