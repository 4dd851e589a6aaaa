/**
 * DecisionTreeRegressor: CART regression trees (squared error) with scikit-learn 1.2's algorithm
 * and options.
 */
import { BaseRegressor } from '../base/BaseRegressor.js'
import { ModelFormatError } from '../errors.js'
import { Random } from '../internal/random.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { buildTree, type TreeArrays } from './internal/buildTree.js'
import { prepareTreeData } from './internal/prepareTreeData.js'
import {
  type MaxFeatures,
  resolveTreeSpec,
  seedOf,
  TREE_GROWTH_DEFAULTS,
  type TreeGrowthOptions,
} from './internal/resolveTreeSpec.js'
import { sampleWeights } from './internal/sampleWeights.js'
import {
  applyToLeaves,
  checkTreeArrays,
  costComplexityPath,
  countLeaves,
  treeFeatureImportances,
} from './internal/treeOps.js'

/** Options of DecisionTreeRegressor (scikit-learn's names in camelCase). */
export interface DecisionTreeRegressorOptions extends TreeGrowthOptions {
  /** Split quality: 'squared_error' (variance reduction) or 'friedman_mse' (Friedman's improvement score). */
  criterion: 'squared_error' | 'friedman_mse'
  /** 'best' (CART) or 'random' (one random threshold per drawn feature). */
  splitter: 'best' | 'random'
  /** Maximum depth; null grows until leaves are pure or too small. */
  maxDepth: number | null
  /** Minimum samples to split a node (integer, or a fraction of the training samples). */
  minSamplesSplit: number
  /** Minimum samples in each leaf (integer, or a fraction of the training samples). */
  minSamplesLeaf: number
  /** Features drawn per split: null (all), an integer, a fraction in (0, 1), 'sqrt' or 'log2'. */
  maxFeatures: MaxFeatures
  /** A split must decrease the weighted impurity by at least this much. */
  minImpurityDecrease: number
  /** Seed for the feature permutation; undefined draws a fresh seed per fit. */
  randomState?: number | null
}

/** Fitted state of a DecisionTreeRegressor. */
export interface DecisionTreeRegressorState {
  nFeatures: number
  tree: TreeArrays
}

const DEFAULTS: DecisionTreeRegressorOptions = {
  ...TREE_GROWTH_DEFAULTS,
  criterion: 'squared_error',
  splitter: 'best',
  randomState: undefined,
}

/**
 * A CART decision tree regressor.
 * @example
 * const tree = new DecisionTreeRegressor({ maxDepth: 4, randomState: 0 }).fit(X, y)
 * tree.predict(Xtest) // Float64Array: the mean training target of each sample's leaf
 * tree.score(Xtest, ytest) // R²
 */
export class DecisionTreeRegressor extends BaseRegressor<
  DecisionTreeRegressorOptions,
  DecisionTreeRegressorState
> {
  readonly kind = 'DecisionTreeRegressor'

  constructor(options: Partial<DecisionTreeRegressorOptions> = {}) {
    super(DEFAULTS, options)
  }

  /** Grows the tree on (X, y), optionally weighting samples. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const spec = resolveTreeSpec(this.params, Xd.rows, Xd.cols, false, api)
    const seed = new Random(seedOf(this.params.randomState, api)).seed()
    const data = prepareTreeData(Xd, { yReg: yv }, sampleWeights(Xd.rows, sampleWeight, api))
    this.state = { nFeatures: Xd.cols, tree: buildTree(data, spec, seed) }
    return this
  }

  /** Mean training target of each sample's leaf. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const leaves = this.apply(X)
    const out = new Float64Array(leaves.length)
    for (let i = 0; i < leaves.length; i++) out[i] = s.tree.value[leaves[i] as number] as number
    return out
  }

  /**
   * scikit-learn's cost_complexity_pruning_path: grows an unpruned tree (these options with
   * ccpAlpha 0) and returns the effective alphas at which minimal cost-complexity pruning removes
   * nodes, with the total leaf impurity after each step. Use it to pick `ccpAlpha`.
   * @example
   * const { ccpAlphas } = new DecisionTreeRegressor({ randomState: 0 }).costComplexityPruningPath(X, y)
   */
  costComplexityPruningPath(
    X: MatrixLike,
    y: VectorLike,
    sampleWeight?: VectorLike,
  ): { ccpAlphas: Float64Array; impurities: Float64Array } {
    const full = this.clone().setParams({ ccpAlpha: 0 }).fit(X, y, sampleWeight)
    const s = full.fittedState('costComplexityPruningPath')
    return costComplexityPath(s.tree, 1)
  }

  /** Leaf (node id) reached by each sample. */
  apply(X: MatrixLike): Int32Array {
    const s = this.fittedState('apply')
    return applyToLeaves(s.tree, s.nFeatures, X, `${this.kind}.apply`)
  }

  /** Normalized impurity decrease contributed by each feature (sums to 1 unless the tree is a leaf). */
  get featureImportances(): Float64Array {
    const s = this.fittedState('featureImportances')
    return treeFeatureImportances(s.tree, s.nFeatures)
  }

  /** The fitted tree's flat arrays (node 0 is the root; leaves have feature -2). */
  get tree(): Readonly<TreeArrays> {
    return this.fittedState('tree').tree
  }

  /** Depth of the fitted tree (a single leaf has depth 0). */
  get depth(): number {
    return this.fittedState('depth').tree.maxDepth
  }

  /** Number of leaves of the fitted tree. */
  get nLeaves(): number {
    return countLeaves(this.fittedState('nLeaves').tree)
  }

  protected override decodeState(raw: unknown): DecisionTreeRegressorState {
    const api = `${this.kind}.fromJSON`
    const r = raw as Partial<DecisionTreeRegressorState> | null
    if (!r || typeof r.nFeatures !== 'number') {
      throw new ModelFormatError(`${api}: state must hold nFeatures and tree`)
    }
    return { nFeatures: r.nFeatures, tree: checkTreeArrays(r.tree, 1, r.nFeatures, api) }
  }
}

registerEstimator('DecisionTreeRegressor', (json) => DecisionTreeRegressor.fromJSON(json))
