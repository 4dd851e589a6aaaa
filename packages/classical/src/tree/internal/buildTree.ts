/**
 * The CART kernel: grows one decision tree the way scikit-learn 1.2's DepthFirstTreeBuilder with
 * BestSplitter / RandomSplitter does (same stopping rules, same constant-feature bookkeeping,
 * same midpoint thresholds, same impurity formulas), returning it as flat typed arrays.
 *
 * Speed comes from working on per-feature value ranks instead of raw values: a node's samples
 * are binned by rank (a counting pass, no sort) whenever the feature has few distinct values
 * relative to the node size, and radix-sorted by rank otherwise. Both visit the
 * same candidate thresholds as scikit-learn's sort-and-scan, so the chosen splits are the same.
 *
 * This module is deliberately self-contained: no imports, no module-level state, and every
 * helper a top-level function listed in KERNEL_FUNCTIONS. Forests ship the functions' source
 * text to worker threads (see ensemble/internal/treeWorkers.ts), which is what lets training use
 * several cores both from the compiled package and when tests run the TypeScript source.
 */

/** Training data prepared once per fit and shared by every tree (and every worker). */
export interface TreeData {
  nSamples: number
  nFeatures: number
  /** `ranks[f * nSamples + i]`: rank of sample i's float32 value among feature f's distinct values. */
  ranks: Int32Array
  /** Distinct sorted float32 values of every feature, concatenated (feature f from `valueOffsets[f]`). */
  values: Float64Array
  valueOffsets: Int32Array
  /** Classification: class index 0..nClasses-1 per sample (empty for regression). */
  yClass: Int32Array
  nClasses: number
  /** Regression targets (empty for classification). */
  yReg: Float64Array
  /** Per-sample weights (sample and class weights combined); empty means all ones. */
  sampleWeight: Float64Array
}

/** Resolved growth options (numbers only, so the object crosses thread boundaries as is). */
export interface TreeSpec {
  /** 0 gini, 1 entropy (log base 2, as scikit-learn), 2 squared error, 3 friedman_mse. */
  criterion: number
  /** 0 best split (CART), 1 random threshold per feature (extremely randomized trees). */
  splitter: number
  /** Maximum depth; use a huge number for unlimited. */
  maxDepth: number
  minSamplesSplit: number
  minSamplesLeaf: number
  /** Number of features drawn per node (1..nFeatures). */
  maxFeatures: number
  minImpurityDecrease: number
  /** Grow best-first up to this many leaves (scikit-learn's max_leaf_nodes); 0 = depth-first, unlimited. */
  maxLeafNodes: number
  /** Minimal cost-complexity pruning strength (scikit-learn's ccp_alpha); 0 = no pruning. */
  ccpAlpha: number
  /** Draw `nDraws` bootstrap samples with replacement (as sample weights) before growing. */
  bootstrap: boolean
  nDraws: number
}

/** A fitted tree as parallel arrays indexed by node id (preorder, root = 0). */
export interface TreeArrays {
  nodeCount: number
  maxDepth: number
  /** Child ids; -1 for leaves. */
  left: Int32Array
  right: Int32Array
  /** Split feature; -2 for leaves (scikit-learn's TREE_UNDEFINED). */
  feature: Int32Array
  /** Go left when `x[feature] <= threshold` (x cast to float32); -2 for leaves. */
  threshold: Float64Array
  impurity: Float64Array
  nNodeSamples: Int32Array
  weightedNNodeSamples: Float64Array
  /** Per node: weighted class counts (classification, nClasses each) or the mean (regression). */
  value: Float64Array
}

/** Mutable working state of one tree build. */
interface Ctx {
  data: TreeData
  spec: TreeSpec
  rng: Uint32Array
  k: number
  isClass: boolean
  weights: Float64Array
  samples: Int32Array
  features: Int32Array
  constantFeatures: Int32Array
  weightedNSamples: number
  // per-node totals
  sumTotal: Float64Array
  sumLeft: Float64Array
  sumRight: Float64Array
  wNode: number
  sumY: number
  sqY: number
  // scratch
  histW: Float64Array
  histN: Int32Array
  histS: Float64Array
  sortR: Int32Array
  sortI: Int32Array
  sortR2: Int32Array
  sortI2: Int32Array
  radixCount: Int32Array
  // best split of the current node
  bestProxy: number
  bestFeature: number
  bestRank: number
  bestThreshold: number
  bestPos: number
  nLeftBest: number
  improvement: number
  impurityLeft: number
  impurityRight: number
  nConstantOut: number
  minSplit: number
  nodeIsLeaf: boolean
  // output arrays (grown on demand)
  cap: number
  count: number
  left: Int32Array
  right: Int32Array
  feature: Int32Array
  threshold: Float64Array
  impurity: Float64Array
  nNodeSamples: Int32Array
  wNodeSamples: Float64Array
  value: Float64Array
}

/** xoshiro128** seeded through splitmix32: the same generator as internal/random.ts. */
export function rngCreate(seed: number): Uint32Array {
  let x = Math.floor(seed) >>> 0
  const s = new Uint32Array(4)
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0
    let z = x
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    s[i] = (z ^ (z >>> 16)) >>> 0
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1
  return s
}

/** Next raw 32-bit unsigned integer. */
export function rngUint32(s: Uint32Array): number {
  const s0 = s[0]
  const s1 = s[1]
  const m = Math.imul(s1, 5)
  const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0
  const t = s1 << 9
  let s2 = s[2] ^ s0
  let s3 = s[3] ^ s1
  const n1 = s1 ^ s2
  const n0 = s0 ^ s3
  s2 ^= t
  s3 = (s3 << 11) | (s3 >>> 21)
  s[0] = n0
  s[1] = n1
  s[2] = s2
  s[3] = s3
  return r
}

