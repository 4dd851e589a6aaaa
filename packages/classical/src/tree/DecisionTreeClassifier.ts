/**
 * DecisionTreeClassifier: CART classification trees with scikit-learn 1.2's algorithm and
 * options (gini / entropy, depth and leaf-size limits, random feature subsets per split).
 */
import { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../base/BaseClassifier.js'
import { ModelFormatError } from '../errors.js'
import { Random } from '../internal/random.js'
import {
  checkXyDense,
  encodeLabels,
  type MatrixLike,
  type VectorLike,
} from '../internal/validation.js'
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
import { type ClassWeight, sampleWeights } from './internal/sampleWeights.js'
import {
  applyToLeaves,
  checkTreeArrays,
  costComplexityPath,
  countLeaves,
  treeFeatureImportances,
} from './internal/treeOps.js'

/** Options of DecisionTreeClassifier (scikit-learn's names in camelCase). */
export interface DecisionTreeClassifierOptions extends TreeGrowthOptions {
  /** Split quality: 'gini' (default), 'entropy' or its alias 'log_loss'. */
  criterion: 'gini' | 'entropy' | 'log_loss'
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
  /** Class weights: null (all 1), 'balanced' (inversely proportional to class frequency) or { label: weight }. */
  classWeight?: ClassWeight
}

/** Fitted state of a DecisionTreeClassifier. */
export interface DecisionTreeClassifierState {
  classes: Float64Array
  nFeatures: number
  tree: TreeArrays
}

const DEFAULTS: DecisionTreeClassifierOptions = {
  ...TREE_GROWTH_DEFAULTS,
  criterion: 'gini',
  splitter: 'best',
  randomState: undefined,
  classWeight: null,
}

/**
 * A CART decision tree classifier.
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 }).fit(X, y)
 * tree.predict(Xtest)            // Float64Array of labels
 * tree.predictProba(Xtest)       // Matrix, one column per class
 * console.log(exportText(tree, { featureNames }))
 */
export class DecisionTreeClassifier extends BaseClassifier<
  DecisionTreeClassifierOptions,
  DecisionTreeClassifierState
> {
  readonly kind = 'DecisionTreeClassifier'

  constructor(options: Partial<DecisionTreeClassifierOptions> = {}) {
    super(DEFAULTS, options)
  }

  /** Grows the tree on (X, y), optionally weighting samples; labels may be any numbers. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(yv, api)
    const spec = resolveTreeSpec(this.params, Xd.rows, Xd.cols, true, api)
    const seed = new Random(seedOf(this.params.randomState, api)).seed()
    const weights = sampleWeights(Xd.rows, sampleWeight, api, {
      classes,
      encoded,
      classWeight: this.params.classWeight,
    })
    const data = prepareTreeData(Xd, { yClass: encoded, nClasses: classes.length }, weights)
    this.state = { classes, nFeatures: Xd.cols, tree: buildTree(data, spec, seed) }
    return this
  }

  /** Most frequent training class in each sample's leaf. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const proba = this.leafValues(X, 'predict')
    const k = s.classes.length
    const out = new Float64Array(proba.rows)
    for (let i = 0; i < proba.rows; i++) {
      let best = 0
      for (let j = 1; j < k; j++) if (proba.counts[i * k + j] > proba.counts[i * k + best]) best = j
      out[i] = s.classes[best] as number
    }
    return out
  }

  /** Class fractions in each sample's leaf (columns follow `classes`). */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    const { counts, rows } = this.leafValues(X, 'predictProba')
    const k = s.classes.length
    const P = new Matrix(rows, k)
    for (let i = 0; i < rows; i++) {
      let total = 0
      for (let j = 0; j < k; j++) total += counts[i * k + j] as number
      for (let j = 0; j < k; j++) P.set(i, j, (counts[i * k + j] as number) / total)
    }
    return P
  }

  /**
   * scikit-learn's cost_complexity_pruning_path: grows an unpruned tree (these options with
   * ccpAlpha 0) and returns the effective alphas at which minimal cost-complexity pruning removes
   * nodes, with the total leaf impurity after each step. Use it to pick `ccpAlpha`.
   * @example
   * const { ccpAlphas } = new DecisionTreeClassifier({ randomState: 0 }).costComplexityPruningPath(X, y)
   */
  costComplexityPruningPath(
    X: MatrixLike,
    y: VectorLike,
    sampleWeight?: VectorLike,
  ): { ccpAlphas: Float64Array; impurities: Float64Array } {
    const full = this.clone().setParams({ ccpAlpha: 0 }).fit(X, y, sampleWeight)
    const s = full.fittedState('costComplexityPruningPath')
    return costComplexityPath(s.tree, s.classes.length)
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

  private leafValues(X: MatrixLike, method: string): { counts: Float64Array; rows: number } {
    const s = this.fittedState(method)
    const api = `${this.kind}.${method}`
    const leaves = applyToLeaves(s.tree, s.nFeatures, X, api)
    const k = s.classes.length
    const counts = new Float64Array(leaves.length * k)
    for (let i = 0; i < leaves.length; i++) {
      counts.set(s.tree.value.subarray(leaves[i] * k, leaves[i] * k + k), i * k)
    }
    return { counts, rows: leaves.length }
  }

  protected override decodeState(raw: unknown): DecisionTreeClassifierState {
    const api = `${this.kind}.fromJSON`
    const r = raw as Partial<DecisionTreeClassifierState> | null
    if (!r || !(r.classes instanceof Float64Array) || typeof r.nFeatures !== 'number') {
      throw new ModelFormatError(`${api}: state must hold classes (Float64Array) and nFeatures`)
    }
    return {
      classes: r.classes,
      nFeatures: r.nFeatures,
      tree: checkTreeArrays(r.tree, r.classes.length, r.nFeatures, api),
    }
  }
}

registerEstimator('DecisionTreeClassifier', (json) => DecisionTreeClassifier.fromJSON(json))
