/**
 * Named scorers (scikit-learn's names) for crossValScore, the searches and permutation
 * importance, all computed by @mlstack/metrics.
 */
import * as metrics from '@mlstack/metrics'
import type { Matrix } from 'ml-matrix'
import { ParameterError } from '../errors.js'
import type { MatrixLike } from '../internal/validation.js'

/** What a scorer needs from a fitted estimator. */
export interface Scorable {
  predict(X: MatrixLike): Float64Array
  predictProba?(X: MatrixLike): Matrix
  score?(X: MatrixLike, y: Float64Array): number
  readonly classes?: Float64Array
}

/** A scorer: higher is better (errors are negated, as scikit-learn's 'neg_*'). */
export type Scorer = (estimator: Scorable, X: MatrixLike, y: Float64Array) => number

/** Named scorers, scikit-learn's names. */
export const SCORERS: Record<string, Scorer> = {
  accuracy: (e, X, y) => metrics.accuracyScore(y, e.predict(X)),
  r2: (e, X, y) => metrics.r2Score(y, e.predict(X)),
  neg_mean_squared_error: (e, X, y) => -metrics.meanSquaredError(y, e.predict(X)),
  neg_root_mean_squared_error: (e, X, y) => -metrics.rootMeanSquaredError(y, e.predict(X)),
  neg_mean_absolute_error: (e, X, y) => -metrics.meanAbsoluteError(y, e.predict(X)),
  f1_macro: (e, X, y) => metrics.f1Score(y, e.predict(X), { average: 'macro' }) as number,
  f1_weighted: (e, X, y) => metrics.f1Score(y, e.predict(X), { average: 'weighted' }) as number,
  precision_macro: (e, X, y) =>
    metrics.precisionScore(y, e.predict(X), { average: 'macro' }) as number,
  recall_macro: (e, X, y) => metrics.recallScore(y, e.predict(X), { average: 'macro' }) as number,
  neg_log_loss: (e, X, y) => {
    if (typeof e.predictProba !== 'function' || !e.classes) {
      throw new ParameterError(`scoring 'neg_log_loss' needs an estimator with predictProba`)
    }
    return -metrics.logLoss(y, e.predictProba(X).to2DArray(), { labels: Array.from(e.classes) })
  },
}

/**
 * Resolves a scoring option: a scorer name, a function, or undefined (the estimator's own
 * `score`: accuracy for classifiers, R² for regressors).
 */
export function getScorer(scoring: string | Scorer | undefined, api: string): Scorer {
  if (scoring === undefined) {
    return (e, X, y) => {
      if (typeof e.score !== 'function') {
        throw new ParameterError(`${api}: the estimator has no score(); pass a scoring option`)
      }
      return e.score(X, y)
    }
  }
  if (typeof scoring === 'function') return scoring
  const s = SCORERS[scoring]
  if (!s) {
    throw new ParameterError(
      `${api}: scoring = '${scoring}'; expected one of ${Object.keys(SCORERS).join(', ')} or a function`,
    )
  }
  return s
}
