/**
 * @mlstack/classical: scikit-learn-style estimators on ml-matrix with one consistent contract
 * (options in the constructor, `fit` returns `this`, tagged JSON serialization).
 */

export { KFold, StratifiedKFold, trainTestSplit } from '@mlstack/data'
export { BaseClassifier, type ClassifierState } from './base/BaseClassifier.js'
export { BaseEstimator } from './base/BaseEstimator.js'
export { BaseRegressor } from './base/BaseRegressor.js'
export { BaseTransformer } from './base/BaseTransformer.js'
export type {
  Classifier,
  Clusterer,
  Estimator,
  Predictor,
  Regressor,
  Transformer,
} from './base/interfaces.js'
export { KMeans, type KMeansParams } from './cluster/KMeans.js'
export { PCA, type PCAParams } from './decomposition/PCA.js'
export { ExtraTreesClassifier } from './ensemble/ExtraTreesClassifier.js'
export { ExtraTreesRegressor } from './ensemble/ExtraTreesRegressor.js'
export type { ForestClassifierOptions } from './ensemble/internal/ForestClassifierBase.js'
export type { ForestRegressorOptions } from './ensemble/internal/ForestRegressorBase.js'
export { RandomForestClassifier } from './ensemble/RandomForestClassifier.js'
export { RandomForestRegressor } from './ensemble/RandomForestRegressor.js'
export { InputError, ModelFormatError, NotFittedError, ParameterError } from './errors.js'
export { ElasticNet, type ElasticNetParams } from './linear/ElasticNet.js'
export { Lasso, type LassoParams } from './linear/Lasso.js'
export { LinearRegression, type LinearRegressionParams } from './linear/LinearRegression.js'
export { LogisticRegression, type LogisticRegressionParams } from './linear/LogisticRegression.js'
export { Ridge, type RidgeParams } from './linear/Ridge.js'
export { SGDClassifier, type SGDClassifierParams } from './linear/SGDClassifier.js'
export { SGDRegressor, type SGDRegressorParams } from './linear/SGDRegressor.js'
export type { CvResults, SearchState } from './model_selection/BaseSearchCV.js'
export {
  type CrossValidateOptions,
  type CrossValidateResult,
  crossValidate,
} from './model_selection/crossValidate.js'
export {
  type CrossValScoreOptions,
  type CvEstimator,
  crossValScore,
} from './model_selection/crossValScore.js'
export { type Distribution, logUniform, randInt, uniform } from './model_selection/distributions.js'
export {
  expandGrid,
  GridSearchCV,
  type GridSearchCVParams,
  type ParamGrid,
} from './model_selection/GridSearchCV.js'
export { Pipeline, type PipelineParams, type PipelineStep } from './model_selection/Pipeline.js'
export {
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  permutationImportance,
} from './model_selection/permutationImportance.js'
export {
  RandomizedSearchCV,
  type RandomizedSearchCVParams,
} from './model_selection/RandomizedSearchCV.js'
export { getScorer, SCORERS, type Scorable, type Scorer } from './model_selection/scorers.js'
export { GaussianNB, type GaussianNBParams } from './naive_bayes/GaussianNB.js'
export { KNeighborsClassifier, type KNeighborsParams } from './neighbors/KNeighborsClassifier.js'
export { KNeighborsRegressor } from './neighbors/KNeighborsRegressor.js'
export {
  PolynomialFeatures,
  type PolynomialFeaturesParams,
} from './preprocessing/PolynomialFeatures.js'
export {
  loadEstimator,
  registerEstimator,
  registeredKinds,
  registerFormat,
} from './serialization/registry.js'
export {
  FORMAT,
  FORMAT_VERSION,
  type SerializedEstimator,
} from './serialization/SerializedEstimator.js'
export type { KernelSvmParams } from './svm/internal/kernelParams.js'
export { LinearSVC, type LinearSVCParams } from './svm/LinearSVC.js'
export { SVC, type SVCParams } from './svm/SVC.js'
export { SVR, type SVRParams } from './svm/SVR.js'
export {
  DecisionTreeClassifier,
  type DecisionTreeClassifierOptions,
} from './tree/DecisionTreeClassifier.js'
export {
  DecisionTreeRegressor,
  type DecisionTreeRegressorOptions,
} from './tree/DecisionTreeRegressor.js'
export { type ExportTextOptions, exportText } from './tree/exportText.js'
export type { TreeArrays } from './tree/internal/buildTree.js'
export type { MaxFeatures } from './tree/internal/resolveTreeSpec.js'
export type { ClassWeight } from './tree/internal/sampleWeights.js'
export type { MatrixLike, VectorLike } from './types.js'
