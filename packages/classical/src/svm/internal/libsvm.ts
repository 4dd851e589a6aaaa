/**
 * LIBSVM's training drivers on top of the SMO solver: one-vs-one C-SVC (svm_train with class
 * grouping, per-pair sub-problems and LIBSVM's support-vector bookkeeping), epsilon-SVR, the
 * decision values and voting of svm_predict_values, and Platt scaling (5-fold CV, Lin-Lin-Weng
 * sigmoid fit, Wu-Lin-Weng pairwise coupling) for probabilities.
 */
import type { Random } from '../../internal/random.js'
import { createDotEngine, type DotEngine } from './DotEngine.js'
import { type CacheDtype, RowPool } from './KernelCache.js'
import { type KernelSpec, RBF, rowSquaredNorms } from './kernel.js'
import { GramCache, type KernelData, kernelFromDot, SvcQ, SvrQ } from './QMatrix.js'
import { SolverArena } from './SolverArena.js'
import { svKernel, wasmRbfDecisions } from './SvKernel.js'
import { scratchF64, scratchI8, scratchI32, scratchU8, withScratch } from './scratch.js'
import { solveSmo } from './smo.js'

export interface SolverParams {
  spec: KernelSpec
  C: number
  eps: number
  shrinking: boolean
  cacheBytes: number
  cacheDtype: CacheDtype
  maxIter: number
}

/** A fitted one-vs-one SVC in LIBSVM's layout (support vectors grouped by class). */
export interface SvcModel {
  nClass: number
  nFeatures: number
  /** Per class, how many support vectors (sklearn's n_support_). */
  nSupport: Int32Array
  /** Training-row index of each support vector, grouped by class. */
  support: Int32Array
  /** Support vectors, row-major nSV × nFeatures. */
  sv: Float64Array
  /** LIBSVM sv_coef: (nClass-1) rows × nSV, row-major. */
  svCoef: Float64Array
  /** One rho per pair (i<j) in LIBSVM's order; decision = Σ coef·K − rho. */
  rho: Float64Array
  probA: Float64Array | null
  probB: Float64Array | null
  /** Solver iterations per pair, and whether any pair hit the iteration cap. */
  iterations: Int32Array
  maxIterReached: boolean
}

interface BinaryResult {
  alpha: Float64Array // signed (alpha_i * y_i)
  rho: number
  iterations: number
  maxIterReached: boolean
}

/** Trains one binary C-SVC on the given global rows; y = +1 / -1 per position. */
function trainBinary(
  kd: KernelData,
  rows: Int32Array,
  y: Int8Array,
  Cp: number,
  Cn: number,
  params: SolverParams,
  gram: GramCache | null,
  pool?: RowPool,
  arena: SolverArena | null = null,
): BinaryResult {
  const l = rows.length
  const Q = new SvcQ(
    kd,
    rows,
    y,
    params.cacheBytes,
    params.cacheDtype,
    gram,
    arena?.pool ?? pool,
    arena?.vectors(l),
  )
  const p = scratchF64(l).fill(-1)
  const r = solveSmo(
    Q,
    p,
    y,
    scratchF64(l),
    Cp,
    Cn,
    { eps: params.eps, shrinking: params.shrinking, maxIter: params.maxIter },
    arena,
  )
  Q.release()
  const alpha = r.alpha
  for (let i = 0; i < l; i++) alpha[i] *= y[i]
  return { alpha, rho: r.rho, iterations: r.iterations, maxIterReached: r.maxIterReached }
}

/**
 * One-vs-one C-SVC. `yIdx` holds class indices 0..nClass-1 (classes sorted, as scikit-learn's
 * LIBSVM does). `classWeight[k]` scales C for class k. Temporary arrays come from scratch space
 * (released on return, see trainSvc); the model's arrays are fresh.
 */
