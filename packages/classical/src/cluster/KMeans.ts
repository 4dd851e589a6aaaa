/** k-means clustering (Lloyd's algorithm) with k-means++ seeding and several restarts, as scikit-learn. */
import { Matrix } from 'ml-matrix'
import { BaseEstimator } from '../base/BaseEstimator.js'
import { InputError } from '../errors.js'
import { Random } from '../internal/random.js'
import {
  checkRange,
  type Dense,
  denseToMatrix,
  type MatrixLike,
  toDense,
  toDenseFitted,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { type ElkanState, KernelDistances } from './internal/KernelDistances.js'

/** Options of KMeans. */
export interface KMeansParams {
  /** Number of clusters. Default 8. */
  nClusters: number
  /** 'k-means++' (default), 'random', or explicit initial centres (nClusters × features; nInit is then 1). */
  init: 'k-means++' | 'random' | number[][]
  /** Restarts; the run with the lowest inertia wins. Default 10. */
  nInit: number
  /** Lloyd iterations per run. Default 300. */
  maxIter: number
  /** Relative tolerance on the centre shift (scaled by the mean feature variance). Default 1e-4. */
  tol: number
  randomState: number | undefined
}

/** Fitted state. */
export interface KMeansState {
  /** nClusters × features, row-major. */
  centers: Float64Array
  labels: Float64Array
  inertia: number
  nIter: number
  nFeatures: number
}

function sqDist(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0
  for (let j = 0; j < d; j++) {
    const t = (a[ao + j] as number) - (b[bo + j] as number)
    s += t * t
  }
  return s
}

/**
 * sqDist with eight partial sums: the Elkan loop's single distances, where one running sum would
 * make each a chain of d dependent additions. Only labels and bounds use these (the reported
 * inertia comes from exact passes), and they round differently from sqDist only in the last
 * bits. The WebAssembly sqDist1 / elkanAssign sum the same way (internal/wasm/sqDistWat.ts).
 */
function sqDist8(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  const s = SQ8
  s.fill(0)
  let j = 0
  for (; j + 7 < d; j += 8) {
    for (let m = 0; m < 8; m++) {
      const t = (a[ao + j + m] as number) - (b[bo + j + m] as number)
      s[m] = (s[m] as number) + t * t
    }
  }
  let tail = 0
  for (; j < d; j++) {
    const t = (a[ao + j] as number) - (b[bo + j] as number)
    tail += t * t
  }
  const v0 = (s[0] as number) + (s[2] as number) + ((s[4] as number) + (s[6] as number))
  const v1 = (s[1] as number) + (s[3] as number) + ((s[5] as number) + (s[7] as number))
  return v0 + v1 + tail
}
const SQ8 = new Float64Array(8)

/**
 * Greedy k-means++ (scikit-learn's): each step draws 2 + ln k candidates proportionally to the
 * squared distance to the chosen centres and keeps the one that lowers the potential most.
 * All candidates of a step are scored in one pass over the data.
 */
function kmeansPlusPlus(
  X: Dense,
  k: number,
  rng: Random,
  kd: KernelDistances | null,
): Float64Array {
  const { data, rows: n, cols: d } = X
  const centers = new Float64Array(k * d)
  const trials = 2 + Math.floor(Math.log(k))
  const first = rng.int(n)
  centers.set(data.subarray(first * d, first * d + d), 0)
  const closest = new Float64Array(n)
  let pot = 0
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(data, i * d, centers, 0, d)
    pot += closest[i] as number
  }
  const cand = new Int32Array(trials)
  const candDist = new Float64Array(trials * n)
  const candPot = new Float64Array(trials)
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) {
      // Inverse-CDF sampling on the squared distances.
      let r = rng.next() * pot
      let idx = n - 1
      for (let i = 0; i < n; i++) {
        r -= closest[i] as number
        if (r < 0) {
          idx = i
          break
        }
      }
      cand[t] = idx
    }
    candPot.fill(0)
    if (kd !== null) {
      const { mem, off, kp } = kd.pass(data, trials, (t) => (cand[t] as number) * d)
      for (let i = 0; i < n; i++) {
        const ci = closest[i] as number
        const o = off + i * kp
        for (let t = 0; t < trials; t++) {
          const v = Math.min(ci, mem[o + t] as number)
          candDist[t * n + i] = v
          candPot[t] = (candPot[t] as number) + v
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xo = i * d
        const ci = closest[i] as number
        let t = 0
        // Four candidates per pass over the sample (each x value loaded once).
        for (; t + 3 < trials; t += 4) {
          const o0 = (cand[t] as number) * d
          const o1 = (cand[t + 1] as number) * d
          const o2 = (cand[t + 2] as number) * d
          const o3 = (cand[t + 3] as number) * d
          let s0 = 0
          let s1 = 0
          let s2 = 0
          let s3 = 0
          for (let j = 0; j < d; j++) {
            const x = data[xo + j] as number
            const a = x - (data[o0 + j] as number)
            const b = x - (data[o1 + j] as number)
            const e = x - (data[o2 + j] as number)
            const f = x - (data[o3 + j] as number)
            s0 += a * a
            s1 += b * b
            s2 += e * e
            s3 += f * f
          }
          s0 = Math.min(ci, s0)
          s1 = Math.min(ci, s1)
          s2 = Math.min(ci, s2)
          s3 = Math.min(ci, s3)
          candDist[t * n + i] = s0
          candDist[(t + 1) * n + i] = s1
          candDist[(t + 2) * n + i] = s2
          candDist[(t + 3) * n + i] = s3
          candPot[t] = (candPot[t] as number) + s0
          candPot[t + 1] = (candPot[t + 1] as number) + s1
          candPot[t + 2] = (candPot[t + 2] as number) + s2
          candPot[t + 3] = (candPot[t + 3] as number) + s3
        }
        for (; t < trials; t++) {
          const v = Math.min(ci, sqDist(data, xo, data, (cand[t] as number) * d, d))
          candDist[t * n + i] = v
          candPot[t] = (candPot[t] as number) + v
        }
      }
    }
    let bestT = 0
    for (let t = 1; t < trials; t++)
      if ((candPot[t] as number) < (candPot[bestT] as number)) bestT = t
    const bestIdx = cand[bestT] as number
    centers.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d)
    closest.set(candDist.subarray(bestT * n, (bestT + 1) * n))
    pot = candPot[bestT] as number
  }
  return centers
}

