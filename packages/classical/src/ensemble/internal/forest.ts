/**
 * What every tree ensemble shares: option checks, per-tree seeds, growing the trees (inline or on
 * worker threads), out-of-bag bookkeeping, averaged predictions and importances.
 */
import { ModelFormatError, ParameterError } from '../../errors.js'
import { Random } from '../../internal/random.js'
import { checkRange, type Dense } from '../../internal/validation.js'
import { type TreeArrays, type TreeData, treeSampleWeights } from '../../tree/internal/buildTree.js'
import {
  resolveTreeSpec,
  seedOf,
  TREE_GROWTH_DEFAULTS,
  type TreeGrowthOptions,
} from '../../tree/internal/resolveTreeSpec.js'
import { applyTree, checkTreeArrays, treeFeatureImportances } from '../../tree/internal/treeOps.js'
import { growTrees, resolveNJobs } from './treeWorkers.js'

/** Options shared by every forest (scikit-learn's names in camelCase). */
export interface ForestOptions extends TreeGrowthOptions {
  /** Number of trees; default 100. */
  nEstimators: number
  /** Grow each tree on a bootstrap sample (drawn with replacement). */
  bootstrap: boolean
  /** Compute the out-of-bag score after fit (needs bootstrap). */
  oobScore: boolean
  /** Bootstrap sample size: null (n samples), an integer, or a fraction in (0, 1]. */
  maxSamples: number | null
  /** Threads used to grow trees: 1 inline (default), n, or -1 for every core. */
  nJobs: number
  /** Seed of the whole forest; undefined draws a fresh one per fit. */
  randomState?: number | null
}

/** scikit-learn's defaults shared by every forest; each forest adds criterion and bootstrap. */
export const FOREST_DEFAULTS: Omit<ForestOptions, 'bootstrap'> = {
  ...TREE_GROWTH_DEFAULTS,
  nEstimators: 100,
  oobScore: false,
  maxSamples: null,
  nJobs: 1,
  randomState: undefined,
}

/** Result of growing a forest. */
export interface GrownForest {
  trees: TreeArrays[]
  seeds: number[]
  nDraws: number
}

/**
 * The growth options a forest hands to each of its trees, for the single-tree estimators that
 * `estimators` wraps around the fitted arrays.
 */
export function treeOptionsOf<C extends string>(
  o: ForestOptions & { criterion: C },
  splitter: 'best' | 'random',
): TreeGrowthOptions & { criterion: C; splitter: 'best' | 'random' } {
  return {
    criterion: o.criterion,
    splitter,
    maxDepth: o.maxDepth,
    minSamplesSplit: o.minSamplesSplit,
    minSamplesLeaf: o.minSamplesLeaf,
    maxFeatures: o.maxFeatures,
    minImpurityDecrease: o.minImpurityDecrease,
    maxLeafNodes: o.maxLeafNodes,
    ccpAlpha: o.ccpAlpha,
  }
}

/** Checks forest options and grows the trees on prepared data. */
export function growForest(
  o: ForestOptions & { criterion: string },
  data: TreeData,
  classifier: boolean,
  splitter: 'best' | 'random',
  api: string,
): GrownForest {
  const n = data.nSamples
  const nEstimators = checkRange(o.nEstimators, 'nEstimators', api, 1, 1e7, { integer: true })
  if (o.oobScore && !o.bootstrap) {
    throw new ParameterError(`${api}: option oobScore = true needs bootstrap = true`)
  }
  let nDraws = n
  if (o.maxSamples !== null && o.maxSamples !== undefined) {
    if (!o.bootstrap) {
      throw new ParameterError(`${api}: option maxSamples needs bootstrap = true`)
    }
    if (Number.isInteger(o.maxSamples) && o.maxSamples > 1) {
      nDraws = checkRange(o.maxSamples, 'maxSamples', api, 1, n, { integer: true })
    } else {
      const frac = checkRange(o.maxSamples, 'maxSamples', api, 0, 1, { loOpen: true })
      nDraws = Math.max(1, Math.round(frac * n))
    }
  }
  const spec = resolveTreeSpec({ ...o, splitter }, n, data.nFeatures, classifier, api, {
    bootstrap: o.bootstrap,
    nDraws,
  })
  const rng = new Random(seedOf(o.randomState, api))
  const seeds: number[] = []
  for (let t = 0; t < nEstimators; t++) seeds.push(rng.seed())
  const trees = growTrees(data, spec, seeds, resolveNJobs(o.nJobs, api))
  return { trees, seeds, nDraws }
}

