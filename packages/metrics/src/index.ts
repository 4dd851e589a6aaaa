/**
 * @mlstack/metrics: scikit-learn-compatible evaluation metrics on plain and typed arrays.
 */
export { type AccuracyOptions, accuracyScore } from './accuracyScore.js'
export { type BalancedAccuracyOptions, balancedAccuracyScore } from './balancedAccuracyScore.js'
export {
  type ClassificationReport,
  type ClassificationReportOptions,
  classificationReport,
  type ReportClassRow,
  type ReportRow,
} from './classificationReport.js'
export { type CohenKappaOptions, cohenKappaScore } from './cohenKappaScore.js'
export { type ConfusionMatrixOptions, confusionMatrix } from './confusionMatrix.js'
export {
  EmptyInputError,
  InvalidOptionError,
  InvalidValueError,
  LengthMismatchError,
  MetricError,
  UndefinedMetricError,
} from './errors.js'
export { explainedVarianceScore } from './explainedVarianceScore.js'
export { f1Score } from './f1Score.js'
export { fbetaScore } from './fbetaScore.js'
export type { Multioutput } from './internal/regression.js'
export { type LogLossOptions, logLoss } from './logLoss.js'
export { matthewsCorrcoef } from './matthewsCorrcoef.js'
export { meanAbsoluteError } from './meanAbsoluteError.js'
export { meanAbsolutePercentageError } from './meanAbsolutePercentageError.js'
export { meanSquaredError, type RegressionOptions } from './meanSquaredError.js'
export { maxError, medianAbsoluteError } from './medianAbsoluteError.js'
export {
  type AveragePrecisionOptions,
  averagePrecisionScore,
  type PrecisionRecallCurve,
  type PrecisionRecallOptions,
  precisionRecallCurve,
} from './precisionRecallCurve.js'
export {
  type Average,
  type PrfAveraged,
  type PrfOptions,
  type PrfPerClass,
  precisionRecallFscoreSupport,
  type ScoreOptions,
} from './precisionRecallFscoreSupport.js'
export { precisionScore } from './precisionScore.js'
export { r2Score } from './r2Score.js'
export { recallScore } from './recallScore.js'
export { type RocAucOptions, rocAucScore } from './rocAucScore.js'
export { type RocCurve, type RocCurveOptions, rocCurve } from './rocCurve.js'
export { rootMeanSquaredError } from './rootMeanSquaredError.js'
export { type TopKAccuracyOptions, topKAccuracyScore } from './topKAccuracyScore.js'
export type { Label, LabelArray, Matrix2D, NumberArray, ZeroDivision } from './types.js'
export { uniqueLabels } from './uniqueLabels.js'