/**
 * Squared distances of every sample to every centre into `out` (n × k, row-major), four centres
 * per pass over a sample (each x loaded once); every sum runs over the features in order.
 */
function allSqDist(
  X: Dense,
  centers: Float64Array,
  k: number,
  out: Float64Array,
  kd: KernelDistances | null,
): void {
  const { data, rows: n, cols: d } = X
  if (kd !== null) {
    const { mem, off, kp } = kd.pass(centers, k, (c) => c * d)
    for (let i = 0; i < n; i++) {
      const o = off + i * kp
      for (let c = 0; c < k; c++) out[i * k + c] = mem[o + c] as number
    }
    return
  }
  for (let i = 0; i < n; i++) {
    const xo = i * d
    const oo = i * k
    let c = 0
    for (; c + 3 < k; c += 4) {
      const c0 = c * d
      const c1 = c0 + d
      const c2 = c1 + d
      const c3 = c2 + d
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let j = 0; j < d; j++) {
        const x = data[xo + j] as number
        const a = x - (centers[c0 + j] as number)
        const b = x - (centers[c1 + j] as number)
        const e = x - (centers[c2 + j] as number)
        const f = x - (centers[c3 + j] as number)
        s0 += a * a
        s1 += b * b
        s2 += e * e
        s3 += f * f
      }
      out[oo + c] = s0
      out[oo + c + 1] = s1
      out[oo + c + 2] = s2
      out[oo + c + 3] = s3
    }
    for (; c < k; c++) out[oo + c] = sqDist(data, xo, centers, c * d, d)
  }
}

