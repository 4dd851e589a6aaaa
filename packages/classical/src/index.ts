/**
 * @mlstack/classical: scikit-learn-style estimators on ml-matrix with one consistent contract
 * (options in the constructor, `fit` returns `this`, tagged JSON serialization).
 */
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
export { InputError, ModelFormatError, NotFittedError, ParameterError } from './errors.js'
export { Random } from './internal/random.js'
export type { MatrixLike, VectorLike } from './internal/validation.js'
export { loadEstimator, registerEstimator, registeredKinds } from './serialization/registry.js'
export {
  FORMAT,
  FORMAT_VERSION,
  type SerializedEstimator,
} from './serialization/SerializedEstimator.js'