function trainSvcScratch(
  data: Float64Array,
  n: number,
  d: number,
  yIdx: Int32Array,
  nClass: number,
  params: SolverParams,
  classWeight: Float64Array,
  probability: Random | null,
): SvcModel {
  // Group rows by class, keeping their order within each class (LIBSVM's svm_group_classes).
  const count = scratchI32(nClass)
  for (let i = 0; i < n; i++) count[yIdx[i]]++
  const start = scratchI32(nClass)
  for (let k = 1; k < nClass; k++) start[k] = start[k - 1] + count[k - 1]
  const perm = scratchI32(n)
  const fill = scratchI32(nClass)
  fill.set(start)
  for (let i = 0; i < n; i++) perm[fill[yIdx[i]]++] = i
  // Share kernel values across the pairwise problems when the full matrix fits in half the budget
  // (the other half stays for the per-problem row caches).
  // A binary problem uses each kernel value once, so the Gram matrix pays only where the arena
  // hosts it: then rows are filled in WebAssembly (SIMD dots and exp, K's symmetry for free)
  // instead of by the TypeScript kernel loop over a separate dot engine.
  const gramFits = GramCache.bytes(n, params.cacheDtype) <= params.cacheBytes / 2
  const useGram =
    gramFits &&
    (nClass > 2 ||
      (params.cacheDtype === 'float32' && params.spec.kernel === RBF && SolverArena.available()))
  let maxPair = 0
  for (let i = 0; i < nClass; i++) {
    for (let j = i + 1; j < nClass; j++) maxPair = Math.max(maxPair, count[i] + count[j])
  }
  const pool = new RowPool(maxPair, params.cacheDtype)
  // The WebAssembly solver scans need float32 rows: LIBSVM's precision, the default. A problem
  // never holds more cache rows than it has variables (nor, without a Gram matrix, than its
  // cache budget allows), so maxRows rows always suffice. An RBF Gram matrix moves into the
  // arena too, so that its rows are filled in WebAssembly; the grouped rows and their squared
  // norms are then written straight into the arena.
  const maxRows = useGram
    ? maxPair
    : Math.max(2, Math.min(maxPair, Math.floor(params.cacheBytes / (maxPair * 4))))
  const arena =
    params.cacheDtype === 'float32'
      ? SolverArena.create(
          maxPair,
          maxPair,
          maxRows,
          useGram && params.spec.kernel === RBF
            ? { data: null, n, d, sq: null, gamma: params.spec.gamma }
            : null,
        )
      : null
  // With 3+ classes the solvers address rows by grouped position (row t of `grouped` is data
  // row perm[t]): a pair's rows are then two contiguous blocks, so its part of the shared Gram
  // matrix is four dense blocks that stay in cache instead of entries scattered over all n² of
  // them. A binary problem covers every row anyway: it addresses the data rows themselves
  // (kernel index perm[t] for grouped position t), which saves the regrouping copy.
  const binary = nClass === 2
  let grouped: Float64Array
  if (binary) {
    grouped = arena?.gramData ?? data
    if (grouped !== data) grouped.set(data.subarray(0, n * d))
  } else {
    grouped = arena?.gramData ?? scratchF64(n * d)
    for (let t = 0; t < n; t++) {
      const from = perm[t] * d
      const to = t * d
      for (let k = 0; k < d; k++) grouped[to + k] = data[from + k]
    }
  }
  // The dot engine is built on first use: with an RBF Gram matrix in a SolverArena the training
  // never needs it (the arena holds its own copy of the rows), except for probability estimates.
  let engine: DotEngine | null = null
  const kd: KernelData = {
    spec: params.spec,
    get engine() {
      engine ??= createDotEngine(grouped, n, d)
      return engine
    },
    sq: rowSquaredNorms(grouped, n, d, arena?.gramSq ?? scratchF64(n)),
  }
  const gram = useGram ? new GramCache(kd, n, params.cacheDtype, n, arena) : null
  const nPairs = (nClass * (nClass - 1)) / 2
  const alphas: Float64Array[] = []
  const rho = new Float64Array(nPairs)
  const iterations = new Int32Array(nPairs)
  let maxIterReached = false
  const probA = probability ? new Float64Array(nPairs) : null
  const probB = probability ? new Float64Array(nPairs) : null
  const nonzero = scratchU8(n)
  let p = 0
  for (let i = 0; i < nClass; i++) {
    for (let j = i + 1; j < nClass; j++) {
      const ci = count[i]
      const cj = count[j]
      const rows = scratchI32(ci + cj)
      const y = scratchI8(ci + cj)
      for (let k = 0; k < ci; k++) {
        rows[k] = binary ? perm[start[i] + k] : start[i] + k
        y[k] = 1
      }
      for (let k = 0; k < cj; k++) {
        rows[ci + k] = binary ? perm[start[j] + k] : start[j] + k
        y[ci + k] = -1
      }
      const Cp = params.C * classWeight[i]
      const Cn = params.C * classWeight[j]
      if (probability && probA && probB) {
        const [A, B] = binaryProbability(kd, rows, y, Cp, Cn, params, probability)
        probA[p] = A
        probB[p] = B
      }
      const r = trainBinary(kd, rows, y, Cp, Cn, params, gram, pool, arena)
      alphas.push(r.alpha)
      rho[p] = r.rho
      iterations[p] = r.iterations
      if (r.maxIterReached) maxIterReached = true
      for (let k = 0; k < ci; k++) if (r.alpha[k] !== 0) nonzero[start[i] + k] = 1
      for (let k = 0; k < cj; k++) if (r.alpha[ci + k] !== 0) nonzero[start[j] + k] = 1
      p++
    }
  }
  arena?.release()

  // Support vectors in grouped order; nzStart[k] = position of class k's first SV.
  const nSupport = new Int32Array(nClass)
  let nSV = 0
  for (let k = 0; k < nClass; k++) {
    for (let t = 0; t < count[k]; t++) {
      if (nonzero[start[k] + t]) {
        nSupport[k]++
        nSV++
      }
    }
  }
  // The model's three sized arrays share one backing store: V8 gives every typed array over 64
  // bytes its own (an allocation plus garbage-collector bookkeeping each).
  const nCoef = Math.max(1, nClass - 1) * nSV
  const store = new ArrayBuffer((nSV * d + nCoef) * 8 + nSV * 4)
  const sv = new Float64Array(store, 0, nSV * d)
  const svCoef = new Float64Array(store, nSV * d * 8, nCoef)
  const support = new Int32Array(store, (nSV * d + nCoef) * 8, nSV)
  let q = 0
  for (let t = 0; t < n; t++) {
    if (nonzero[t]) {
      const g = perm[t]
      support[q] = g
      for (let k = 0; k < d; k++) sv[q * d + k] = data[g * d + k]
      q++
    }
  }
  const nzStart = scratchI32(nClass)
  for (let k = 1; k < nClass; k++) nzStart[k] = nzStart[k - 1] + nSupport[k - 1]
  p = 0
  for (let i = 0; i < nClass; i++) {
    for (let j = i + 1; j < nClass; j++) {
      const a = alphas[p]
      const ci = count[i]
      const cj = count[j]
      let w = nzStart[i]
      for (let k = 0; k < ci; k++) if (nonzero[start[i] + k]) svCoef[(j - 1) * nSV + w++] = a[k]
      w = nzStart[j]
      for (let k = 0; k < cj; k++) if (nonzero[start[j] + k]) svCoef[i * nSV + w++] = a[ci + k]
      p++
    }
  }
  return {
    nClass,
    nFeatures: d,
    nSupport,
    support,
    sv,
    svCoef,
    rho,
    probA,
    probB,
    iterations,
    maxIterReached,
  }
}

