/** Shared input and label types of @mlstack/metrics. */

/** A class label: a number (integer class ids) or a string. */
export type Label = number | string

/** One label per sample: a plain array or a typed array. */
export type LabelArray = ArrayLike<Label>

/** One number per sample: a plain array or a typed array. */
export type NumberArray = ArrayLike<number>

/**
 * A 2-D numeric input (samples × columns): nested arrays, an array of typed arrays, or any
 * matrix object with `to2DArray()` (such as ml-matrix's `Matrix`).
 */
export type Matrix2D = ArrayLike<ArrayLike<number>> | { to2DArray(): number[][] }

/**
 * What to return for a ratio whose denominator is zero (precision with no predicted positives,
 * recall with no true positives). `'warn'` returns 0 and emits a Node process warning, as
 * scikit-learn does.
 */
export type ZeroDivision = 'warn' | 0 | 1