/** Uniform double in [0, 1) with 53 random bits. */
export function rngNext(s: Uint32Array): number {
  const hi = rngUint32(s) >>> 5
  const lo = rngUint32(s) >>> 6
  return (hi * 67108864 + lo) / 9007199254740992
}

/** Uniform integer in [low, high). */
export function rngInt(s: Uint32Array, low: number, high: number): number {
  return low + Math.floor(rngNext(s) * (high - low))
}

/**
 * Bootstrap sample weights of a tree: `nDraws` draws with replacement, as counts. The forest
 * recomputes these from the tree seed for out-of-bag scoring, so they are drawn first.
 */
export function drawBootstrap(rng: Uint32Array, nSamples: number, nDraws: number): Float64Array {
  const w = new Float64Array(nSamples)
  for (let d = 0; d < nDraws; d++) w[rngInt(rng, 0, nSamples)] += 1
  return w
}

/** Bootstrap weights of the tree grown from `seed` (all ones without bootstrap). */
export function treeSampleWeights(
  seed: number,
  nSamples: number,
  bootstrap: boolean,
  nDraws: number,
): Float64Array {
  if (!bootstrap) return new Float64Array(nSamples).fill(1)
  return drawBootstrap(rngCreate(seed), nSamples, nDraws)
}

function growNodes(ctx: Ctx): void {
  const cap = ctx.cap * 2
  const vs = ctx.isClass ? ctx.k : 1
  const grow32 = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap)
    b.set(a)
    return b
  }
  const grow64 = (a: Float64Array, stride: number): Float64Array => {
    const b = new Float64Array(cap * stride)
    b.set(a)
    return b
  }
  ctx.left = grow32(ctx.left)
  ctx.right = grow32(ctx.right)
  ctx.feature = grow32(ctx.feature)
  ctx.nNodeSamples = grow32(ctx.nNodeSamples)
  ctx.threshold = grow64(ctx.threshold, 1)
  ctx.impurity = grow64(ctx.impurity, 1)
  ctx.wNodeSamples = grow64(ctx.wNodeSamples, 1)
  ctx.value = grow64(ctx.value, vs)
  ctx.cap = cap
}

/** Totals of the node's samples: class weights (sumTotal) or sum / sum of squares of y. */
function nodeTotals(ctx: Ctx, start: number, end: number): void {
  const samples = ctx.samples
  const w = ctx.weights
  let wn = 0
  if (ctx.isClass) {
    const st = ctx.sumTotal
    st.fill(0)
    const y = ctx.data.yClass
    for (let p = start; p < end; p++) {
      const i = samples[p]
      const wi = w[i]
      st[y[i]] += wi
      wn += wi
    }
  } else {
    const y = ctx.data.yReg
    let s = 0
    let q = 0
    for (let p = start; p < end; p++) {
      const i = samples[p]
      const wi = w[i]
      const yi = y[i]
      s += wi * yi
      q += wi * yi * yi
      wn += wi
    }
    ctx.sumY = s
    ctx.sqY = q
  }
  ctx.wNode = wn
}

/** Impurity of class weights `c` (total weight `wt`), as scikit-learn's Gini / Entropy. */
function classImpurity(c: Float64Array, k: number, wt: number, criterion: number): number {
  if (criterion === 0) {
    let sq = 0
    for (let j = 0; j < k; j++) sq += c[j] * c[j]
    return 1 - sq / (wt * wt)
  }
  let e = 0
  for (let j = 0; j < k; j++) {
    const cj = c[j]
    if (cj > 0) {
      const p = cj / wt
      e -= p * (Math.log(p) / Math.LN2)
    }
  }
  return e
}

/** Impurity of the current node from its totals. */
function nodeImpurity(ctx: Ctx): number {
  if (ctx.isClass) return classImpurity(ctx.sumTotal, ctx.k, ctx.wNode, ctx.spec.criterion)
  const mean = ctx.sumY / ctx.wNode
  return ctx.sqY / ctx.wNode - mean * mean
}

/**
 * Classification proxy of a candidate split with left weights in ctx.sumLeft: larger is better,
 * same argmax as the impurity improvement. Gini uses `ΣcL²/wL + ΣcR²/wR` (what
 * `-wR·giniR - wL·giniL` equals up to the constant node weight), which the sorted scan updates
 * in O(1) per sample; entropy uses scikit-learn's `-wR·entR - wL·entL`.
 */
function classProxy(ctx: Ctx, wL: number): number {
  const k = ctx.k
  const sl = ctx.sumLeft
  const st = ctx.sumTotal
  const wR = ctx.wNode - wL
  if (ctx.spec.criterion === 0) {
    let sqL = 0
    let sqR = 0
    for (let j = 0; j < k; j++) {
      const l = sl[j]
      const r = st[j] - l
      sqL += l * l
      sqR += r * r
    }
    return sqL / wL + sqR / wR
  }
  const sr = ctx.sumRight
  for (let j = 0; j < k; j++) sr[j] = st[j] - sl[j]
  const impL = classImpurity(sl, k, wL, 1)
  const impR = classImpurity(sr, k, wR, 1)
  return -wR * impR - wL * impL
}

/**
 * Regression proxy of a candidate split with left sum `sL` and weight `wL`: scikit-learn's
 * `sL²/wL + sR²/wR` for squared error, `(wR·sL − wL·sR)² / (wL·wR)` for friedman_mse.
 */
function regressionProxy(ctx: Ctx, sL: number, wL: number): number {
  const wR = ctx.wNode - wL
  const sR = ctx.sumY - sL
  if (ctx.spec.criterion === 3) {
    const diff = wR * sL - wL * sR
    return (diff * diff) / (wL * wR)
  }
  return (sL * sL) / wL + (sR * sR) / wR
}