/**
 * One-vs-one decision values (LIBSVM order, pairs i<j; positive favours class i) for every row
 * of X (row-major m × d), written row-major into an m × nPairs array.
 */
export function svcDecisionValues(
  model: SvcModel,
  spec: KernelSpec,
  X: Float64Array,
  m: number,
): Float64Array {
  const { nClass, nSupport, sv, svCoef, rho } = model
  const d = model.nFeatures
  const nSV = model.support.length
  const nPairs = (nClass * (nClass - 1)) / 2
  const fast = wasmRbfDecisions(spec, sv, nSV, d, { nClass, nSupport, svCoef, rho }, X, m)
  if (fast !== null) return fast
  const out = new Float64Array(m * nPairs)
  // Per pair p = (i, j), i < j, in LIBSVM's order, two runs of (first support vector, count,
  // coefficient offset): class i's vectors with coefficient row j - 1, then class j's with row i.
  const runs = new Int32Array(nPairs * 6)
  const start = new Int32Array(nClass)
  for (let k = 1; k < nClass; k++) start[k] = start[k - 1] + nSupport[k - 1]
  for (let i = 0, q = 0; i < nClass; i++) {
    for (let j = i + 1; j < nClass; j++, q += 6) {
      runs[q] = start[i]
      runs[q + 1] = nSupport[i]
      runs[q + 2] = (j - 1) * nSV + start[i]
      runs[q + 3] = start[j]
      runs[q + 4] = nSupport[j]
      runs[q + 5] = i * nSV + start[j]
    }
  }
  const kernel = svKernel(spec, sv, nSV, d)
  const xsq = rowSquaredNorms(X, m, d)
  for (let r0 = 0; r0 < m; r0 += kernel.blockRows) {
    const cnt = Math.min(kernel.blockRows, m - r0)
    const K = kernel.block(X, xsq, r0, cnt)
    // Four query rows at a time: four independent sums per pair keep the adds busy; each
    // row's sum still runs over its support vectors in LIBSVM's order.
    let t = 0
    for (; t + 3 < cnt; t += 4) {
      const base = (r0 + t) * nPairs
      for (let p = 0; p < nPairs; p++) {
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        for (let run = 0; run < 6; run += 3) {
          const from = runs[6 * p + run]
          const len = runs[6 * p + run + 1]
          const coef = runs[6 * p + run + 2]
          const o = t * nSV + from
          for (let k = 0; k < len; k++) {
            const c = svCoef[coef + k]
            const at = o + k
            s0 += c * K[at]
            s1 += c * K[at + nSV]
            s2 += c * K[at + 2 * nSV]
            s3 += c * K[at + 3 * nSV]
          }
        }
        const rp = rho[p]
        out[base + p] = s0 - rp
        out[base + nPairs + p] = s1 - rp
        out[base + 2 * nPairs + p] = s2 - rp
        out[base + 3 * nPairs + p] = s3 - rp
      }
    }
    for (; t < cnt; t++) {
      const base = (r0 + t) * nPairs
      for (let p = 0; p < nPairs; p++) {
        let sum = 0
        for (let run = 0; run < 6; run += 3) {
          const o = t * nSV + runs[6 * p + run]
          const len = runs[6 * p + run + 1]
          const coef = runs[6 * p + run + 2]
          for (let k = 0; k < len; k++) sum += svCoef[coef + k] * K[o + k]
        }
        out[base + p] = sum - rho[p]
      }
    }
  }
  return out
}

