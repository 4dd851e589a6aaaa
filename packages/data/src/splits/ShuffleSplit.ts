/** Repeated random train/test splits (plain and stratified), as scikit-learn's ShuffleSplit. */
import { InvalidOptionError, ShapeMismatchError } from '../errors.js'
import { Random } from '../internal/random.js'
import { sampleCount } from '../takeRows.js'
import type { LabelArray, Splittable } from '../types.js'
import type { CrossValidator } from './KFold.js'
import { type SplitIndices, splitSizes, stratifiedSplit } from './trainTestSplit.js'

export interface ShuffleSplitOptions {
  /** Number of splits. Default 10. */
  nSplits?: number
  /** Fraction or count of test samples. Default 0.1 (0.25 would be trainTestSplit's default). */
  testSize?: number
  /** Fraction or count of train samples. Default: the complement of testSize. */
  trainSize?: number
  seed?: number
}

function checkN(api: string, nSplits: number): void {
  if (!Number.isInteger(nSplits) || nSplits < 1) {
    throw new InvalidOptionError(`${api}: nSplits is ${nSplits}; expected an integer >= 1`)
  }
}

/**
 * `nSplits` independent random splits (samples may appear in several test sets).
 *
 * @example
 * for (const { train, test } of new ShuffleSplit({ nSplits: 3, testSize: 0.2, seed: 0 }).split(X)) { ... }
 */
export class ShuffleSplit implements CrossValidator {
  readonly nSplits: number
  readonly testSize: number | undefined
  readonly trainSize: number | undefined
  readonly seed: number | undefined

  constructor(options: ShuffleSplitOptions = {}) {
    this.nSplits = options.nSplits ?? 10
    this.trainSize = options.trainSize
    this.testSize = options.testSize ?? (options.trainSize === undefined ? 0.1 : undefined)
    this.seed = options.seed
    checkN('ShuffleSplit', this.nSplits)
  }

  getNSplits(): number {
    return this.nSplits
  }

  *split(x: Splittable | number, _y?: LabelArray): Generator<SplitIndices> {
    const api = 'ShuffleSplit.split'
    const n = sampleCount(x, api)
    const [nTrain, nTest] = splitSizes(api, n, this.testSize, this.trainSize, 0.1)
    const rng = new Random(this.seed)
    for (let s = 0; s < this.nSplits; s++) {
      const perm = rng.permutation(n)
      yield { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) }
    }
  }
}

/**
 * `nSplits` independent stratified random splits, preserving class proportions in each part
 * (scikit-learn's per-class allocation; this package's PRNG).
 *
 * @example
 * const cv = new StratifiedShuffleSplit({ nSplits: 5, testSize: 0.2, seed: 0 })
 * for (const { train, test } of cv.split(X, y)) { ... }
 */
export class StratifiedShuffleSplit implements CrossValidator {
  readonly nSplits: number
  readonly testSize: number | undefined
  readonly trainSize: number | undefined
  readonly seed: number | undefined

  constructor(options: ShuffleSplitOptions = {}) {
    this.nSplits = options.nSplits ?? 10
    this.trainSize = options.trainSize
    this.testSize = options.testSize ?? (options.trainSize === undefined ? 0.1 : undefined)
    this.seed = options.seed
    checkN('StratifiedShuffleSplit', this.nSplits)
  }

  getNSplits(): number {
    return this.nSplits
  }

  *split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices> {
    const api = 'StratifiedShuffleSplit.split'
    if (y === undefined || y === null) {
      throw new InvalidOptionError(`${api}: y (the class labels) is required for stratification`)
    }
    const n = sampleCount(x, api)
    if (y.length !== n) {
      throw new ShapeMismatchError(
        `${api}: x has ${n} samples but y has ${y.length}; expected the same number`,
      )
    }
    const [nTrain, nTest] = splitSizes(api, n, this.testSize, this.trainSize, 0.1)
    const rng = new Random(this.seed)
    for (let s = 0; s < this.nSplits; s++) yield stratifiedSplit(api, y, nTrain, nTest, rng)
  }
}