/** Records a candidate split if its proxy beats the node's best so far. */
function offerSplit(
  ctx: Ctx,
  proxy: number,
  f: number,
  rank: number,
  lo: number,
  hi: number,
  nLeft: number,
): void {
  if (proxy > ctx.bestProxy) {
    ctx.bestProxy = proxy
    ctx.bestFeature = f
    ctx.bestRank = rank
    // Sum of halves, as scikit-learn, to avoid overflow; fall back to the lower value when the
    // midpoint rounds up to the upper one.
    let t = lo / 2 + hi / 2
    if (t === hi || t === Number.POSITIVE_INFINITY || t === Number.NEGATIVE_INFINITY) t = lo
    ctx.bestThreshold = t
    ctx.nLeftBest = nLeft
  }
}

/**
 * Evaluates every threshold of feature f on the node by binning samples per rank. Returns false
 * when the feature is constant in the node.
 */
function scanHistogram(ctx: Ctx, f: number, start: number, end: number): boolean {
  const data = ctx.data
  const n = data.nSamples
  const off = f * n
  const ranks = data.ranks
  const vals = data.values
  const vOff = data.valueOffsets[f]
  const samples = ctx.samples
  const w = ctx.weights
  const histN = ctx.histN
  const histW = ctx.histW
  const k = ctx.k
  const isClass = ctx.isClass
  const msl = ctx.spec.minSamplesLeaf
  const nNode = end - start
  let minR = 2147483647
  let maxR = -1
  const d = data.valueOffsets[f + 1] - vOff
  if (isClass && d <= nNode) {
    // Few distinct values: find the occupied rank range afterwards (O(d)) instead of tracking
    // it per sample.
    const y = data.yClass
    for (let p = start; p < end; p++) {
      const i = samples[p]
      const r = ranks[off + i]
      histN[r]++
      histW[r * k + y[i]] += w[i]
    }
    minR = 0
    while (histN[minR] === 0) minR++
    maxR = d - 1
    while (histN[maxR] === 0) maxR--
  } else if (isClass) {
    const y = data.yClass
    for (let p = start; p < end; p++) {
      const i = samples[p]
      const r = ranks[off + i]
      histN[r]++
      histW[r * k + y[i]] += w[i]
      if (r < minR) minR = r
      if (r > maxR) maxR = r
    }
  } else {
    const y = data.yReg
    const histS = ctx.histS
    for (let p = start; p < end; p++) {
      const i = samples[p]
      const r = ranks[off + i]
      const wi = w[i]
      histN[r]++
      histW[r] += wi
      histS[r] += wi * y[i]
      if (r < minR) minR = r
      if (r > maxR) maxR = r
    }
  }
  if (vals[vOff + maxR] <= vals[vOff + minR] + 1e-7) {
    clearHistogram(ctx, minR, maxR)
    return false
  }
  let nLeft = 0
  let wL = 0
  let prev = -1
  if (isClass) {
    const sl = ctx.sumLeft
    sl.fill(0)
    for (let r = minR; r <= maxR; r++) {
      const cnt = histN[r]
      if (cnt === 0) continue
      if (prev >= 0) {
        const vPrev = vals[vOff + prev]
        const vCur = vals[vOff + r]
        if (vCur > vPrev + 1e-7 && nLeft >= msl && nNode - nLeft >= msl) {
          offerSplit(ctx, classProxy(ctx, wL), f, prev, vPrev, vCur, nLeft)
        }
      }
      const base = r * k
      for (let j = 0; j < k; j++) {
        const v = histW[base + j]
        sl[j] += v
        wL += v
        histW[base + j] = 0
      }
      nLeft += cnt
      histN[r] = 0
      prev = r
    }
  } else {
    const histS = ctx.histS
    let sL = 0
    for (let r = minR; r <= maxR; r++) {
      const cnt = histN[r]
      if (cnt === 0) continue
      if (prev >= 0) {
        const vPrev = vals[vOff + prev]
        const vCur = vals[vOff + r]
        if (vCur > vPrev + 1e-7 && nLeft >= msl && nNode - nLeft >= msl) {
          offerSplit(ctx, regressionProxy(ctx, sL, wL), f, prev, vPrev, vCur, nLeft)
        }
      }
      sL += histS[r]
      wL += histW[r]
      nLeft += cnt
      histN[r] = 0
      histW[r] = 0
      histS[r] = 0
      prev = r
    }
  }
  return true
}

function clearHistogram(ctx: Ctx, minR: number, maxR: number): void {
  const k = ctx.k
  if (ctx.isClass) {
    ctx.histN.fill(0, minR, maxR + 1)
    ctx.histW.fill(0, minR * k, (maxR + 1) * k)
  } else {
    ctx.histN.fill(0, minR, maxR + 1)
    ctx.histW.fill(0, minR, maxR + 1)
    ctx.histS.fill(0, minR, maxR + 1)
  }
}

/**
 * Sorts the node's (rank, sample) pairs of feature f by rank into ctx.sortR / ctx.sortI:
 * insertion sort for tiny nodes, else an LSD radix sort on 8-bit digits of the rank (one pass
 * per byte the node's largest rank needs), which beats comparison sorts from a few dozen samples.
 */
