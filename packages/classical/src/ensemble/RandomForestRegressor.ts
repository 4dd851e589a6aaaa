/**
 * RandomForestRegressor: a random forest regressor (scikit-learn 1.2's RandomForestRegressor).
 */
import { registerEstimator } from '../serialization/registry.js'
import { ForestRegressorBase, type ForestRegressorOptions } from './internal/ForestRegressorBase.js'
import { FOREST_DEFAULTS } from './internal/forest.js'

const DEFAULTS: ForestRegressorOptions = {
  ...FOREST_DEFAULTS,
  criterion: 'squared_error',
  bootstrap: true,
}

/**
 * A random forest regressor (scikit-learn 1.2's RandomForestRegressor): every tree grows on a
 * bootstrap sample and takes the best threshold over the drawn features.
 *
 * Options (defaults): nEstimators (100), criterion ('squared_error'), maxDepth (null), minSamplesSplit (2),
 * minSamplesLeaf (1), maxFeatures (null (all; scikit-learn's 1.0)), minImpurityDecrease (0), maxLeafNodes (null),
 * ccpAlpha (0), bootstrap (true), oobScore (false), maxSamples (null), nJobs (1; -1 grows trees on
 * every core), randomState (undefined: a fresh seed per fit). `fit(X, y, sampleWeight?)`.
 * Results depend only on randomState, never on nJobs.
 * @example
 * const forest = new RandomForestRegressor({ nEstimators: 100, nJobs: -1, randomState: 0 }).fit(X, y)
 * forest.predict(Xtest)
 * forest.score(Xtest, ytest) // R²
 * forest.featureImportances
 */
export class RandomForestRegressor extends ForestRegressorBase {
  readonly kind = 'RandomForestRegressor'
  protected readonly splitter = 'best'

  constructor(options: Partial<ForestRegressorOptions> = {}) {
    super(DEFAULTS, options)
  }
}

registerEstimator('RandomForestRegressor', (json) => RandomForestRegressor.fromJSON(json))