/** LIBSVM's voting: pair (i, j) votes i when its value is > 0; ties go to the lowest class. */
export function voteFromDecision(dec: Float64Array, nClass: number, m: number): Int32Array {
  const nPairs = (nClass * (nClass - 1)) / 2
  const out = new Int32Array(m)
  const vote = new Int32Array(nClass)
  for (let r = 0; r < m; r++) {
    vote.fill(0)
    let p = 0
    for (let i = 0; i < nClass; i++) {
      for (let j = i + 1; j < nClass; j++) {
        if (dec[r * nPairs + p] > 0) vote[i]++
        else vote[j]++
        p++
      }
    }
    let best = 0
    for (let k = 1; k < nClass; k++) if (vote[k] > vote[best]) best = k
    out[r] = best
  }
  return out
}

/** LIBSVM's 5-fold cross-validated decision values, then a Platt sigmoid fit: returns [A, B]. */
function binaryProbability(
  kd: KernelData,
  rows: Int32Array,
  y: Int8Array,
  Cp: number,
  Cn: number,
  params: SolverParams,
  rng: Random,
): [number, number] {
  const l = rows.length
  const nrFold = 5
  const perm = new Int32Array(l)
  for (let i = 0; i < l; i++) perm[i] = i
  for (let i = 0; i < l; i++) {
    const j = i + rng.int(l - i)
    const t = perm[i]
    perm[i] = perm[j]
    perm[j] = t
  }
  const dec = new Float64Array(l)
  const labels = new Float64Array(l)
  for (let i = 0; i < l; i++) labels[i] = y[i]
  for (let f = 0; f < nrFold; f++) {
    const begin = Math.floor((f * l) / nrFold)
    const end = Math.floor(((f + 1) * l) / nrFold)
    const subRows: number[] = []
    const subY: number[] = []
    for (let j = 0; j < l; j++) {
      if (j >= begin && j < end) continue
      subRows.push(rows[perm[j]])
      subY.push(y[perm[j]])
    }
    let pCount = 0
    let nCount = 0
    for (const v of subY) {
      if (v > 0) pCount++
      else nCount++
    }
    if (pCount === 0 || nCount === 0) {
      const v = pCount > 0 ? 1 : nCount > 0 ? -1 : 0
      for (let j = begin; j < end; j++) dec[perm[j]] = v
      continue
    }
    // LIBSVM trains the fold model with C = 1 and class weights Cp, Cn; positives must be the
    // "+1" side, which the sub-problem keeps by sorting +1 rows first.
    const order = subY.map((_, k) => k).sort((a, b) => subY[b] - subY[a] || a - b)
    const r = trainBinary(
      kd,
      Int32Array.from(order, (k) => subRows[k]),
      Int8Array.from(order, (k) => subY[k]),
      Cp,
      Cn,
      params,
      null,
    )
    const sortedRows = Int32Array.from(order, (k) => subRows[k])
    const kv = new Float64Array(sortedRows.length)
    for (let j = begin; j < end; j++) {
      const g = rows[perm[j]]
      kd.engine.dots(g, sortedRows, 0, sortedRows.length, kv)
      let s = 0
      for (let k = 0; k < sortedRows.length; k++) {
        const a = r.alpha[k]
        if (a !== 0) s += a * kernelFromDot(kd.spec, kv[k], kd.sq[g], kd.sq[sortedRows[k]])
      }
      dec[perm[j]] = s - r.rho
    }
  }
  return sigmoidTrain(dec, labels)
}

