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
export { LabelEncoder } from './preprocessing/LabelEncoder.js'
export { MinMaxScaler, type MinMaxScalerOptions } from './preprocessing/MinMaxScaler.js'
export {
  type CategoricalInput,
  OneHotEncoder,
  type OneHotEncoderOptions,
} from './preprocessing/OneHotEncoder.js'
export {
  PREPROCESSOR_FORMAT,
  PREPROCESSOR_FORMAT_VERSION,
  Preprocessor,
  type SerializedPreprocessor,
} from './preprocessing/Preprocessor.js'
export { RobustScaler, type RobustScalerOptions } from './preprocessing/RobustScaler.js'
export {
  type ImputeStrategy,
  SimpleImputer,
  type SimpleImputerOptions,
} from './preprocessing/SimpleImputer.js'
export { StandardScaler, type StandardScalerOptions } from './preprocessing/StandardScaler.js'
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