/** Assigns labels (nearest centre, ties to the lower index); returns inertia. */
function assign(
  X: Dense,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
  kd: KernelDistances | null,
): number {
  const n = X.rows
  const D = new Float64Array(n * k)
  allSqDist(X, centers, k, D, kd)
  let inertia = 0
  for (let i = 0; i < n; i++) {
    const oo = i * k
    let best = 0
    let bd = D[oo] as number
    for (let c = 1; c < k; c++) {
      const v = D[oo + c] as number
      if (v < bd) {
        bd = v
        best = c
      }
    }
    labels[i] = best
    dist[i] = bd
    inertia += bd
  }
  return inertia
}

/** Inertia of given labels: Σ ||x_i − c_label(i)||² (the same sums as assign's). */
function inertiaOf(X: Dense, centers: Float64Array, labels: Int32Array): number {
  const { data, rows: n, cols: d } = X
  let inertia = 0
  for (let i = 0; i < n; i++) inertia += sqDist(data, i * d, centers, (labels[i] as number) * d, d)
  return inertia
}

/**
 * Elkan's bounds for Lloyd's assignment step: an upper bound on each sample's distance to its
 * centre, a lower bound per (sample, centre), and the centre-to-centre distances (triangle
 * inequality) let most distance computations be skipped once the centres settle. Labels are those
 * of the full computation; the final labels and inertia are recomputed exactly anyway.
 */
class BoundedAssigner {
  private readonly upper: Float64Array
  private readonly lower: Float64Array
  private readonly cc: Float64Array
  private readonly half: Float64Array
  /**
   * Each centre's total movement since the last exact pass. Lower bounds are stored as
   * (bound + cum[c]) when written and read as (stored − cum[c]), so loosening them after a move
   * costs O(k), not O(n·k); an unclamped negative bound is merely weaker than max(0, ·).
   */
  private readonly cum: Float64Array
  /** The labels' copy in kernel memory for the WebAssembly step (empty without it). */
  private readonly kLabels: Int32Array
  private ready = false

  constructor(
    private readonly X: Dense,
    private readonly k: number,
    private readonly kd: KernelDistances | null,
  ) {
    const st: ElkanState = kd?.elkanState(k) ?? {
      lower: new Float64Array(X.rows * k),
      upper: new Float64Array(X.rows),
      cum: new Float64Array(k),
      cc: new Float64Array(k * k),
      half: new Float64Array(k),
      labels: new Int32Array(0),
    }
    this.upper = st.upper
    this.lower = st.lower
    this.cc = st.cc
    this.half = st.half
    this.cum = st.cum
    this.kLabels = st.labels
  }

  /** Forces exact distances for every sample at the next assignment. */
  invalidate(): void {
    this.ready = false
  }

