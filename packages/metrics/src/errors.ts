/**
 * Typed errors thrown by @mlstack/metrics. Every message names the metric, what it was given and
 * what it expected, so a failing evaluation says how to fix the call.
 */

/** Base class of every error thrown by @mlstack/metrics. */
export class MetricError extends Error {
  override name = 'MetricError'
}

/** Two inputs that must describe the same samples have different lengths. */
export class LengthMismatchError extends MetricError {
  override name = 'LengthMismatchError'
}

/** An input has no samples (or no classes), so the metric has nothing to measure. */
export class EmptyInputError extends MetricError {
  override name = 'EmptyInputError'
}

/** An input holds a value the metric cannot use: NaN, Infinity, mixed label types, bad shape. */
export class InvalidValueError extends MetricError {
  override name = 'InvalidValueError'
}

/** An option is not one the metric supports (unknown average, absent posLabel, ...). */
export class InvalidOptionError extends MetricError {
  override name = 'InvalidOptionError'
}

/** The metric is mathematically undefined for this input (e.g. ROC-AUC with one class). */
export class UndefinedMetricError extends MetricError {
  override name = 'UndefinedMetricError'
}
