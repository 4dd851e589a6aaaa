/**
 * @mlstack/data: datasets (IDX, CSV), data loaders, splits and scikit-learn-style preprocessing.
 */
export {
  CsvParseError,
  DataError,
  DatasetNotFoundError,
  FileFormatError,
  InvalidDataError,
  InvalidOptionError,
  NotFittedError,
  ShapeMismatchError,
  UnknownCategoryError,
} from './errors.js'
export {
  type CsvColumn,
  type CsvColumnType,
  type CsvOptions,
  CsvTable,
  DEFAULT_MISSING,
  parseCsv,
  readCsv,
  readCsvSync,
} from './io/csv.js'
export {
  encodeIdx,
  type IdxArray,
  type IdxDType,
  parseIdx,
  readIdx,
  readIdxSync,
  writeIdx,
} from './io/idx.js'
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DEFAULT_DIR,
  loadFashionMnist,
  loadMnistLike,
  type MnistLoadOptions,
  type MnistSplit,
} from './io/loadFashionMnist.js'
export { defaultCollate } from './loader/collate.js'
export { DataLoader, type DataLoaderOptions } from './loader/DataLoader.js'
export {
  ArrayDataset,
  type Dataset,
  type FieldInput,
  type Fields,
  MappedDataset,
  Subset,
  toNDArray,
} from './loader/Dataset.js'
export { LabelBinarizer, type LabelBinarizerOptions } from './preprocessing/LabelBinarizer.js'
export { LabelEncoder } from './preprocessing/LabelEncoder.js'
export { loadPreprocessor, registerPreprocessor } from './preprocessing/loadPreprocessor.js'
export { MaxAbsScaler } from './preprocessing/MaxAbsScaler.js'
export { MinMaxScaler, type MinMaxScalerOptions } from './preprocessing/MinMaxScaler.js'
export { Normalizer, type NormalizerOptions } from './preprocessing/Normalizer.js'
export {
  type CategoricalInput,
  OneHotEncoder,
  type OneHotEncoderOptions,
} from './preprocessing/OneHotEncoder.js'
export { OrdinalEncoder, type OrdinalEncoderOptions } from './preprocessing/OrdinalEncoder.js'
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
export { GroupKFold } from './splits/GroupKFold.js'
export { type CrossValidator, KFold, type KFoldOptions } from './splits/KFold.js'
export {
  ShuffleSplit,
  type ShuffleSplitOptions,
  StratifiedShuffleSplit,
} from './splits/ShuffleSplit.js'
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