function sortByRank(ctx: Ctx, f: number, start: number, end: number): void {
  const n = ctx.data.nSamples
  const off = f * n
  const ranks = ctx.data.ranks
  const samples = ctx.samples
  let r1 = ctx.sortR
  let i1 = ctx.sortI
  const m = end - start
  let maxR = 0
  for (let p = 0; p < m; p++) {
    const i = samples[start + p]
    const r = ranks[off + i]
    r1[p] = r
    i1[p] = i
    if (r > maxR) maxR = r
  }
  if (m <= 32) {
    for (let a = 1; a < m; a++) {
      const r = r1[a]
      const i = i1[a]
      let b = a - 1
      while (b >= 0 && r1[b] > r) {
        r1[b + 1] = r1[b]
        i1[b + 1] = i1[b]
        b--
      }
      r1[b + 1] = r
      i1[b + 1] = i
    }
    return
  }
  let r2 = ctx.sortR2
  let i2 = ctx.sortI2
  const count = ctx.radixCount
  for (let shift = 0; shift < 32 && maxR >>> shift !== 0; shift += 8) {
    count.fill(0)
    for (let p = 0; p < m; p++) count[(r1[p] >>> shift) & 255]++
    let sum = 0
    for (let b = 0; b < 256; b++) {
      const c = count[b]
      count[b] = sum
      sum += c
    }
    for (let p = 0; p < m; p++) {
      const r = r1[p]
      const dst = count[(r >>> shift) & 255]++
      r2[dst] = r
      i2[dst] = i1[p]
    }
    const tr = r1
    r1 = r2
    r2 = tr
    const ti = i1
    i1 = i2
    i2 = ti
  }
  // Keep the sorted pair in sortR / sortI whichever buffers the passes ended in.
  ctx.sortR = r1
  ctx.sortI = i1
  ctx.sortR2 = r2
  ctx.sortI2 = i2
}

/**
 * Evaluates every threshold of feature f on the node from its samples sorted by rank; used when
 * the feature has many more distinct values than the node has samples.
 */
function scanSorted(ctx: Ctx, f: number, start: number, end: number): boolean {
  const data = ctx.data
  const vals = data.values
  const vOff = data.valueOffsets[f]
  const w = ctx.weights
  const msl = ctx.spec.minSamplesLeaf
  const m = end - start
  sortByRank(ctx, f, start, end)
  const sr = ctx.sortR
  const si = ctx.sortI
  const rFirst = sr[0]
  const rLast = sr[m - 1]
  if (vals[vOff + rLast] <= vals[vOff + rFirst] + 1e-7) return false
  let wL = 0
  let prevR = rFirst
  if (ctx.isClass && ctx.spec.criterion === 0) {
    // Gini: keep ΣcL² and ΣcR² current as each sample moves left (exact for integer weights,
    // so the proxy is bit-identical to classProxy's).
    const y = data.yClass
    const sl = ctx.sumLeft
    const st = ctx.sumTotal
    const wT = ctx.wNode
    sl.fill(0)
    let sqL = 0
    let sqR = 0
    for (let j = 0; j < ctx.k; j++) sqR += st[j] * st[j]
    for (let p = 0; p < m; p++) {
      const r = sr[p]
      const i = si[p]
      if (r !== prevR) {
        const vPrev = vals[vOff + prevR]
        const vCur = vals[vOff + r]
        if (vCur > vPrev + 1e-7 && p >= msl && m - p >= msl) {
          offerSplit(ctx, sqL / wL + sqR / (wT - wL), f, prevR, vPrev, vCur, p)
        }
        prevR = r
      }
      const wi = w[i]
      const c = y[i]
      const a = sl[c]
      const b = st[c] - a
      sqL += wi * (2 * a + wi)
      sqR += wi * (wi - 2 * b)
      sl[c] = a + wi
      wL += wi
    }
  } else if (ctx.isClass) {
    const y = data.yClass
    const sl = ctx.sumLeft
    sl.fill(0)
    for (let p = 0; p < m; p++) {
      const r = sr[p]
      const i = si[p]
      if (r !== prevR) {
        const vPrev = vals[vOff + prevR]
        const vCur = vals[vOff + r]
        if (vCur > vPrev + 1e-7 && p >= msl && m - p >= msl) {
          offerSplit(ctx, classProxy(ctx, wL), f, prevR, vPrev, vCur, p)
        }
        prevR = r
      }
      const wi = w[i]
      sl[y[i]] += wi
      wL += wi
    }
  } else {
    const y = data.yReg
    let sL = 0
    for (let p = 0; p < m; p++) {
      const r = sr[p]
      const i = si[p]
      if (r !== prevR) {
        const vPrev = vals[vOff + prevR]
        const vCur = vals[vOff + r]
        if (vCur > vPrev + 1e-7 && p >= msl && m - p >= msl) {
          offerSplit(ctx, regressionProxy(ctx, sL, wL), f, prevR, vPrev, vCur, p)
        }
        prevR = r
      }
      const wi = w[i]
      sL += wi * y[i]
      wL += wi
    }
  }
  return true
}

/**
 * One random threshold for feature f, uniform between the node's min and max (ExtraTrees).
 * Returns false when the feature is constant in the node.
 */
