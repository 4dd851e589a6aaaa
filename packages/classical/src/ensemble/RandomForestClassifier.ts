/**
 * RandomForestClassifier: a random forest classifier (scikit-learn 1.2's RandomForestClassifier).
 */
import { registerEstimator } from '../serialization/registry.js'
import {
  ForestClassifierBase,
  type ForestClassifierOptions,
} from './internal/ForestClassifierBase.js'
import { FOREST_DEFAULTS } from './internal/forest.js'

const DEFAULTS: ForestClassifierOptions = {
  ...FOREST_DEFAULTS,
  criterion: 'gini',
  maxFeatures: 'sqrt',
  bootstrap: true,
  classWeight: null,
}

/**
 * A random forest classifier (scikit-learn 1.2's RandomForestClassifier): every tree grows on a
 * bootstrap sample, each split looks at a random subset of features and takes the best threshold.
 *
 * Options (defaults): nEstimators (100), criterion ('gini'), maxDepth (null), minSamplesSplit (2),
 * minSamplesLeaf (1), maxFeatures ('sqrt'), minImpurityDecrease (0), maxLeafNodes (null),
 * ccpAlpha (0), bootstrap (true), oobScore (false), maxSamples (null), nJobs (1; -1 grows trees on
 * every core), randomState (undefined: a fresh seed per fit), classWeight
 * (null | 'balanced' | { label: weight }). `fit(X, y, sampleWeight?)`.
 * Results depend only on randomState, never on nJobs.
 * @example
 * const forest = new RandomForestClassifier({ nEstimators: 100, nJobs: -1, randomState: 0 }).fit(X, y)
 * forest.predict(Xtest)
 * forest.score(Xtest, ytest) // accuracy
 * forest.featureImportances
 */
export class RandomForestClassifier extends ForestClassifierBase {
  readonly kind = 'RandomForestClassifier'
  protected readonly splitter = 'best'

  constructor(options: Partial<ForestClassifierOptions> = {}) {
    super(DEFAULTS, options)
  }
}

registerEstimator('RandomForestClassifier', (json) => RandomForestClassifier.fromJSON(json))