const normalizedCache = new WeakMap<TreeArrays, Float64Array>()

/** Leaf class fractions of a classification tree (cached per tree). */
function leafProba(tree: TreeArrays, k: number): Float64Array {
  let p = normalizedCache.get(tree)
  if (!p) {
    p = new Float64Array(tree.value.length)
    for (let node = 0; node < tree.nodeCount; node++) {
      let s = 0
      for (let j = 0; j < k; j++) s += tree.value[node * k + j] as number
      for (let j = 0; j < k; j++) p[node * k + j] = (tree.value[node * k + j] as number) / s
    }
    normalizedCache.set(tree, p)
  }
  return p
}

/** Mean of the trees' class fractions, row-major rows x k. */
export function forestProba(
  trees: TreeArrays[],
  k: number,
  X: Float32Array,
  rows: number,
  cols: number,
): Float64Array {
  const out = new Float64Array(rows * k)
  for (const tree of trees) {
    const p = leafProba(tree, k)
    const leaves = applyTree(tree, X, rows, cols)
    for (let i = 0; i < rows; i++) {
      const src = (leaves[i] as number) * k
      const dst = i * k
      for (let j = 0; j < k; j++) out[dst + j] += p[src + j] as number
    }
  }
  const inv = 1 / trees.length
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * inv
  return out
}

/** Mean of the trees' predictions (regression). */
export function forestMean(
  trees: TreeArrays[],
  X: Float32Array,
  rows: number,
  cols: number,
): Float64Array {
  const out = new Float64Array(rows)
  for (const tree of trees) {
    const leaves = applyTree(tree, X, rows, cols)
    for (let i = 0; i < rows; i++) out[i] += tree.value[leaves[i] as number] as number
  }
  for (let i = 0; i < rows; i++) out[i] = (out[i] as number) / trees.length
  return out
}

/**
 * Out-of-bag predictions: each training sample averaged over the trees whose bootstrap left it
 * out (scikit-learn's oob_decision_function_ / oob_prediction_; never-out samples get zeros).
 */
export function outOfBag(
  grown: GrownForest,
  spec: { bootstrap: boolean; nDraws: number },
  X32: Float32Array,
  Xd: Dense,
  stride: number,
  classifier: boolean,
): Float64Array {
  const n = Xd.rows
  const sums = new Float64Array(n * stride)
  const counts = new Float64Array(n)
  const rowsIdx: number[] = []
  for (let t = 0; t < grown.trees.length; t++) {
    const tree = grown.trees[t] as TreeArrays
    const w = treeSampleWeights(grown.seeds[t] as number, n, spec.bootstrap, spec.nDraws)
    rowsIdx.length = 0
    for (let i = 0; i < n; i++) if (w[i] === 0) rowsIdx.push(i)
    const p = classifier ? leafProba(tree, stride) : tree.value
    for (const i of rowsIdx) {
      let node = 0
      while ((tree.left[node] as number) !== -1) {
        node =
          (X32[i * Xd.cols + (tree.feature[node] as number)] as number) <=
          (tree.threshold[node] as number)
            ? (tree.left[node] as number)
            : (tree.right[node] as number)
      }
      for (let j = 0; j < stride; j++) sums[i * stride + j] += p[node * stride + j] as number
      counts[i] += 1
    }
  }
  for (let i = 0; i < n; i++) {
    const c = (counts[i] as number) || 1
    for (let j = 0; j < stride; j++) sums[i * stride + j] = (sums[i * stride + j] as number) / c
  }
  return sums
}

/** Mean of per-tree normalized importances over non-trivial trees, normalized to sum to 1. */
export function forestImportances(trees: TreeArrays[], nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures)
  let used = 0
  for (const tree of trees) {
    if (tree.nodeCount <= 1) continue
    const imp = treeFeatureImportances(tree, nFeatures)
    for (let f = 0; f < nFeatures; f++) out[f] += imp[f] as number
    used++
  }
  if (used === 0) return out
  let total = 0
  for (let f = 0; f < nFeatures; f++) total += out[f] as number
  if (total > 0) for (let f = 0; f < nFeatures; f++) out[f] = (out[f] as number) / total
  return out
}

/** Validates the decoded trees of a forest. */
export function checkForestTrees(
  raw: unknown,
  stride: number,
  nFeatures: number,
  api: string,
): TreeArrays[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ModelFormatError(`${api}: state.trees must be a non-empty array of trees`)
  }
  return raw.map((t) => checkTreeArrays(t, stride, nFeatures, api))
}
