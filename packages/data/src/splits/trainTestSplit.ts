/**
 * Random train/test splits (plain or stratified) with scikit-learn's size rules. The shuffles use
 * this package's seeded PRNG, so a seed reproduces a split here but not scikit-learn's own
 * permutation (NumPy's Mersenne Twister): for exact parity use fixed index files.
 */
import { InvalidOptionError, ShapeMismatchError } from '../errors.js'
import { approximateMode } from '../internal/approximateMode.js'
import { encodeLabels, toLabels } from '../internal/labels.js'
import { Random } from '../internal/random.js'
import { sampleCount, takeRows } from '../takeRows.js'
import type { LabelArray, Splittable } from '../types.js'

export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) or absolute count of test samples. Default 0.25 (when trainSize is unset). */
  testSize?: number
  /** Fraction in (0, 1) or absolute count of train samples. Default: the complement of testSize. */
  trainSize?: number
  /** Seed of the shuffle; omit for a different split each call. */
  seed?: number
  /** Shuffle before splitting (default true); false takes the first rows for training. */
  shuffle?: boolean
  /** Labels to stratify by (keeps class proportions in both parts); `true` uses `y`. */
  stratify?: LabelArray | true
}

export interface SplitIndices {
  train: number[]
  test: number[]
}

/** @internal scikit-learn's `_validate_shuffle_split`. */
export function splitSizes(
  api: string,
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
  defaultTest = 0.25,
): [nTrain: number, nTest: number] {
  if (testSize === undefined && trainSize === undefined) testSize = defaultTest
  const check = (name: string, v: number | undefined) => {
    if (v === undefined) return
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new InvalidOptionError(
        `${api}: ${name} is ${v}; expected a fraction in (0, 1) or a positive integer`,
      )
    }
    if (Number.isInteger(v) ? v >= n : v >= 1) {
      throw new InvalidOptionError(
        `${api}: ${name} is ${v} with ${n} samples; expected a fraction in (0, 1) or an integer below ${n}`,
      )
    }
  }
  check('testSize', testSize)
  check('trainSize', trainSize)
  // Integers are counts, non-integers fractions (a fraction of 1.0 is rejected above).
  let nTest =
    testSize === undefined
      ? undefined
      : Number.isInteger(testSize)
        ? testSize
        : Math.ceil(testSize * n)
  let nTrain =
    trainSize === undefined
      ? undefined
      : Number.isInteger(trainSize)
        ? trainSize
        : Math.floor(trainSize * n)
  if (nTrain === undefined) nTrain = n - nTest!
  if (nTest === undefined) nTest = n - nTrain
  if (nTrain + nTest > n) {
    throw new InvalidOptionError(
      `${api}: trainSize + testSize is ${nTrain + nTest} samples but there are only ${n}; reduce them`,
    )
  }
  if (nTrain === 0 || nTest === 0) {
    throw new InvalidOptionError(
      `${api}: with ${n} samples these sizes leave ${nTrain} train and ${nTest} test samples; expected both > 0`,
    )
  }
  return [nTrain, nTest]
}

/** @internal one stratified shuffle split, as scikit-learn's StratifiedShuffleSplit. */
export function stratifiedSplit(
  api: string,
  labels: LabelArray,
  nTrain: number,
  nTest: number,
  rng: Random,
): SplitIndices {
  const { classes, codes } = encodeLabels(toLabels(api, 'stratify', labels))
  const counts = new Array<number>(classes.length).fill(0)
  for (const c of codes) counts[c]! += 1
  const minCount = Math.min(...counts)
  if (minCount < 2) {
    const cls = classes[counts.indexOf(minCount)]
    throw new InvalidOptionError(
      `${api}: class ${String(cls)} has only ${minCount} member; stratified splits need at least 2 per class`,
    )
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new InvalidOptionError(
      `${api}: ${nTrain} train and ${nTest} test samples cannot hold all ${classes.length} classes; expected both >= ${classes.length}`,
    )
  }
  const nI = approximateMode(counts, nTrain, rng)
  const tI = approximateMode(
    counts.map((c, i) => c - nI[i]!),
    nTest,
    rng,
  )
  const byClass: number[][] = classes.map(() => [])
  for (let i = 0; i < codes.length; i++) byClass[codes[i]!]!.push(i)
  const train: number[] = []
  const test: number[] = []
  for (let c = 0; c < classes.length; c++) {
    const members = rng.shuffle(byClass[c]!)
    train.push(...members.slice(0, nI[c]))
    test.push(...members.slice(nI[c], nI[c]! + tI[c]!))
  }
  return { train: rng.shuffle(train), test: rng.shuffle(test) }
}

