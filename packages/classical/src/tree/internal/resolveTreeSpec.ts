/**
 * Checks the tree-growing options shared by decision trees and forests and resolves them, for a
 * given training set, into the kernel's numeric TreeSpec (scikit-learn 1.2's rules: fractions of
 * samples are rounded up, `maxFeatures` 'sqrt' / 'log2' / fraction / count, and
 * `minSamplesSplit` is at least twice `minSamplesLeaf`).
 */
import { ParameterError } from '../../errors.js'
import { checkOneOf, checkRange } from '../../internal/validation.js'
import type { TreeSpec } from './buildTree.js'

/** How many features each split looks at. */
export type MaxFeatures = number | 'sqrt' | 'log2' | null

/** Growth options common to every tree-based estimator. */
export interface TreeGrowthOptions {
  maxDepth: number | null
  minSamplesSplit: number
  minSamplesLeaf: number
  maxFeatures: MaxFeatures
  minImpurityDecrease: number
  /** Grow best-first up to this many leaves; null (default) grows depth-first without a limit. */
  maxLeafNodes?: number | null
  /** Minimal cost-complexity pruning strength (scikit-learn's ccp_alpha); 0 (default) prunes nothing. */
  ccpAlpha?: number
}

/** scikit-learn's defaults of the growth options (forest classifiers override maxFeatures). */
export const TREE_GROWTH_DEFAULTS: Required<TreeGrowthOptions> = {
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: null,
  minImpurityDecrease: 0,
  maxLeafNodes: null,
  ccpAlpha: 0,
}

const CRITERIA: Record<string, number> = {
  gini: 0,
  entropy: 1,
  log_loss: 1,
  squared_error: 2,
  friedman_mse: 3,
}

/** Resolves options into a TreeSpec for `nSamples` x `nFeatures` data. */
export function resolveTreeSpec(
  o: TreeGrowthOptions & { criterion: string; splitter?: string },
  nSamples: number,
  nFeatures: number,
  classifier: boolean,
  api: string,
  sampling: { bootstrap: boolean; nDraws: number } = { bootstrap: false, nDraws: nSamples },
): TreeSpec {
  const criterion = checkOneOf(
    o.criterion,
    'criterion',
    api,
    classifier ? ['gini', 'entropy', 'log_loss'] : ['squared_error', 'friedman_mse'],
  )
  const splitter = checkOneOf(o.splitter ?? 'best', 'splitter', api, ['best', 'random'])
  let maxDepth = 2147483647
  if (o.maxDepth !== null && o.maxDepth !== undefined) {
    maxDepth = checkRange(o.maxDepth, 'maxDepth', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
  }
  const mss = o.minSamplesSplit
  let minSamplesSplit: number
  if (Number.isInteger(mss)) {
    minSamplesSplit = checkRange(mss, 'minSamplesSplit', api, 2, Number.POSITIVE_INFINITY)
  } else {
    const frac = checkRange(mss, 'minSamplesSplit', api, 0, 1, { loOpen: true })
    minSamplesSplit = Math.max(2, Math.ceil(frac * nSamples))
  }
  const msl = o.minSamplesLeaf
  let minSamplesLeaf: number
  if (Number.isInteger(msl)) {
    minSamplesLeaf = checkRange(msl, 'minSamplesLeaf', api, 1, Number.POSITIVE_INFINITY)
  } else {
    const frac = checkRange(msl, 'minSamplesLeaf', api, 0, 1, { loOpen: true, hiOpen: true })
    minSamplesLeaf = Math.ceil(frac * nSamples)
  }
  const minImpurityDecrease = checkRange(
    o.minImpurityDecrease,
    'minImpurityDecrease',
    api,
    0,
    Number.POSITIVE_INFINITY,
  )
  let maxLeafNodes = 0
  if (o.maxLeafNodes !== null && o.maxLeafNodes !== undefined) {
    maxLeafNodes = checkRange(o.maxLeafNodes, 'maxLeafNodes', api, 2, Number.POSITIVE_INFINITY, {
      integer: true,
    })
  }
  return {
    criterion: CRITERIA[criterion] as number,
    splitter: splitter === 'random' ? 1 : 0,
    maxDepth,
    minSamplesSplit: Math.max(minSamplesSplit, 2 * minSamplesLeaf),
    minSamplesLeaf,
    maxFeatures: resolveMaxFeatures(o.maxFeatures, nFeatures, api),
    minImpurityDecrease,
    maxLeafNodes,
    ccpAlpha: checkRange(o.ccpAlpha ?? 0, 'ccpAlpha', api, 0, Number.POSITIVE_INFINITY),
    bootstrap: sampling.bootstrap,
    nDraws: sampling.nDraws,
  }
}

/** The number of features drawn per split. */
export function resolveMaxFeatures(m: MaxFeatures, nFeatures: number, api: string): number {
  if (m === null || m === undefined) return nFeatures
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)))
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(nFeatures)))
  if (typeof m === 'number' && Number.isInteger(m) && m >= 1) {
    if (m > nFeatures) {
      throw new ParameterError(
        `${api}: option maxFeatures = ${m} but X has ${nFeatures} features; expected at most ${nFeatures}`,
      )
    }
    return m
  }
  if (typeof m === 'number' && m > 0 && m < 1) return Math.max(1, Math.floor(m * nFeatures))
  throw new ParameterError(
    `${api}: option maxFeatures = ${JSON.stringify(m)}; expected an integer >= 1, a fraction in (0, 1), 'sqrt', 'log2' or null`,
  )
}

/** A per-fit seed source: the given randomState, or a fresh random one (like scikit-learn's None). */
export function seedOf(randomState: number | null | undefined, api: string): number | undefined {
  if (randomState === null || randomState === undefined) return undefined
  return checkRange(randomState, 'randomState', api, 0, 2 ** 32 - 1, { integer: true })
}