/** Platt's sigmoid fit with Lin, Lin & Weng's (2007) Newton method and backtracking. */
export function sigmoidTrain(dec: Float64Array, labels: Float64Array): [number, number] {
  const l = dec.length
  let prior1 = 0
  let prior0 = 0
  for (let i = 0; i < l; i++) {
    if (labels[i] > 0) prior1 += 1
    else prior0 += 1
  }
  const maxIter = 100
  const minStep = 1e-10
  const sigma = 1e-12
  const eps = 1e-5
  const hiTarget = (prior1 + 1.0) / (prior1 + 2.0)
  const loTarget = 1 / (prior0 + 2.0)
  const t = new Float64Array(l)
  let A = 0.0
  let B = Math.log((prior0 + 1.0) / (prior1 + 1.0))
  let fval = 0.0
  for (let i = 0; i < l; i++) {
    t[i] = labels[i] > 0 ? hiTarget : loTarget
    const fApB = dec[i] * A + B
    if (fApB >= 0) fval += t[i] * fApB + Math.log(1 + Math.exp(-fApB))
    else fval += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB))
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma
    let h22 = sigma
    let h21 = 0.0
    let g1 = 0.0
    let g2 = 0.0
    for (let i = 0; i < l; i++) {
      const fApB = dec[i] * A + B
      let p: number
      let q: number
      if (fApB >= 0) {
        p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB))
        q = 1.0 / (1.0 + Math.exp(-fApB))
      } else {
        p = 1.0 / (1.0 + Math.exp(fApB))
        q = Math.exp(fApB) / (1.0 + Math.exp(fApB))
      }
      const d2 = p * q
      h11 += dec[i] * dec[i] * d2
      h22 += d2
      h21 += dec[i] * d2
      const d1 = t[i] - p
      g1 += dec[i] * d1
      g2 += d1
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break
    const det = h11 * h22 - h21 * h21
    const dA = -(h22 * g1 - h21 * g2) / det
    const dB = -(-h21 * g1 + h11 * g2) / det
    const gd = g1 * dA + g2 * dB
    let stepsize = 1
    while (stepsize >= minStep) {
      const newA = A + stepsize * dA
      const newB = B + stepsize * dB
      let newf = 0.0
      for (let i = 0; i < l; i++) {
        const fApB = dec[i] * newA + newB
        if (fApB >= 0) newf += t[i] * fApB + Math.log(1 + Math.exp(-fApB))
        else newf += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB))
      }
      if (newf < fval + 0.0001 * stepsize * gd) {
        A = newA
        B = newB
        fval = newf
        break
      }
      stepsize = stepsize / 2.0
    }
    if (stepsize < minStep) break
  }
  return [A, B]
}

