/** Stratified K-fold indices: each fold keeps the class proportions, as scikit-learn's. */
import { InvalidOptionError } from '../errors.js'
import { toLabels } from '../internal/labels.js'
import { Random } from '../internal/random.js'
import type { Label, LabelArray, Splittable } from '../types.js'
import { BaseKFold, checkFolds, foldFromMask, type KFoldOptions, stratifyCount } from './KFold.js'
import type { SplitIndices } from './trainTestSplit.js'

/**
 * K folds that preserve the percentage of each class, with scikit-learn's allocation (classes
 * dealt round-robin over the sorted labels, assigned in blocks). Without shuffling the folds
 * equal scikit-learn's exactly; with shuffling they follow this package's seeded PRNG.
 *
 * @example
 * for (const { train, test } of new StratifiedKFold({ nSplits: 5 }).split(X, y)) { ... }
 */
export class StratifiedKFold extends BaseKFold {
  constructor(options: KFoldOptions = {}) {
    super('StratifiedKFold', options)
  }

  /** Fold index (0..k-1) of each sample. */
  testFolds(y: LabelArray): Int32Array {
    const api = 'StratifiedKFold.split'
    const labels = toLabels(api, 'y', y)
    const n = labels.length
    checkFolds(api, this.nSplits, n)
    // Classes are numbered by first appearance, as scikit-learn does.
    const code = new Map<Label, number>()
    const yEnc = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      let c = code.get(labels[i]!)
      if (c === undefined) {
        c = code.size
        code.set(labels[i]!, c)
      }
      yEnc[i] = c
    }
    const nClasses = code.size
    const counts = new Array<number>(nClasses).fill(0)
    for (const c of yEnc) counts[c]! += 1
    if (counts.every((c) => this.nSplits > c)) {
      throw new InvalidOptionError(
        `${api}: nSplits is ${this.nSplits} but no class has that many members (largest: ${Math.max(...counts)}); lower nSplits`,
      )
    }
    // allocation[f][c]: members of class c in test fold f, dealing the sorted codes round-robin.
    const sorted = Int32Array.from(yEnc).sort()
    const allocation = Array.from({ length: this.nSplits }, () =>
      new Array<number>(nClasses).fill(0),
    )
    for (let i = 0; i < n; i++) allocation[i % this.nSplits]![sorted[i]!]! += 1
    const rng = this.shuffle ? new Random(this.seed) : null
    const folds = new Int32Array(n)
    for (let c = 0; c < nClasses; c++) {
      const forClass: number[] = []
      for (let f = 0; f < this.nSplits; f++) {
        for (let r = 0; r < allocation[f]![c]!; r++) forClass.push(f)
      }
      rng?.shuffle(forClass)
      let k = 0
      for (let i = 0; i < n; i++) if (yEnc[i] === c) folds[i] = forClass[k++]!
    }
    return folds
  }

  *split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices> {
    const api = 'StratifiedKFold.split'
    const n = stratifyCount(api, x, y)
    const folds = this.testFolds(y!)
    for (let f = 0; f < this.nSplits; f++) {
      const isTest = new Uint8Array(n)
      for (let i = 0; i < n; i++) if (folds[i] === f) isTest[i] = 1
      yield foldFromMask(isTest)
    }
  }
}
