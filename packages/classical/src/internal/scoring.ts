/**
 * The default `score` of classifiers (accuracy) and regressors (R²), computed by
 * @mlstack/metrics so they match scikit-learn's definitions. Named scorers for
 * cross-validation and search live in model_selection/scorers.ts.
 */
import * as metrics from '@mlstack/metrics'

/** Fraction of exact matches. */
export function accuracyScore(yTrue: Float64Array, yPred: Float64Array, _api?: string): number {
  return metrics.accuracyScore(yTrue, yPred)
}

/** Coefficient of determination R². */
export function r2Score(yTrue: Float64Array, yPred: Float64Array, _api?: string): number {
  return metrics.r2Score(yTrue, yPred)
}