function sigmoidPredict(dec: number, A: number, B: number): number {
  const fApB = dec * A + B
  if (fApB >= 0) return Math.exp(-fApB) / (1.0 + Math.exp(-fApB))
  return 1.0 / (1 + Math.exp(fApB))
}

/** Wu, Lin & Weng (2004) pairwise coupling, method 2 (LIBSVM's multiclass_probability). */
function multiclassProbability(k: number, r: Float64Array, p: Float64Array): void {
  const maxIter = Math.max(100, k)
  const Q = new Float64Array(k * k)
  const Qp = new Float64Array(k)
  const eps = 0.005 / k
  for (let t = 0; t < k; t++) {
    p[t] = 1.0 / k
    Q[t * k + t] = 0
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t]
      Q[t * k + j] = Q[j * k + t]
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t]
      Q[t * k + j] = -r[j * k + t] * r[t * k + j]
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0
    for (let t = 0; t < k; t++) {
      Qp[t] = 0
      for (let j = 0; j < k; j++) Qp[t] += Q[t * k + j] * p[j]
      pQp += p[t] * Qp[t]
    }
    let maxError = 0
    for (let t = 0; t < k; t++) {
      const error = Math.abs(Qp[t] - pQp)
      if (error > maxError) maxError = error
    }
    if (maxError < eps) break
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t]
      p[t] += diff
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff)
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff)
        p[j] /= 1 + diff
      }
    }
  }
}

/** Class probabilities (m × nClass, row-major) from one-vs-one decision values. */
export function svcProbabilities(model: SvcModel, dec: Float64Array, m: number): Float64Array {
  const k = model.nClass
  const nPairs = (k * (k - 1)) / 2
  const probA = model.probA!
  const probB = model.probB!
  const out = new Float64Array(m * k)
  const r = new Float64Array(k * k)
  const pr = new Float64Array(k)
  const minProb = 1e-7
  for (let row = 0; row < m; row++) {
    let p = 0
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = sigmoidPredict(dec[row * nPairs + p], probA[p], probB[p])
        r[i * k + j] = Math.min(Math.max(v, minProb), 1 - minProb)
        r[j * k + i] = 1 - r[i * k + j]
        p++
      }
    }
    if (k === 2) {
      out[row * 2] = r[1]
      out[row * 2 + 1] = r[2]
    } else {
      multiclassProbability(k, r, pr)
      out.set(pr, row * k)
    }
  }
  return out
}

/** A fitted epsilon-SVR: f(x) = Σ coef_i K(sv_i, x) − rho. */
export interface SvrModel {
  nFeatures: number
  support: Int32Array
  sv: Float64Array
  coef: Float64Array
  rho: number
  iterations: number
  maxIterReached: boolean
}

/**
 * epsilon-SVR via the same solver on LIBSVM's 2l-variable formulation (temporary arrays in
 * scratch space, see trainSvr; the model's arrays are fresh).
 */