function scanRandom(ctx: Ctx, f: number, start: number, end: number): boolean {
  const data = ctx.data
  const n = data.nSamples
  const off = f * n
  const ranks = data.ranks
  const vals = data.values
  const vOff = data.valueOffsets[f]
  const samples = ctx.samples
  const w = ctx.weights
  const m = end - start
  // Gather the node's ranks once (the scattered reads are the expensive part), then work on
  // the contiguous copy.
  const nr = ctx.sortR
  let minR = 2147483647
  let maxR = -1
  for (let p = 0; p < m; p++) {
    const r = ranks[off + samples[start + p]]
    nr[p] = r
    if (r < minR) minR = r
    if (r > maxR) maxR = r
  }
  const lo = vals[vOff + minR]
  const hi = vals[vOff + maxR]
  if (hi <= lo + 1e-7) return false
  let t = (hi - lo) * rngNext(ctx.rng) + lo
  if (t === hi) t = lo
  // Largest rank whose value is <= t (binary search among the feature's distinct values).
  let a = minR
  let b = maxR
  while (a < b) {
    const mid = (a + b + 1) >> 1
    if (vals[vOff + mid] <= t) a = mid
    else b = mid - 1
  }
  const split = a
  const msl = ctx.spec.minSamplesLeaf
  let nLeft = 0
  let wL = 0
  if (ctx.isClass) {
    const y = data.yClass
    const sl = ctx.sumLeft
    sl.fill(0)
    for (let p = 0; p < m; p++) {
      if (nr[p] <= split) {
        const i = samples[start + p]
        nLeft++
        wL += w[i]
        sl[y[i]] += w[i]
      }
    }
    if (nLeft < msl || m - nLeft < msl) return true
    const proxy = classProxy(ctx, wL)
    if (proxy > ctx.bestProxy) setRandomBest(ctx, proxy, f, split, t, nLeft)
  } else {
    const y = data.yReg
    let sL = 0
    for (let p = 0; p < m; p++) {
      if (nr[p] <= split) {
        const i = samples[start + p]
        nLeft++
        wL += w[i]
        sL += w[i] * y[i]
      }
    }
    if (nLeft < msl || m - nLeft < msl) return true
    const proxy = regressionProxy(ctx, sL, wL)
    if (proxy > ctx.bestProxy) setRandomBest(ctx, proxy, f, split, t, nLeft)
  }
  return true
}

function setRandomBest(
  ctx: Ctx,
  proxy: number,
  f: number,
  rank: number,
  t: number,
  nLeft: number,
): void {
  ctx.bestProxy = proxy
  ctx.bestFeature = f
  ctx.bestRank = rank
  ctx.bestThreshold = t
  ctx.nLeftBest = nLeft
}

/**
 * scikit-learn's node_split: draws features without replacement until `maxFeatures`
 * non-constant ones were evaluated (constants found on the way do not count), remembering
 * constant features for the children. Leaves the best split in ctx (bestPos = end if none).
 */
function nodeSplit(ctx: Ctx, start: number, end: number, impurity: number, nKnown: number): void {
  const features = ctx.features
  const constantFeatures = ctx.constantFeatures
  const nFeatures = ctx.data.nFeatures
  const maxFeatures = ctx.spec.maxFeatures
  const random = ctx.spec.splitter === 1
  const histFactor = ctx.isClass ? 2 : 1
  const nNode = end - start
  const offsets = ctx.data.valueOffsets
  ctx.bestProxy = Number.NEGATIVE_INFINITY
  ctx.bestFeature = -1
  ctx.bestPos = end
  let nVisited = 0
  let nFoundConstants = 0
  let nDrawnConstants = 0
  let nTotalConstants = nKnown
  let fi = nFeatures
  while (
    fi > nTotalConstants &&
    (nVisited < maxFeatures || nVisited <= nFoundConstants + nDrawnConstants)
  ) {
    nVisited++
    let fj = rngInt(ctx.rng, nDrawnConstants, fi - nFoundConstants)
    if (fj < nKnown) {
      const tmp = features[nDrawnConstants]
      features[nDrawnConstants] = features[fj]
      features[fj] = tmp
      nDrawnConstants++
      continue
    }
    fj += nFoundConstants
    const f = features[fj]
    let varies: boolean
    if (random) varies = scanRandom(ctx, f, start, end)
    else if (offsets[f + 1] - offsets[f] <= histFactor * nNode + 8) {
      varies = scanHistogram(ctx, f, start, end)
    } else varies = scanSorted(ctx, f, start, end)
    if (!varies) {
      features[fj] = features[nTotalConstants]
      features[nTotalConstants] = f
      nFoundConstants++
      nTotalConstants++
      continue
    }
    fi--
    features[fj] = features[fi]
    features[fi] = f
  }
  if (ctx.bestFeature >= 0) {
    partitionBest(ctx, start, end, impurity)
  }
  // Keep the invariant: features[0:nKnown] are this node's known constants, and the children
  // inherit the constants found here.
  for (let j = 0; j < nKnown; j++) features[j] = constantFeatures[j]
  for (let j = 0; j < nFoundConstants; j++) {
    constantFeatures[nKnown + j] = features[nKnown + j]
  }
  ctx.nConstantOut = nTotalConstants
}

/** Moves the best split's left samples first and computes the children's impurity. */
function partitionBest(ctx: Ctx, start: number, end: number, impurity: number): void {
  const data = ctx.data
  const n = data.nSamples
  const off = ctx.bestFeature * n
  const ranks = data.ranks
  const samples = ctx.samples
  const w = ctx.weights
  const split = ctx.bestRank
  let p = start
  let pe = end
  while (p < pe) {
    if (ranks[off + samples[p]] <= split) p++
    else {
      pe--
      const tmp = samples[p]
      samples[p] = samples[pe]
      samples[pe] = tmp
    }
  }
  ctx.bestPos = pe
  let wL = 0
  let sLeft = 0
  let impL: number
  let impR: number
  if (ctx.isClass) {
    const sl = ctx.sumLeft
    const sr = ctx.sumRight
    sl.fill(0)
    const y = data.yClass
    for (let q = start; q < pe; q++) {
      const i = samples[q]
      sl[y[i]] += w[i]
      wL += w[i]
    }
    for (let j = 0; j < ctx.k; j++) sr[j] = ctx.sumTotal[j] - sl[j]
    impL = classImpurity(sl, ctx.k, wL, ctx.spec.criterion)
    impR = classImpurity(sr, ctx.k, ctx.wNode - wL, ctx.spec.criterion)
  } else {
    const y = data.yReg
    let sL = 0
    let qL = 0
    for (let q = start; q < pe; q++) {
      const i = samples[q]
      const wi = w[i]
      const yi = y[i]
      sL += wi * yi
      qL += wi * yi * yi
      wL += wi
    }
    const wR = ctx.wNode - wL
    const sR = ctx.sumY - sL
    const qR = ctx.sqY - qL
    impL = qL / wL - (sL / wL) * (sL / wL)
    impR = qR / wR - (sR / wR) * (sR / wR)
    sLeft = sL
  }
  const wN = ctx.wNode
  const wR = wN - wL
  ctx.impurityLeft = impL
  ctx.impurityRight = impR
  if (ctx.spec.criterion === 3) {
    // friedman_mse's own improvement (scikit-learn's FriedmanMSE.impurity_improvement).
    const diff = wR * sLeft - wL * (ctx.sumY - sLeft)
    ctx.improvement = (diff * diff) / (wL * wR * wN)
  } else {
    ctx.improvement = (wN / ctx.weightedNSamples) * (impurity - (wR / wN) * impR - (wL / wN) * impL)
  }
}

