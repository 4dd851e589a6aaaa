/**
 * ExtraTreesClassifier: extremely randomized trees for classification (scikit-learn 1.2's ExtraTreesClassifier).
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
  bootstrap: false,
  classWeight: null,
}

/**
 * Extremely randomized trees for classification (scikit-learn 1.2's ExtraTreesClassifier): every
 * tree sees the whole training set, each split draws one random threshold per candidate feature.
 *
 * Options (defaults): nEstimators (100), criterion ('gini'), maxDepth (null), minSamplesSplit (2),
 * minSamplesLeaf (1), maxFeatures ('sqrt'), minImpurityDecrease (0), maxLeafNodes (null),
 * ccpAlpha (0), bootstrap (false), oobScore (false), maxSamples (null), nJobs (1; -1 grows trees on
 * every core), randomState (undefined: a fresh seed per fit), classWeight
 * (null | 'balanced' | { label: weight }). `fit(X, y, sampleWeight?)`.
 * Results depend only on randomState, never on nJobs.
 * @example
 * const forest = new ExtraTreesClassifier({ nEstimators: 100, nJobs: -1, randomState: 0 }).fit(X, y)
 * forest.predict(Xtest)
 * forest.score(Xtest, ytest) // accuracy
 * forest.featureImportances
 */
export class ExtraTreesClassifier extends ForestClassifierBase {
  readonly kind = 'ExtraTreesClassifier'
  protected readonly splitter = 'random'

  constructor(options: Partial<ForestClassifierOptions> = {}) {
    super(DEFAULTS, options)
  }
}

registerEstimator('ExtraTreesClassifier', (json) => ExtraTreesClassifier.fromJSON(json))
