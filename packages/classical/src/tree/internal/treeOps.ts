/**
 * Operations on fitted trees (flat TreeArrays): routing samples to leaves, impurity-based
 * feature importances, and checking arrays revived from JSON before they are trusted.
 */
import { ModelFormatError } from '../../errors.js'
import { type Dense, type MatrixLike, toDenseFitted } from '../../internal/validation.js'
import { pruneTree, type TreeArrays } from './buildTree.js'

/** Row-major float32 copy of X: trees compare float32 features, as scikit-learn does. */
export function toFloat32(X: Dense): Float32Array {
  return Float32Array.from(X.data)
}

/** Leaf id reached by every row of X (row-major float32, `cols` features). */
export function applyTree(
  tree: TreeArrays,
  X: Float32Array,
  rows: number,
  cols: number,
): Int32Array {
  const out = new Int32Array(rows)
  const left = tree.left
  const right = tree.right
  const feature = tree.feature
  const threshold = tree.threshold
  for (let i = 0; i < rows; i++) {
    const off = i * cols
    let node = 0
    let l = left[node] as number
    while (l !== -1) {
      node =
        (X[off + (feature[node] as number)] as number) <= (threshold[node] as number)
          ? l
          : (right[node] as number)
      l = left[node] as number
    }
    out[i] = node
  }
  return out
}

/** Checks X against the fitted feature count; returns it as row-major float32 with its shape. */
export function toCheckedFloat32(
  X: MatrixLike,
  nFeatures: number,
  api: string,
): { X32: Float32Array; rows: number; cols: number } {
  const Xd = toDenseFitted(X, nFeatures, api)
  return { X32: toFloat32(Xd), rows: Xd.rows, cols: Xd.cols }
}

/** Checks X against the fitted feature count and returns the leaf id each row reaches. */
export function applyToLeaves(
  tree: TreeArrays,
  nFeatures: number,
  X: MatrixLike,
  api: string,
): Int32Array {
  const { X32, rows, cols } = toCheckedFloat32(X, nFeatures, api)
  return applyTree(tree, X32, rows, cols)
}

/** Number of leaves (nodes without children) of a fitted tree. */
export function countLeaves(tree: TreeArrays): number {
  let c = 0
  for (let i = 0; i < tree.nodeCount; i++) if (tree.left[i] === -1) c++
  return c
}

/**
 * The effective alphas and total leaf impurities of minimal cost-complexity pruning, run to the
 * root on an unpruned tree (scikit-learn's cost_complexity_pruning_path). `valueStride` is the
 * number of values per node (classes for a classifier, 1 for a regressor).
 */
export function costComplexityPath(
  tree: TreeArrays,
  valueStride: number,
): { ccpAlphas: Float64Array; impurities: Float64Array } {
  const path = { alphas: [] as number[], impurities: [] as number[] }
  pruneTree(tree, valueStride, Number.POSITIVE_INFINITY, path)
  return {
    ccpAlphas: Float64Array.from(path.alphas),
    impurities: Float64Array.from(path.impurities),
  }
}

/**
 * Normalized total impurity decrease per feature (scikit-learn's feature_importances_):
 * `Σ w·imp − wL·impL − wR·impR` over the feature's splits, scaled to sum to 1.
 */
export function treeFeatureImportances(tree: TreeArrays, nFeatures: number): Float64Array {
  const imp = new Float64Array(nFeatures)
  const w = tree.weightedNNodeSamples
  const im = tree.impurity
  for (let node = 0; node < tree.nodeCount; node++) {
    const l = tree.left[node] as number
    if (l === -1) continue
    const r = tree.right[node] as number
    imp[tree.feature[node] as number] +=
      (w[node] as number) * (im[node] as number) -
      (w[l] as number) * (im[l] as number) -
      (w[r] as number) * (im[r] as number)
  }
  let total = 0
  for (let f = 0; f < nFeatures; f++) {
    imp[f] = (imp[f] as number) / (w[0] as number)
    total += imp[f] as number
  }
  if (total > 0) for (let f = 0; f < nFeatures; f++) imp[f] = (imp[f] as number) / total
  return imp
}

/** Validates decoded tree arrays (types, lengths, child links, features) or throws ModelFormatError. */
export function checkTreeArrays(
  raw: unknown,
  valueStride: number,
  nFeatures: number,
  api: string,
): TreeArrays {
  const fail = (what: string): never => {
    throw new ModelFormatError(`${api}: malformed tree in state: ${what}`)
  }
  if (raw === null || typeof raw !== 'object') return fail('expected an object')
  const t = raw as Record<string, unknown>
  const n = t.nodeCount
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return fail('nodeCount')
  if (typeof t.maxDepth !== 'number') return fail('maxDepth')
  const ints = ['left', 'right', 'feature', 'nNodeSamples'] as const
  const floats = ['threshold', 'impurity', 'weightedNNodeSamples'] as const
  for (const k of ints) {
    if (!(t[k] instanceof Int32Array) || (t[k] as Int32Array).length !== n) {
      fail(`${k} must be an Int32Array of ${n} values`)
    }
  }
  for (const k of floats) {
    if (!(t[k] instanceof Float64Array) || (t[k] as Float64Array).length !== n) {
      fail(`${k} must be a Float64Array of ${n} values`)
    }
  }
  if (!(t.value instanceof Float64Array) || t.value.length !== n * valueStride) {
    fail(`value must be a Float64Array of ${n * valueStride} values`)
  }
  const tree = t as unknown as TreeArrays
  for (let i = 0; i < n; i++) {
    const l = tree.left[i] as number
    const r = tree.right[i] as number
    if (l === -1 && r === -1) continue
    const f = tree.feature[i] as number
    // Preorder ids: children always come after their parent, so routing cannot loop.
    if (l <= i || r <= i || l >= n || r >= n || f < 0 || f >= nFeatures) {
      fail(`node ${i} has children ${l}/${r} and feature ${f}`)
    }
  }
  return tree
}