function trainSvrScratch(
  data: Float64Array,
  n: number,
  d: number,
  target: Float64Array,
  epsilon: number,
  params: SolverParams,
): SvrModel {
  let engine: DotEngine | null = null
  const kd: KernelData = {
    spec: params.spec,
    get engine() {
      engine ??= createDotEngine(data, n, d)
      return engine
    },
    sq: rowSquaredNorms(data, n, d, scratchF64(n)),
  }
  const lin = scratchF64(2 * n)
  const y = scratchI8(2 * n)
  const rows = scratchI32(2 * n)
  for (let i = 0; i < n; i++) {
    lin[i] = epsilon - target[i]
    y[i] = 1
    lin[i + n] = epsilon + target[i]
    y[i + n] = -1
    rows[i] = i
    rows[i + n] = i
  }
  // When the n × n kernel matrix fits in half the cache budget, the 2n-variable problem is a
  // C-SVC-shaped Q (Q_ij = s_i s_j K(x_{i mod n}, x_{j mod n})) over the shared Gram matrix: the
  // same values as LIBSVM's SVR_Q without its per-call row copy. Otherwise use SVR_Q itself.
  const useGram = GramCache.bytes(n, params.cacheDtype) <= params.cacheBytes / 2
  // As in trainSvc: the solver scans (and an RBF Gram fill) in WebAssembly for float32 rows.
  const arena =
    useGram && params.cacheDtype === 'float32'
      ? SolverArena.create(
          2 * n,
          2 * n,
          Math.max(2, Math.min(2 * n, Math.floor(params.cacheBytes / 2 / (2 * n * 4)))),
          params.spec.kernel === RBF ? { data, n, d, sq: kd.sq, gamma: params.spec.gamma } : null,
        )
      : null
  const Q = useGram
    ? new SvcQ(
        kd,
        rows,
        y,
        params.cacheBytes / 2,
        params.cacheDtype,
        new GramCache(kd, n, params.cacheDtype, 2 * n, arena),
        arena?.pool,
        arena?.vectors(2 * n),
      )
    : new SvrQ(kd, n, params.cacheBytes, params.cacheDtype)
  const r = solveSmo(
    Q,
    lin,
    y,
    scratchF64(2 * n),
    params.C,
    params.C,
    { eps: params.eps, shrinking: params.shrinking, maxIter: params.maxIter },
    arena,
  )
  arena?.release()
  let nSV = 0
  const alpha = scratchF64(n)
  for (let i = 0; i < n; i++) {
    alpha[i] = r.alpha[i] - r.alpha[i + n]
    if (alpha[i] !== 0) nSV++
  }
  const support = new Int32Array(nSV)
  const coef = new Float64Array(nSV)
  const sv = new Float64Array(nSV * d)
  let q = 0
  for (let i = 0; i < n; i++) {
    if (alpha[i] !== 0) {
      support[q] = i
      coef[q] = alpha[i]
      for (let k = 0; k < d; k++) sv[q * d + k] = data[i * d + k]
      q++
    }
  }
  return {
    nFeatures: d,
    support,
    sv,
    coef,
    rho: r.rho,
    iterations: r.iterations,
    maxIterReached: r.maxIterReached,
  }
}

/** SVR predictions for every row of X (row-major m × d). */
export function svrPredict(
  model: SvrModel,
  spec: KernelSpec,
  X: Float64Array,
  m: number,
): Float64Array {
  const d = model.nFeatures
  const nSV = model.support.length
  const out = new Float64Array(m)
  // One "pair" over every support vector: the same sum in the same order.
  const fast = wasmRbfDecisions(
    spec,
    model.sv,
    nSV,
    d,
    {
      nClass: 2,
      nSupport: Int32Array.of(nSV, 0),
      svCoef: model.coef,
      rho: Float64Array.of(model.rho),
    },
    X,
    m,
  )
  if (fast !== null) return fast
  const kernel = svKernel(spec, model.sv, nSV, d)
  const xsq = rowSquaredNorms(X, m, d)
  const coef = model.coef
  for (let r0 = 0; r0 < m; r0 += kernel.blockRows) {
    const cnt = Math.min(kernel.blockRows, m - r0)
    const K = kernel.block(X, xsq, r0, cnt)
    for (let t = 0; t < cnt; t++) {
      const o = t * nSV
      let s = 0
      for (let k = 0; k < nSV; k++) s += coef[k] * K[o + k]
      out[r0 + t] = s - model.rho
    }
  }
  return out
}

/** One-vs-one C-SVC (trainSvcScratch), its scratch space released on return. */
export const trainSvc = withScratch(trainSvcScratch)

/** epsilon-SVR (trainSvrScratch), its scratch space released on return. */
export const trainSvr = withScratch(trainSvrScratch)