  assign(centers: Float64Array, labels: Int32Array): void {
    const { data, rows: n, cols: d } = this.X
    const k = this.k
    const lower = this.lower
    const cum = this.cum
    if (!this.ready) {
      cum.fill(0)
      allSqDist(this.X, centers, k, lower, this.kd)
      for (let i = 0; i < n; i++) {
        let best = 0
        let bd = Number.POSITIVE_INFINITY
        for (let c = 0; c < k; c++) {
          const v = Math.sqrt(lower[i * k + c] as number)
          lower[i * k + c] = v
          if (v < bd) {
            bd = v
            best = c
          }
        }
        labels[i] = best
        this.upper[i] = bd
      }
      this.ready = true
      return
    }
    const cc = this.cc
    // Single distances: the WebAssembly sqDist1 on X and the centres in kernel memory, or
    // sqDist8 (the same sums) in TypeScript.
    const kd = this.kd
    const ex = kd === null ? null : kd.kern.ex
    const rowBytes = d * 8
    const aR = kd === null ? 0 : kd.aR
    if (kd !== null) kd.setCentres(centers, k)
    for (let a = 0; a < k; a++) {
      let m = Number.POSITIVE_INFINITY
      for (let c = 0; c < k; c++) {
        if (c === a) continue
        const v =
          c < a
            ? (cc[c * k + a] as number)
            : Math.sqrt(
                ex === null
                  ? sqDist8(centers, a * d, centers, c * d, d)
                  : ex.sqDist1(aR + a * rowBytes, aR + c * rowBytes, d),
              )
        cc[a * k + c] = v
        if (v < m) m = v
      }
      this.half[a] = 0.5 * m
    }
    if (kd !== null) {
      this.kLabels.set(labels)
      kd.elkanAssign(k)
      labels.set(this.kLabels)
      return
    }
    for (let i = 0; i < n; i++) {
      let a = labels[i] as number
      let u = this.upper[i] as number
      if (u <= (this.half[a] as number)) continue
      let stale = true
      const lo = i * k
      for (let c = 0; c < k; c++) {
        if (c === a) continue
        const lc = (lower[lo + c] as number) - (cum[c] as number)
        if (!(u > lc && u > 0.5 * (cc[a * k + c] as number))) continue
        if (stale) {
          u = Math.sqrt(
            ex === null
              ? sqDist8(data, i * d, centers, a * d, d)
              : ex.sqDist1(i * rowBytes, aR + a * rowBytes, d),
          )
          lower[lo + a] = u + (cum[a] as number)
          stale = false
          if (!(u > lc && u > 0.5 * (cc[a * k + c] as number))) continue
        }
        const v = Math.sqrt(
          ex === null
            ? sqDist8(data, i * d, centers, c * d, d)
            : ex.sqDist1(i * rowBytes, aR + c * rowBytes, d),
        )
        lower[lo + c] = v + (cum[c] as number)
        // Ties go to the lower index, as the full argmin does.
        if (v < u || (v === u && c < a)) {
          a = c
          u = v
        }
      }
      labels[i] = a
      this.upper[i] = u
    }
  }

  /** Loosens the bounds after the centres moved by `shift` (Euclidean, per centre). */
  moved(shift: Float64Array, labels: Int32Array): void {
    for (let c = 0; c < this.k; c++) this.cum[c] = (this.cum[c] as number) + (shift[c] as number)
    for (let i = 0; i < this.X.rows; i++)
      this.upper[i] = (this.upper[i] as number) + (shift[labels[i] as number] as number)
  }
}

