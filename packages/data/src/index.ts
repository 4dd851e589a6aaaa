/**
 * @mlstack/data: datasets (IDX, CSV), data loaders, splits and scikit-learn-style preprocessing.
 */
export {
  CsvParseError,
  DataError,
  FileFormatError,
  InvalidDataError,
  InvalidOptionError,
  NotFittedError,
  ShapeMismatchError,
  UnknownCategoryError,
} from './errors.js'
export { type CrossValidator, KFold, type KFoldOptions } from './splits/KFold.js'
export { StratifiedKFold } from './splits/StratifiedKFold.js'
export {
  type SplitIndices,
  type TrainTestSplit,
  type TrainTestSplitOptions,
  trainTestSplit,
  trainTestSplitIndices,
} from './splits/trainTestSplit.js'
export { sampleCount, takeRows } from './takeRows.js'
export type {
  Label,
  LabelArray,
  MatrixLike,
  NDArray,
  Splittable,
  TypedArray,
} from './types.js'
