/** The sorted set of labels present in one or more label arrays. */
import { sortedUnique, toLabels } from './internal/validate.js'
import type { Label, LabelArray } from './types.js'

/**
 * The sorted union of the labels in the given arrays: the class order that
 * `confusionMatrix`, per-class scores and `classificationReport` use by default.
 *
 * @example
 * uniqueLabels([2, 0], [1, 2]) // [0, 1, 2]
 */
export function uniqueLabels(...ys: LabelArray[]): Label[] {
  return sortedUnique('uniqueLabels', ...ys.map((y, i) => toLabels('uniqueLabels', `y${i}`, y)))
}