function lloyd(
  X: Dense,
  init: Float64Array,
  k: number,
  maxIter: number,
  tolAbs: number,
  kd: KernelDistances | null,
) {
  const { data, rows: n, cols: d } = X
  let centers = Float64Array.from(init)
  const labels = new Int32Array(n)
  const prev = new Int32Array(n).fill(-1)
  const assigner = new BoundedAssigner(X, k, kd)
  const shiftC = new Float64Array(k)
  // Per-cluster sums and counts of the current labels, updated only for the samples whose label
  // changed (after the first passes few do): the centre step costs O(changes · d), not O(n · d).
  const sums = new Float64Array(k * d)
  const counts = new Float64Array(k)
  const owner = new Int32Array(n).fill(-1)
  let iter = 0
  for (iter = 0; iter < maxIter; iter++) {
    assigner.assign(centers, labels)
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number
      const o = owner[i] as number
      if (c === o) continue
      const off = i * d
      if (o >= 0) {
        counts[o] = (counts[o] as number) - 1
        const oo = o * d
        for (let j = 0; j < d; j++)
          sums[oo + j] = (sums[oo + j] as number) - (data[off + j] as number)
      }
      counts[c] = (counts[c] as number) + 1
      const co = c * d
      for (let j = 0; j < d; j++)
        sums[co + j] = (sums[co + j] as number) + (data[off + j] as number)
      owner[i] = c
    }
    const next = new Float64Array(k * d)
    let relocated = false
    const taken = new Set<number>()
    let dist: Float64Array | null = null
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // Empty cluster: move it to the sample farthest from its centre (scikit-learn's relocation).
        if (!dist) {
          dist = new Float64Array(n)
          for (let i = 0; i < n; i++)
            dist[i] = sqDist(data, i * d, centers, (labels[i] as number) * d, d)
        }
        let far = -1
        let fd = -1
        for (let i = 0; i < n; i++) {
          if (!taken.has(i) && (dist[i] as number) > fd) {
            fd = dist[i] as number
            far = i
          }
        }
        taken.add(far)
        next.set(data.subarray(far * d, far * d + d), c * d)
        relocated = true
      } else {
        for (let j = 0; j < d; j++)
          next[c * d + j] = (sums[c * d + j] as number) / (counts[c] as number)
      }
    }
    let shift = 0
    for (let c = 0; c < k; c++) {
      const sc = sqDist(next, c * d, centers, c * d, d)
      shift += sc
      shiftC[c] = Math.sqrt(sc)
    }
    centers = next
    if (relocated) assigner.invalidate()
    else assigner.moved(shiftC, labels)
    let same = true
    for (let i = 0; i < n; i++) {
      if (labels[i] !== prev[i]) {
        same = false
        break
      }
    }
    if (same && !relocated) {
      // Stable labels: the new centres are the old ones bit for bit (same means of the same
      // samples), so the labels already are the final assignment; only the inertia is left.
      return { centers, labels, inertia: inertiaOf(X, centers, labels), nIter: iter + 1 }
    }
    if (same) {
      iter++
      break
    }
    prev.set(labels)
    if (shift <= tolAbs) {
      iter++
      break
    }
  }
  // Labels and inertia must describe the final centres (exact distances, no bounds).
  const inertia = assign(X, centers, k, labels, new Float64Array(n), kd)
  return { centers, labels, inertia, nIter: iter }
}

/**
 * k-means clustering.
 * @example
 * const km = new KMeans({ nClusters: 3, randomState: 0 }).fit(X)
 * km.predict(Xnew); km.inertia
 */
export class KMeans extends BaseEstimator<KMeansParams, KMeansState> {
  readonly kind = 'KMeans'

  constructor(options: Partial<KMeansParams> = {}) {
    super(
      {
        nClusters: 8,
        init: 'k-means++',
        nInit: 10,
        maxIter: 300,
        tol: 1e-4,
        randomState: undefined,
      },
      options,
    )
  }