/**
 * Evaluates the node [start, end) and appends it (scikit-learn's leaf tests, then node_split);
 * returns its id. ctx.nodeIsLeaf tells whether it got a split, kept in ctx.best* / ctx.impurity*.
 */
function addTreeNode(
  ctx: Ctx,
  start: number,
  end: number,
  depth: number,
  parent: number,
  isLeft: boolean,
  impurity: number,
  nKnown: number,
): number {
  const EPSILON = 2.220446049250313e-16
  const spec = ctx.spec
  const nNode = end - start
  nodeTotals(ctx, start, end)
  if (parent < 0) impurity = nodeImpurity(ctx)
  let isLeaf =
    depth >= spec.maxDepth ||
    nNode < ctx.minSplit ||
    nNode < 2 * spec.minSamplesLeaf ||
    impurity <= EPSILON
  if (!isLeaf) {
    nodeSplit(ctx, start, end, impurity, nKnown)
    isLeaf =
      ctx.bestFeature < 0 ||
      ctx.bestPos >= end ||
      ctx.improvement + EPSILON < spec.minImpurityDecrease
  }
  if (ctx.count === ctx.cap) growNodes(ctx)
  const id = ctx.count++
  if (parent >= 0) {
    if (isLeft) ctx.left[parent] = id
    else ctx.right[parent] = id
  }
  ctx.impurity[id] = impurity
  ctx.nNodeSamples[id] = nNode
  ctx.wNodeSamples[id] = ctx.wNode
  if (ctx.isClass) ctx.value.set(ctx.sumTotal, id * ctx.k)
  else ctx.value[id] = ctx.sumY / ctx.wNode
  ctx.left[id] = -1
  ctx.right[id] = -1
  if (isLeaf) {
    ctx.feature[id] = -2
    ctx.threshold[id] = -2
  } else {
    ctx.feature[id] = ctx.bestFeature
    ctx.threshold[id] = ctx.bestThreshold
  }
  ctx.nodeIsLeaf = isLeaf
  return id
}

/** scikit-learn's DepthFirstTreeBuilder (the default); returns the depth reached. */
function growDepthFirst(ctx: Ctx, nUsed: number): number {
  // Stack entries: start, end, depth, parent, isLeft, nConstant (ints) and impurity (double).
  const stackI: number[] = [0, nUsed, 0, -1, 0, 0]
  const stackImp: number[] = [Number.NaN]
  let maxDepthSeen = 0
  while (stackImp.length > 0) {
    const impurity = stackImp.pop() as number
    const nConstant = stackI.pop() as number
    const isLeft = stackI.pop() as number
    const parent = stackI.pop() as number
    const depth = stackI.pop() as number
    const end = stackI.pop() as number
    const start = stackI.pop() as number
    const id = addTreeNode(ctx, start, end, depth, parent, isLeft === 1, impurity, nConstant)
    if (depth > maxDepthSeen) maxDepthSeen = depth
    if (!ctx.nodeIsLeaf) {
      const pos = ctx.bestPos
      const nc = ctx.nConstantOut
      stackI.push(pos, end, depth + 1, id, 0, nc)
      stackImp.push(ctx.impurityRight)
      stackI.push(start, pos, depth + 1, id, 1, nc)
      stackImp.push(ctx.impurityLeft)
    }
  }
  return maxDepthSeen
}

/** A node waiting to be expanded by the best-first builder. */
interface Frontier {
  id: number
  start: number
  end: number
  pos: number
  depth: number
  isLeaf: boolean
  impurityLeft: number
  impurityRight: number
  improvement: number
}

/** libstdc++'s __push_heap (max-heap on improvement), so ties pop in scikit-learn's order. */
function heapSiftUp(h: Frontier[], hole: number, top: number, value: Frontier): void {
  let parent = (hole - 1) >> 1
  while (hole > top && h[parent].improvement < value.improvement) {
    h[hole] = h[parent]
    hole = parent
    parent = (hole - 1) >> 1
  }
  h[hole] = value
}

/** libstdc++'s pop_heap + pop_back: removes and returns the record with the largest improvement. */
function heapPop(h: Frontier[]): Frontier {
  const top = h[0]
  const value = h[h.length - 1]
  const len = h.length - 1
  let hole = 0
  let second = 0
  while (second < (len - 1) >> 1) {
    second = 2 * (second + 1)
    if (h[second].improvement < h[second - 1].improvement) second--
    h[hole] = h[second]
    hole = second
  }
  if ((len & 1) === 0 && second === (len - 2) >> 1) {
    second = 2 * (second + 1)
    h[hole] = h[second - 1]
    hole = second - 1
  }
  if (len > 0) heapSiftUp(h, hole, 0, value)
  h.length = len
  return top
}