/**
 * Train and test row indices for `n` samples.
 *
 * @example
 * const { train, test } = trainTestSplitIndices(150, { testSize: 0.25, seed: 0, stratify: y })
 */
export function trainTestSplitIndices(
  n: number,
  options: TrainTestSplitOptions = {},
): SplitIndices {
  return splitIndices('trainTestSplitIndices', n, options)
}

/** trainTestSplitIndices with the caller's API name in its errors. */
function splitIndices(api: string, n: number, options: TrainTestSplitOptions): SplitIndices {
  const [nTrain, nTest] = splitSizes(api, sampleCount(n, api), options.testSize, options.trainSize)
  const rng = new Random(options.seed)
  if (options.stratify !== undefined) {
    if (options.stratify === true) {
      throw new InvalidOptionError(
        `${api}: stratify: true needs labels; pass the label array instead`,
      )
    }
    if (options.shuffle === false) {
      throw new InvalidOptionError(`${api}: stratify requires shuffle; remove shuffle: false`)
    }
    if (options.stratify.length !== n) {
      throw new ShapeMismatchError(
        `${api}: stratify has ${options.stratify.length} labels but there are ${n} samples`,
      )
    }
    return stratifiedSplit(api, options.stratify, nTrain, nTest, rng)
  }
  if (options.shuffle === false) {
    return {
      train: Array.from({ length: nTrain }, (_, i) => i),
      test: Array.from({ length: nTest }, (_, i) => nTrain + i),
    }
  }
  const perm = rng.permutation(n)
  return { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) }
}

export interface TrainTestSplit<X, Y> {
  xTrain: X
  xTest: X
  yTrain: Y
  yTest: Y
  trainIndex: number[]
  testIndex: number[]
}

/**
 * Splits features (and optionally targets) into random train and test parts, as scikit-learn's
 * `train_test_split`. Each part has the input's kind (Matrix, array, typed array, NDArray).
 *
 * @example
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, seed: 42, stratify: true })
 */
export function trainTestSplit<X extends Splittable, Y extends Splittable | undefined = undefined>(
  x: X,
  y?: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<X, Y> {
  const api = 'trainTestSplit'
  const n = sampleCount(x, api)
  if (y !== undefined && y !== null) {
    const ny = sampleCount(y, api)
    if (ny !== n) {
      throw new ShapeMismatchError(
        `${api}: x has ${n} samples but y has ${ny}; expected the same number`,
      )
    }
  }
  let stratify = options.stratify
  if (stratify === true) {
    if (y === undefined || y === null || !(Array.isArray(y) || ArrayBuffer.isView(y))) {
      throw new InvalidOptionError(`${api}: stratify: true needs y as a label array`)
    }
    stratify = y as unknown as LabelArray
  }
  const { train, test } = splitIndices(api, n, { ...options, stratify })
  const yTrain = (y === undefined || y === null ? undefined : takeRows(y, train)) as Y
  const yTest = (y === undefined || y === null ? undefined : takeRows(y, test)) as Y
  return {
    xTrain: takeRows(x, train),
    xTest: takeRows(x, test),
    yTrain,
    yTest,
    trainIndex: train,
    testIndex: test,
  }
}
