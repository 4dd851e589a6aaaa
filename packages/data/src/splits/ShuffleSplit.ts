/** Repeated random train/test splits (plain and stratified), as scikit-learn's ShuffleSplit. */
import { InvalidOptionError } from '../errors.js'
import { Random } from '../internal/random.js'
import { sampleCount } from '../takeRows.js'
import type { LabelArray, Splittable } from '../types.js'
import { type CrossValidator, stratifyCount } from './KFold.js'
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

/** The options and bookkeeping both shuffle splitters share; they differ only in `split`. */
abstract class BaseShuffleSplit implements CrossValidator {
  readonly nSplits: number
  readonly testSize: number | undefined
  readonly trainSize: number | undefined
  readonly seed: number | undefined

  constructor(api: string, options: ShuffleSplitOptions) {
    this.nSplits = options.nSplits ?? 10
    this.trainSize = options.trainSize
    this.testSize = options.testSize ?? (options.trainSize === undefined ? 0.1 : undefined)
    this.seed = options.seed
    if (!Number.isInteger(this.nSplits) || this.nSplits < 1) {
      throw new InvalidOptionError(`${api}: nSplits is ${this.nSplits}; expected an integer >= 1`)
    }
  }

  getNSplits(): number {
    return this.nSplits
  }

  /** Train and test sizes for n samples. */
  protected sizes(api: string, n: number): [nTrain: number, nTest: number] {
    return splitSizes(api, n, this.testSize, this.trainSize, 0.1)
  }

  abstract split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices>
}

/**
 * `nSplits` independent random splits (samples may appear in several test sets).
 *
 * @example
 * for (const { train, test } of new ShuffleSplit({ nSplits: 3, testSize: 0.2, seed: 0 }).split(X)) { ... }
 */
export class ShuffleSplit extends BaseShuffleSplit {
  constructor(options: ShuffleSplitOptions = {}) {
    super('ShuffleSplit', options)
  }

  *split(x: Splittable | number, _y?: LabelArray): Generator<SplitIndices> {
    const api = 'ShuffleSplit.split'
    const n = sampleCount(x, api)
    const [nTrain, nTest] = this.sizes(api, n)
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
export class StratifiedShuffleSplit extends BaseShuffleSplit {
  constructor(options: ShuffleSplitOptions = {}) {
    super('StratifiedShuffleSplit', options)
  }

  *split(x: Splittable | number, y?: LabelArray): Generator<SplitIndices> {
    const api = 'StratifiedShuffleSplit.split'
    const n = stratifyCount(api, x, y)
    const [nTrain, nTest] = this.sizes(api, n)
    const rng = new Random(this.seed)
    for (let s = 0; s < this.nSplits; s++) yield stratifiedSplit(api, y!, nTrain, nTest, rng)
  }
}
