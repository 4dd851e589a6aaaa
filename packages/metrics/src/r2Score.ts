/** Coefficient of determination R² of a regression. */
import { combineOutputs, type Multioutput, regressionInput, wmean } from './internal/regression.js'
import type { RegressionOptions } from './meanSquaredError.js'
import type { Matrix2D, NumberArray } from './types.js'

/**
 * @internal R² and explained variance both end here: 1 - num/den per output, with scikit-learn's
 * `force_finite` rule for constant targets (den 0: 1 when num is 0, else 0).
 */
export function assembleScores(
  api: string,
  num: number[],
  den: number[],
  multioutput: Multioutput,
): number | number[] {
  const scores = num.map((nu, j) => {
    const de = den[j]!
    if (de !== 0) return 1 - nu / de
    return nu === 0 ? 1 : 0
  })
  return combineOutputs(api, scores, multioutput, den)
}

/**
 * R² (coefficient of determination), as scikit-learn's `r2_score` (constant targets give 1 for a
 * perfect fit and 0 otherwise; fewer than two samples give NaN).
 *
 * @example
 * r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.9486081370449679
 */
export function r2Score(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, 'raw_values'> },
): number
export function r2Score(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[]
export function r2Score(
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions = {},
): number | number[] {
  const api = 'r2Score'
  const { trueCols, predCols, w, n, nOutputs } = regressionInput(
    api,
    yTrue,
    yPred,
    options.sampleWeight,
  )
  const multioutput = options.multioutput ?? 'uniform_average'
  if (n < 2) {
    // R² is undefined for one sample; scikit-learn warns and returns NaN.
    return multioutput === 'raw_values' ? new Array<number>(nOutputs).fill(Number.NaN) : Number.NaN
  }
  const num: number[] = []
  const den: number[] = []
  for (let j = 0; j < nOutputs; j++) {
    const t = trueCols[j]!
    const p = predCols[j]!
    const mean = wmean(n, w, (i) => t[i]!)
    let nu = 0
    let de = 0
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1
      nu += wi * (t[i]! - p[i]!) ** 2
      de += wi * (t[i]! - mean) ** 2
    }
    num.push(nu)
    den.push(de)
  }
  return assembleScores(api, num, den, multioutput)
}
