/** Test utilities for estimator authors: the shared conformance suite. */
export {
  type CheckableEstimator,
  type CheckOptions,
  checkEstimator,
  syntheticData,
  type TestApi,
} from './checkEstimator.js'