  fit(X: MatrixLike, _y?: VectorLike): this {
    const api = `${this.kind}.fit`
    const p = this.params
    const Xd = toDense(X, api)
    const k = checkRange(p.nClusters, 'nClusters', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
    if (k > Xd.rows) {
      throw new InputError(
        `${api}: nClusters = ${k} but X has only ${Xd.rows} samples; expected nClusters <= samples`,
      )
    }
    const nInit = checkRange(p.nInit, 'nInit', api, 1, Number.POSITIVE_INFINITY, { integer: true })
    const maxIter = checkRange(p.maxIter, 'maxIter', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
    const tol = checkRange(p.tol, 'tol', api, 0, Number.POSITIVE_INFINITY)
    const { data, rows: n, cols: d } = Xd
    // scikit-learn's tol is relative to the mean per-feature variance (row-wise passes: cache friendly).
    const mu = new Float64Array(d)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) + (data[i * d + j] as number)
    for (let j = 0; j < d; j++) mu[j] = (mu[j] as number) / n
    let meanVar = 0
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) meanVar += ((data[i * d + j] as number) - (mu[j] as number)) ** 2
    }
    meanVar /= n
    const tolAbs = (tol * meanVar) / d
    const rng = new Random(p.randomState)
    let explicit: Float64Array | null = null
    if (Array.isArray(p.init)) {
      const I = toDense(p.init, `${api} (init)`)
      if (I.rows !== k || I.cols !== d) {
        throw new InputError(`${api}: init centres are ${I.rows}x${I.cols}; expected ${k}x${d}`)
      }
      explicit = I.data
    } else if (p.init !== 'k-means++' && p.init !== 'random') {
      throw new InputError(
        `${api}: init = ${JSON.stringify(p.init)}; expected 'k-means++', 'random' or a ${k}x${d} array`,
      )
    }
    const runs = explicit ? 1 : nInit
    // k-means++ scores 2 + ⌊ln k⌋ candidates per pass, Lloyd k centres.
    const kd = KernelDistances.create(Xd, Math.max(k, 2 + Math.floor(Math.log(k))))
    let best: ReturnType<typeof lloyd> | null = null
    for (let r = 0; r < runs; r++) {
      let init: Float64Array
      if (explicit) init = explicit
      else if (p.init === 'random') {
        init = new Float64Array(k * d)
        const perm = rng.permutation(n)
        for (let c = 0; c < k; c++)
          init.set(data.subarray((perm[c] as number) * d, (perm[c] as number) * d + d), c * d)
      } else init = kmeansPlusPlus(Xd, k, rng, kd)
      const res = lloyd(Xd, init, k, maxIter, tolAbs, kd)
      if (best === null || res.inertia < best.inertia) best = res
    }
    const b = best as ReturnType<typeof lloyd>
    this.state = {
      centers: b.centers,
      labels: Float64Array.from(b.labels),
      inertia: b.inertia,
      nIter: b.nIter,
      nFeatures: d,
    }
    return this
  }

  /** Index of the nearest centre for each sample. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const api = `${this.kind}.predict`
    const Q = toDenseFitted(X, s.nFeatures, api)
    const labels = new Int32Array(Q.rows)
    const k = s.centers.length / s.nFeatures
    assign(Q, s.centers, k, labels, new Float64Array(Q.rows), KernelDistances.create(Q, k))
    return Float64Array.from(labels)
  }

  /** Fits and returns the training labels. */
  fitPredict(X: MatrixLike): Float64Array {
    return this.fit(X).labels
  }

  /** Euclidean distance of each sample to each centre. */
  transform(X: MatrixLike): Matrix {
    const s = this.fittedState('transform')
    const api = `${this.kind}.transform`
    const Q = toDenseFitted(X, s.nFeatures, api)
    const k = s.centers.length / s.nFeatures
    const out = new Matrix(Q.rows, k)
    for (let i = 0; i < Q.rows; i++) {
      for (let c = 0; c < k; c++)
        out.set(
          i,
          c,
          Math.sqrt(sqDist(Q.data, i * s.nFeatures, s.centers, c * s.nFeatures, s.nFeatures)),
        )
    }
    return out
  }

  /** Negative inertia of X under the fitted centres (higher is better, as scikit-learn). */
  score(X: MatrixLike): number {
    const s = this.fittedState('score')
    const api = `${this.kind}.score`
    const Q = toDenseFitted(X, s.nFeatures, api)
    const k = s.centers.length / s.nFeatures
    return -assign(
      Q,
      s.centers,
      k,
      new Int32Array(Q.rows),
      new Float64Array(Q.rows),
      KernelDistances.create(Q, k),
    )
  }

  get clusterCenters(): Matrix {
    const s = this.fittedState('clusterCenters')
    return denseToMatrix({
      data: s.centers,
      rows: s.centers.length / s.nFeatures,
      cols: s.nFeatures,
    })
  }

  /** Training labels. */
  get labels(): Float64Array {
    return this.fittedState('labels').labels.slice()
  }

  /** Sum of squared distances of the training samples to their centre. */
  get inertia(): number {
    return this.fittedState('inertia').inertia
  }

  get nIter(): number {
    return this.fittedState('nIter').nIter
  }
}

registerEstimator('KMeans', (json) => KMeans.fromJSON(json))
