/** Cohen's kappa: agreement between two labelings corrected for chance. */
import { confusionMatrix } from './confusionMatrix.js'
import { InvalidOptionError } from './errors.js'
import type { LabelArray, NumberArray } from './types.js'

export interface CohenKappaOptions {
  labels?: LabelArray
  /** Disagreement weights for ordinal labels. Default none. */
  weights?: 'linear' | 'quadratic'
  sampleWeight?: NumberArray
}

/**
 * Cohen's kappa, as scikit-learn's `cohen_kappa_score`.
 *
 * @example
 * cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5
 */
export function cohenKappaScore(
  y1: LabelArray,
  y2: LabelArray,
  options: CohenKappaOptions = {},
): number {
  const { weights } = options
  if (weights !== undefined && weights !== 'linear' && weights !== 'quadratic') {
    throw new InvalidOptionError(
      `cohenKappaScore: weights is ${String(weights)}; expected 'linear', 'quadratic' or undefined`,
    )
  }
  const cm = confusionMatrix(y1, y2, { labels: options.labels, sampleWeight: options.sampleWeight })
  const k = cm.length
  const sum0 = new Array<number>(k).fill(0)
  const sum1 = new Array<number>(k).fill(0)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      sum0[j]! += cm[i]![j]!
      sum1[i]! += cm[i]![j]!
    }
  }
  const total = sum0.reduce((a, b) => a + b, 0)
  let observed = 0
  let expected = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w =
        weights === undefined
          ? i === j
            ? 0
            : 1
          : weights === 'linear'
            ? Math.abs(i - j)
            : (i - j) ** 2
      observed += w * cm[i]![j]!
      // scikit-learn's expected matrix is outer(sum0, sum1) / total, indexed [i][j].
      expected += w * ((sum0[i]! * sum1[j]!) / total)
    }
  }
  return 1 - observed / expected
}