/**
 * scikit-learn's BestFirstTreeBuilder (used when maxLeafNodes is set): always expands the
 * frontier node whose split improves impurity most, until maxLeafNodes leaves exist. Constant
 * features are not inherited here, as in scikit-learn. Returns the depth reached.
 */
function growBestFirst(ctx: Ctx, nUsed: number, maxLeafNodes: number): number {
  const frontier: Frontier[] = []
  const record = (id: number, start: number, end: number, depth: number): Frontier => {
    const leaf = ctx.nodeIsLeaf
    return {
      id,
      start,
      end,
      depth,
      isLeaf: leaf,
      pos: leaf ? end : ctx.bestPos,
      impurityLeft: leaf ? ctx.impurity[id] : ctx.impurityLeft,
      impurityRight: leaf ? ctx.impurity[id] : ctx.impurityRight,
      improvement: leaf ? 0 : ctx.improvement,
    }
  }
  const push = (r: Frontier): void => {
    frontier.push(r)
    heapSiftUp(frontier, frontier.length - 1, 0, r)
  }
  push(record(addTreeNode(ctx, 0, nUsed, 0, -1, true, Number.NaN, 0), 0, nUsed, 0))
  let maxSplitNodes = maxLeafNodes - 1
  let maxDepthSeen = 0
  while (frontier.length > 0) {
    const r = heapPop(frontier)
    if (r.isLeaf || maxSplitNodes <= 0) {
      ctx.left[r.id] = -1
      ctx.right[r.id] = -1
      ctx.feature[r.id] = -2
      ctx.threshold[r.id] = -2
    } else {
      maxSplitNodes--
      const d = r.depth + 1
      const l = addTreeNode(ctx, r.start, r.pos, d, r.id, true, r.impurityLeft, 0)
      const left = record(l, r.start, r.pos, d)
      const rt = addTreeNode(ctx, r.pos, r.end, d, r.id, false, r.impurityRight, 0)
      const right = record(rt, r.pos, r.end, d)
      push(left)
      push(right)
    }
    if (r.depth > maxDepthSeen) maxDepthSeen = r.depth
  }
  return maxDepthSeen
}

/**
 * Minimal cost-complexity pruning, as scikit-learn's ccp_alpha: repeatedly collapses the internal
 * node with the smallest effective alpha `(R(t) - R(branch)) / (leaves - 1)` (R = weighted
 * impurity share) while that alpha is at most `ccpAlpha`, then rebuilds the tree in preorder.
 * With `path` (and ccpAlpha = Infinity) it records every step's alpha and the remaining leaves'
 * total impurity, as scikit-learn's cost_complexity_pruning_path.
 */
export function pruneTree(
  t: TreeArrays,
  stride: number,
  ccpAlpha: number,
  path: { alphas: number[]; impurities: number[] } | null = null,
): TreeArrays {
  const n = t.nodeCount
  const total = t.weightedNNodeSamples[0]
  const parent = new Int32Array(n).fill(-1)
  const rNode = new Float64Array(n)
  const isLeaf = new Uint8Array(n)
  const stack = [0]
  while (stack.length > 0) {
    const i = stack.pop() as number
    rNode[i] = (t.weightedNNodeSamples[i] * t.impurity[i]) / total
    if (t.left[i] === -1) isLeaf[i] = 1
    else {
      parent[t.left[i]] = i
      parent[t.right[i]] = i
      stack.push(t.left[i], t.right[i])
    }
  }
  const nLeaves = new Int32Array(n)
  const rBranch = new Float64Array(n)
  for (let leaf = 0; leaf < n; leaf++) {
    if (!isLeaf[leaf]) continue
    rBranch[leaf] = rNode[leaf]
    const r = rNode[leaf]
    let i = leaf
    while (i !== 0) {
      const p = parent[i]
      rBranch[p] += r
      nLeaves[p]++
      i = p
    }
  }
  const candidate = new Uint8Array(n)
  for (let i = 0; i < n; i++) candidate[i] = isLeaf[i] ? 0 : 1
  if (path) {
    path.alphas.push(0)
    path.impurities.push(rBranch[0])
  }
  while (candidate[0]) {
    let alpha = Number.MAX_VALUE
    let best = -1
    for (let i = 0; i < n; i++) {
      if (!candidate[i]) continue
      const a = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1)
      if (a < alpha) {
        alpha = a
        best = i
      }
    }
    if (ccpAlpha < alpha) break
    // Every descendant of `best` leaves the tree; `best` becomes a leaf.
    const inner = [t.left[best], t.right[best]]
    while (inner.length > 0) {
      const i = inner.pop() as number
      candidate[i] = 0
      isLeaf[i] = 0
      if (t.left[i] !== -1) inner.push(t.left[i], t.right[i])
    }
    isLeaf[best] = 1
    candidate[best] = 0
    const prunedLeaves = nLeaves[best] - 1
    nLeaves[best] = 0
    const rDiff = rNode[best] - rBranch[best]
    rBranch[best] = rNode[best]
    for (let i = parent[best]; i !== -1; i = parent[i]) {
      nLeaves[i] -= prunedLeaves
      rBranch[i] += rDiff
    }
    if (path) {
      path.alphas.push(alpha)
      path.impurities.push(rBranch[0])
    }
  }
  // Rebuild in preorder (left first), keeping only the pruned tree's nodes.
  const ids: number[] = []
  const order = [0]
  while (order.length > 0) {
    const i = order.pop() as number
    ids.push(i)
    if (!isLeaf[i]) order.push(t.right[i], t.left[i])
  }
  const m = ids.length
  const newId = new Int32Array(n).fill(-1)
  for (let j = 0; j < m; j++) newId[ids[j]] = j
  const out: TreeArrays = {
    nodeCount: m,
    maxDepth: 0,
    left: new Int32Array(m),
    right: new Int32Array(m),
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    impurity: new Float64Array(m),
    nNodeSamples: new Int32Array(m),
    weightedNNodeSamples: new Float64Array(m),
    value: new Float64Array(m * stride),
  }
  const depth = new Int32Array(m)
  for (let j = 0; j < m; j++) {
    const i = ids[j]
    const leaf = isLeaf[i] === 1
    out.left[j] = leaf ? -1 : newId[t.left[i]]
    out.right[j] = leaf ? -1 : newId[t.right[i]]
    out.feature[j] = leaf ? -2 : t.feature[i]
    out.threshold[j] = leaf ? -2 : t.threshold[i]
    out.impurity[j] = t.impurity[i]
    out.nNodeSamples[j] = t.nNodeSamples[i]
    out.weightedNNodeSamples[j] = t.weightedNNodeSamples[i]
    out.value.set(t.value.subarray(i * stride, i * stride + stride), j * stride)
    if (!leaf) {
      depth[out.left[j]] = depth[j] + 1
      depth[out.right[j]] = depth[j] + 1
    }
    if (depth[j] > out.maxDepth) out.maxDepth = depth[j]
  }
  return out
}

