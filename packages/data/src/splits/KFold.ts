/** K-fold cross-validation indices, as scikit-learn's KFold. */
import { InvalidOptionError, ShapeMismatchError } from '../errors.js'
import { Random } from '../internal/random.js'
import { sampleCount } from '../takeRows.js'
import type { LabelArray, Splittable } from '../types.js'
import type { SplitIndices } from './trainTestSplit.js'

export interface KFoldOptions {
  /** Number of folds, at least 2. Default 5. */
  nSplits?: number
  /** Shuffle samples before making folds. Default false (contiguous folds, as scikit-learn). */
  shuffle?: boolean
  /** Seed of the shuffle. */
  seed?: number
}

/** A cross-validation splitter: what model selection code iterates over. */
export interface CrossValidator {
  getNSplits(): number
  split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices>
}

/** @internal checks nSplits and the number of samples. */
export function checkFolds(api: string, nSplits: number, n: number): void {
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new InvalidOptionError(`${api}: nSplits is ${nSplits}; expected an integer >= 2`)
  }
  if (n < nSplits) {
    throw new InvalidOptionError(
      `${api}: nSplits is ${nSplits} but there are only ${n} samples; expected nSplits <= ${n}`,
    )
  }
}

/**
 * @internal the stratified splitters' input check: labels are present and one per sample.
 * Returns the number of samples.
 */
export function stratifyCount(
  api: string,
  x: Splittable | number,
  y: LabelArray | undefined,
): number {
  if (y === undefined || y === null) {
    throw new InvalidOptionError(`${api}: y (the class labels) is required for stratification`)
  }
  const n = sampleCount(x, api)
  if (y.length !== n) {
    throw new ShapeMismatchError(
      `${api}: x has ${n} samples but y has ${y.length}; expected the same number`,
    )
  }
  return n
}

/** @internal train indices = every index not in the test fold, ascending. */
export function foldFromMask(isTest: Uint8Array): SplitIndices {
  const train: number[] = []
  const test: number[] = []
  for (let i = 0; i < isTest.length; i++) (isTest[i] ? test : train).push(i)
  return { train, test }
}

/** @internal the options and bookkeeping KFold and StratifiedKFold share. */
export abstract class BaseKFold implements CrossValidator {
  readonly nSplits: number
  readonly shuffle: boolean
  readonly seed: number | undefined

  constructor(api: string, options: KFoldOptions) {
    this.nSplits = options.nSplits ?? 5
    this.shuffle = options.shuffle ?? false
    this.seed = options.seed
    checkFolds(api, this.nSplits, this.nSplits)
  }

  getNSplits(): number {
    return this.nSplits
  }

  abstract split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices>
}

/**
 * K consecutive folds (optionally shuffled); each fold is the test set once. Folds differ in size
 * by at most one, the first `n % k` being larger. Both index lists come out ascending. Without
 * shuffling the folds equal scikit-learn's exactly.
 *
 * @example
 * for (const { train, test } of new KFold({ nSplits: 5 }).split(X)) { ... }
 */
export class KFold extends BaseKFold {
  constructor(options: KFoldOptions = {}) {
    super('KFold', options)
  }

  *split(x: Splittable | number, _y?: LabelArray): Generator<SplitIndices> {
    const n = sampleCount(x, 'KFold.split')
    checkFolds('KFold.split', this.nSplits, n)
    const order = Array.from({ length: n }, (_, i) => i)
    // One generator per split() call: iterating twice gives the same folds.
    if (this.shuffle) new Random(this.seed).shuffle(order)
    let start = 0
    for (let k = 0; k < this.nSplits; k++) {
      const size = Math.floor(n / this.nSplits) + (k < n % this.nSplits ? 1 : 0)
      const isTest = new Uint8Array(n)
      for (let i = start; i < start + size; i++) isTest[order[i]!] = 1
      start += size
      yield foldFromMask(isTest)
    }
  }
}
