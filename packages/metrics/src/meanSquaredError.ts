/** Mean squared error of a regression. */
import { combineOutputs, type Multioutput, regressionInput, wmean } from './internal/regression.js'
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
  const api = 'meanSquaredError'
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
    values.push(wmean(n, w, (i) => (t[i]! - p[i]!) ** 2))
  }
  return combineOutputs(api, values, options.multioutput ?? 'uniform_average')
}