/**
 * Grows one tree from `seed` (which also draws the bootstrap sample when `spec.bootstrap`).
 * @example const tree = buildTree(prepared, spec, 42)
 */
export function buildTree(data: TreeData, spec: TreeSpec, seed: number): TreeArrays {
  const rng = rngCreate(seed)
  const n = data.nSamples
  const isClass = spec.criterion < 2
  const k = isClass ? data.nClasses : 1
  const weights = spec.bootstrap ? drawBootstrap(rng, n, spec.nDraws) : new Float64Array(n).fill(1)
  // As scikit-learn: bootstrap counts multiply the caller's weights; weight-0 samples drop out.
  const sw = data.sampleWeight
  if (sw.length === n) for (let i = 0; i < n; i++) weights[i] *= sw[i]
  let nUsed = 0
  let weightedNSamples = 0
  const samples = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    if (weights[i] !== 0) {
      samples[nUsed++] = i
      weightedNSamples += weights[i]
    }
  }
  let maxD = 1
  for (let f = 0; f < data.nFeatures; f++) {
    const d = data.valueOffsets[f + 1] - data.valueOffsets[f]
    if (d > maxD) maxD = d
  }
  const features = new Int32Array(data.nFeatures)
  for (let f = 0; f < data.nFeatures; f++) features[f] = f
  const cap = 64
  const ctx: Ctx = {
    data,
    spec,
    rng,
    k,
    isClass,
    weights,
    samples,
    features,
    constantFeatures: new Int32Array(data.nFeatures),
    weightedNSamples,
    sumTotal: new Float64Array(k),
    sumLeft: new Float64Array(k),
    sumRight: new Float64Array(k),
    wNode: 0,
    sumY: 0,
    sqY: 0,
    histW: new Float64Array(maxD * (isClass ? k : 1)),
    histN: new Int32Array(maxD),
    histS: new Float64Array(isClass ? 0 : maxD),
    sortR: new Int32Array(n),
    sortI: new Int32Array(n),
    sortR2: new Int32Array(n),
    sortI2: new Int32Array(n),
    radixCount: new Int32Array(256),
    bestProxy: 0,
    bestFeature: -1,
    bestRank: -1,
    bestThreshold: 0,
    bestPos: 0,
    nLeftBest: 0,
    improvement: 0,
    impurityLeft: 0,
    impurityRight: 0,
    nConstantOut: 0,
    minSplit: Math.max(spec.minSamplesSplit, 2 * spec.minSamplesLeaf),
    nodeIsLeaf: true,
    cap,
    count: 0,
    left: new Int32Array(cap),
    right: new Int32Array(cap),
    feature: new Int32Array(cap),
    threshold: new Float64Array(cap),
    impurity: new Float64Array(cap),
    nNodeSamples: new Int32Array(cap),
    wNodeSamples: new Float64Array(cap),
    value: new Float64Array(cap * k),
  }
  const maxDepthSeen =
    spec.maxLeafNodes > 0
      ? growBestFirst(ctx, nUsed, spec.maxLeafNodes)
      : growDepthFirst(ctx, nUsed)
  const c = ctx.count
  const tree: TreeArrays = {
    nodeCount: c,
    maxDepth: maxDepthSeen,
    left: ctx.left.slice(0, c),
    right: ctx.right.slice(0, c),
    feature: ctx.feature.slice(0, c),
    threshold: ctx.threshold.slice(0, c),
    impurity: ctx.impurity.slice(0, c),
    nNodeSamples: ctx.nNodeSamples.slice(0, c),
    weightedNNodeSamples: ctx.wNodeSamples.slice(0, c),
    value: ctx.value.slice(0, c * k),
  }
  return spec.ccpAlpha > 0 ? pruneTree(tree, k, spec.ccpAlpha) : tree
}

/** Every function of this module, in dependency-free order, for shipping to worker threads. */
export const KERNEL_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [
  rngCreate,
  rngUint32,
  rngNext,
  rngInt,
  drawBootstrap,
  treeSampleWeights,
  growNodes,
  nodeTotals,
  classImpurity,
  nodeImpurity,
  classProxy,
  regressionProxy,
  offerSplit,
  scanHistogram,
  clearHistogram,
  sortByRank,
  scanSorted,
  scanRandom,
  setRandomBest,
  nodeSplit,
  partitionBest,
  addTreeNode,
  growDepthFirst,
  heapSiftUp,
  heapPop,
  growBestFirst,
  pruneTree,
  buildTree,
]
