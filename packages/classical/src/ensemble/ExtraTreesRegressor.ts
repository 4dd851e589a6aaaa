/**
 * ExtraTreesRegressor: extremely randomized trees for regression (scikit-learn 1.2's ExtraTreesRegressor).
 */
import { registerEstimator } from '../serialization/registry.js'
import { ForestRegressorBase, type ForestRegressorOptions } from './internal/ForestRegressorBase.js'
import { FOREST_DEFAULTS } from './internal/forest.js'

const DEFAULTS: ForestRegressorOptions = {
  ...FOREST_DEFAULTS,
  criterion: 'squared_error',
  bootstrap: false,
}

/**
 * Extremely randomized trees for regression (scikit-learn 1.2's ExtraTreesRegressor): every tree
 * sees the whole training set, each split draws one random threshold per candidate feature.
 *
 * Options (defaults): nEstimators (100), criterion ('squared_error'), maxDepth (null), minSamplesSplit (2),
 * minSamplesLeaf (1), maxFeatures (null (all; scikit-learn's 1.0)), minImpurityDecrease (0), maxLeafNodes (null),
 * ccpAlpha (0), bootstrap (false), oobScore (false), maxSamples (null), nJobs (1; -1 grows trees on
 * every core), randomState (undefined: a fresh seed per fit). `fit(X, y, sampleWeight?)`.
 * Results depend only on randomState, never on nJobs.
 * @example
 * const forest = new ExtraTreesRegressor({ nEstimators: 100, nJobs: -1, randomState: 0 }).fit(X, y)
 * forest.predict(Xtest)
 * forest.score(Xtest, ytest) // R²
 * forest.featureImportances
 */
export class ExtraTreesRegressor extends ForestRegressorBase {
  readonly kind = 'ExtraTreesRegressor'
  protected readonly splitter = 'random'

  constructor(options: Partial<ForestRegressorOptions> = {}) {
    super(DEFAULTS, options)
  }
}

registerEstimator('ExtraTreesRegressor', (json) => ExtraTreesRegressor.fromJSON(json))
