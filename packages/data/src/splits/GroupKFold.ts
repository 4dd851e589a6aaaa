/** K-fold over groups: no group appears in both train and test, as scikit-learn's GroupKFold. */
import { InvalidOptionError, ShapeMismatchError } from '../errors.js'
import { encodeLabels, toLabels } from '../internal/labels.js'
import { sampleCount } from '../takeRows.js'
import type { LabelArray, Splittable } from '../types.js'
import { foldFromMask } from './KFold.js'
import type { SplitIndices } from './trainTestSplit.js'

/**
 * Folds made of whole groups (e.g. all images of one patient), balanced by size: the largest
 * groups are placed first, each into the currently lightest fold. Deterministic, and equal to
 * scikit-learn's folds (for group-size ties scikit-learn's order depends on NumPy's sort).
 *
 * @example
 * for (const { train, test } of new GroupKFold({ nSplits: 3 }).split(X, y, patientIds)) { ... }
 */
export class GroupKFold {
  readonly nSplits: number

  constructor(options: { nSplits?: number } = {}) {
    this.nSplits = options.nSplits ?? 5
    if (!Number.isInteger(this.nSplits) || this.nSplits < 2) {
      throw new InvalidOptionError(
        `GroupKFold: nSplits is ${this.nSplits}; expected an integer >= 2`,
      )
    }
  }

  getNSplits(): number {
    return this.nSplits
  }

  *split(
    x: Splittable | number,
    _y: LabelArray | undefined,
    groups: LabelArray,
  ): Generator<SplitIndices> {
    const api = 'GroupKFold.split'
    const n = sampleCount(x, api)
    if (groups === undefined || groups === null) {
      throw new InvalidOptionError(`${api}: groups (one group label per sample) is required`)
    }
    const g = toLabels(api, 'groups', groups)
    if (g.length !== n) {
      throw new ShapeMismatchError(
        `${api}: x has ${n} samples but groups has ${g.length}; expected the same number`,
      )
    }
    const { classes, codes } = encodeLabels(g)
    if (this.nSplits > classes.length) {
      throw new InvalidOptionError(
        `${api}: nSplits is ${this.nSplits} but there are only ${classes.length} groups`,
      )
    }
    const sizes = new Array<number>(classes.length).fill(0)
    for (const c of codes) sizes[c]! += 1
    // Stable ascending sort, then reversed: the largest groups first (NumPy's argsort()[::-1]).
    const order = sizes
      .map((_, i) => i)
      .sort((a, b) => sizes[a]! - sizes[b]!)
      .reverse()
    const foldSize = new Array<number>(this.nSplits).fill(0)
    const groupFold = new Int32Array(classes.length)
    for (const gi of order) {
      let lightest = 0
      for (let f = 1; f < this.nSplits; f++) if (foldSize[f]! < foldSize[lightest]!) lightest = f
      foldSize[lightest]! += sizes[gi]!
      groupFold[gi] = lightest
    }
    for (let f = 0; f < this.nSplits; f++) {
      const isTest = new Uint8Array(n)
      for (let i = 0; i < n; i++) if (groupFold[codes[i]!] === f) isTest[i] = 1
      yield foldFromMask(isTest)
    }
  }
}
