/**
 * The SMO solver of LIBSVM (Chang & Lin), ported line for line so that it reaches the same
 * solutions: second-order working-set selection (WSS3, Fan, Chen & Lin 2005), shrinking with
 * gradient reconstruction, and LIBSVM's bias (rho) computation. It solves
 *
 *   min_a  ½ aᵀQa + pᵀa   s.t.  yᵀa = Δ,  0 ≤ a_i ≤ C_i  (C_i = Cp for y_i = +1, Cn otherwise)
 */
import type { QMatrix } from './QMatrix.js'
import type { SolverArena } from './SolverArena.js'
import { scratchF64, scratchI8, scratchI32, scratchU8 } from './scratch.js'

const TAU = 1e-12
const LOWER = 0
const UPPER = 1
const FREE = 2

export interface SolveResult {
  alpha: Float64Array
  rho: number
  obj: number
  iterations: number
  /** True when the iteration cap was hit before the tolerance was met. */
  maxIterReached: boolean
}

export interface SolveOptions {
  eps: number
  shrinking: boolean
  /** Hard cap on iterations; -1 means LIBSVM's default max(10⁷, 100·l). */
  maxIter: number
}

/** Solver state; methods copy fields into locals so TurboFan keeps the loops tight. */
class Solver {
  readonly l: number
  readonly p: Float64Array
  readonly y: Int8Array
  readonly alpha: Float64Array
  readonly status: Uint8Array
  /** I_up / I_low membership (Keerthi et al.): where alpha may still move up / down along y. */
  readonly up: Uint8Array
  readonly low: Uint8Array
  /**
   * The same flags as multipliers for the WebAssembly scans: upNegY[t] = -y[t] when t ∈ I_up and
   * lowY[t] = y[t] when t ∈ I_low, NaN otherwise (a NaN product fails every comparison).
   */
  readonly upNegY: Float64Array
  readonly lowY: Float64Array
  /** Set when G, the multipliers, QD and the Q rows live in an arena's memory. */
  readonly arena: SolverArena | null
  readonly activeSet: Int32Array
  readonly G: Float64Array
  readonly Gbar: Float64Array
  readonly QD: Float64Array
  activeSize: number
  unshrink = false
  outI = -1
  outJ = -1
  /**
   * step() also finds the next working set's first index (max of -y·G over I_up) while it
   * updates G, saving a pass. Valid only until anything else changes G, the flags or the order.
   */
  nextValid = false
  nextGmax = Number.NEGATIVE_INFINITY
  nextIdx = -1

  constructor(
    readonly Q: QMatrix,
    pIn: Float64Array,
    yIn: Int8Array,
    alphaIn: Float64Array,
    readonly Cp: number,
    readonly Cn: number,
    readonly eps: number,
    arena: SolverArena | null,
  ) {
    const l = pIn.length
    this.l = l
    // Every array here lives for one solve: scratch space (see scratch.ts), not fresh arrays.
    this.p = scratchF64(l)
    this.p.set(pIn)
    this.y = scratchI8(l)
    this.y.set(yIn)
    this.alpha = scratchF64(l)
    this.alpha.set(alphaIn)
    this.status = scratchU8(l)
    this.up = scratchU8(l)
    this.low = scratchU8(l)
    this.activeSet = scratchI32(l)
    const v = arena?.vectors(l)
    this.arena = v !== undefined && arena!.owns(Q.QD) ? arena : null
    this.G = this.arena !== null && v !== undefined ? v.G : scratchF64(l)
    this.upNegY = this.arena !== null && v !== undefined ? v.upNegY : scratchF64(l)
    this.lowY = this.arena !== null && v !== undefined ? v.lowY : scratchF64(l)
    this.Gbar = this.arena !== null && v !== undefined ? v.Gbar.fill(0) : scratchF64(l)
    this.QD = Q.QD
    this.activeSize = l
  }

  updateStatus(i: number): void {
    const pos = this.y[i] > 0
    const c = pos ? this.Cp : this.Cn
    const a = this.alpha[i]
    const st = a >= c ? UPPER : a <= 0 ? LOWER : FREE
    this.status[i] = st
    const up = pos ? (st !== UPPER ? 1 : 0) : st !== LOWER ? 1 : 0
    const low = pos ? (st !== LOWER ? 1 : 0) : st !== UPPER ? 1 : 0
    this.up[i] = up
    this.low[i] = low
    this.upNegY[i] = up !== 0 ? -this.y[i] : Number.NaN
    this.lowY[i] = low !== 0 ? this.y[i] : Number.NaN
  }

  swapIndex(i: number, j: number): void {
    this.nextValid = false
    const { y, G, status, alpha, p, activeSet, Gbar } = this
    this.Q.swapIndex(i, j)
    let t: number = y[i]
    y[i] = y[j]
    y[j] = t
    t = G[i]
    G[i] = G[j]
    G[j] = t
    t = status[i]
    status[i] = status[j]
    status[j] = t
    const { up, low } = this
    t = up[i]
    up[i] = up[j]
    up[j] = t
    t = low[i]
    low[i] = low[j]
    low[j] = t
    const { upNegY, lowY } = this
    t = upNegY[i]
    upNegY[i] = upNegY[j]
    upNegY[j] = t
    t = lowY[i]
    lowY[i] = lowY[j]
    lowY[j] = t
    t = alpha[i]
    alpha[i] = alpha[j]
    alpha[j] = t
    t = p[i]
    p[i] = p[j]
    p[j] = t
    t = activeSet[i]
    activeSet[i] = activeSet[j]
    activeSet[j] = t
    t = Gbar[i]
    Gbar[i] = Gbar[j]
    Gbar[j] = t
  }

  reconstructGradient(): void {
    this.nextValid = false
    const { l, G, Gbar, p, status, alpha, Q } = this
    const activeSize = this.activeSize
    if (activeSize === l) return
    for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + p[j]
    let nrFree = 0
    for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nrFree++
    if (nrFree * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const Qi = Q.getQ(i, activeSize)
        let g = G[i]
        for (let j = 0; j < activeSize; j++) if (status[j] === FREE) g += alpha[j] * Qi[j]
        G[i] = g
      }
    } else {
      for (let i = 0; i < activeSize; i++) {
        if (status[i] === FREE) {
          const Qi = Q.getQ(i, l)
          const ai = alpha[i]
          for (let j = activeSize; j < l; j++) G[j] += ai * Qi[j]
        }
      }
    }
  }

  /**
   * WSS3; returns true when optimal (no violating pair), else sets outI/outJ. Written with the
   * I_up / I_low flags and y·G (y = ±1, so every product is exact): the same choices as LIBSVM's
   * branchy version, with fewer branches.
   */
  selectWorkingSet(): boolean {
    const { y, up, low, G, QD } = this
    const activeSize = this.activeSize
    let Gmax = Number.NEGATIVE_INFINITY
    let Gmax2 = Number.NEGATIVE_INFINITY
    let GmaxIdx = -1
    let GminIdx = -1
    let objDiffMin = Number.POSITIVE_INFINITY
    if (this.nextValid) {
      Gmax = this.nextGmax
      GmaxIdx = this.nextIdx
    } else {
      let t0 = 0
      const arena = this.arena
      if (arena !== null && !arena.exhausted) {
        t0 = activeSize & ~1
        GmaxIdx = arena.scans.gmax(t0)
        Gmax = arena.res[0]
      }
      for (let t = t0; t < activeSize; t++) {
        if (up[t] !== 0) {
          const v = -y[t] * G[t]
          if (v >= Gmax) {
            Gmax = v
            GmaxIdx = t
          }
        }
      }
    }
    this.nextValid = false
    const i = GmaxIdx
    if (i !== -1) {
      const Qi = this.Q.getQ(i, activeSize)
      const yi = y[i]
      const QDi = QD[i]
      let j0 = 0
      const arena = this.arena
      if (arena !== null && !arena.exhausted) {
        j0 = activeSize & ~1
        GminIdx = arena.scans.wss(Qi.byteOffset, j0, Gmax, QDi, 2.0 * yi)
        Gmax2 = arena.res[0]
        objDiffMin = arena.res[1]
      }
      for (let j = j0; j < activeSize; j++) {
        if (low[j] !== 0) {
          const yj = y[j]
          const yG = yj * G[j]
          if (yG >= Gmax2) Gmax2 = yG
          const gradDiff = Gmax + yG
          if (gradDiff > 0) {
            const quad = QDi + QD[j] - 2.0 * yi * yj * Qi[j]
            const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU)
            if (objDiff <= objDiffMin) {
              GminIdx = j
              objDiffMin = objDiff
            }
          }
        }
      }
    } else {
      for (let j = 0; j < activeSize; j++) {
        if (low[j] !== 0) {
          const yG = y[j] * G[j]
          if (yG >= Gmax2) Gmax2 = yG
        }
      }
    }
    if (Gmax + Gmax2 < this.eps || GminIdx === -1) return true
    this.outI = GmaxIdx
    this.outJ = GminIdx
    return false
  }

  beShrunk(i: number, Gmax1: number, Gmax2: number): boolean {
    const st = this.status[i]
    const g = this.G[i]
    if (st === UPPER) return this.y[i] === 1 ? -g > Gmax1 : -g > Gmax2
    if (st === LOWER) return this.y[i] === 1 ? g > Gmax2 : g > Gmax1
    return false
  }

  doShrinking(): void {
    this.nextValid = false
    const { y, status, G } = this
    let Gmax1 = Number.NEGATIVE_INFINITY
    let Gmax2 = Number.NEGATIVE_INFINITY
    for (let i = 0; i < this.activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i]
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i]
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i]
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i]
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.eps * 10) {
      this.unshrink = true
      this.reconstructGradient()
      this.activeSize = this.l
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (this.beShrunk(i, Gmax1, Gmax2)) {
        this.activeSize--
        while (this.activeSize > i) {
          if (!this.beShrunk(this.activeSize, Gmax1, Gmax2)) {
            this.swapIndex(i, this.activeSize)
            break
          }
          this.activeSize--
        }
      }
    }
  }

  calculateRho(): number {
    const { y, status, G } = this
    let nrFree = 0
    let ub = Number.POSITIVE_INFINITY
    let lb = Number.NEGATIVE_INFINITY
    let sumFree = 0
    for (let i = 0; i < this.activeSize; i++) {
      const yG = y[i] * G[i]
      if (status[i] === UPPER) {
        if (y[i] === -1) ub = Math.min(ub, yG)
        else lb = Math.max(lb, yG)
      } else if (status[i] === LOWER) {
        if (y[i] === 1) ub = Math.min(ub, yG)
        else lb = Math.max(lb, yG)
      } else {
        nrFree++
        sumFree += yG
      }
    }
    return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2
  }

  /** One SMO step on the pair (i, j): LIBSVM's clipped two-variable update. */
  step(i: number, j: number): void {
    const { Q, y, alpha, G, Gbar, QD, status, l } = this
    const activeSize = this.activeSize
    const Qi = Q.getQ(i, activeSize)
    const Qj = Q.getQ(j, activeSize)
    const Ci = y[i] > 0 ? this.Cp : this.Cn
    const Cj = y[j] > 0 ? this.Cp : this.Cn
    const oldAi = alpha[i]
    const oldAj = alpha[j]
    let ai = oldAi
    let aj = oldAj
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * Qi[j]
      if (quad <= 0) quad = TAU
      const delta = (-G[i] - G[j]) / quad
      const diff = ai - aj
      ai += delta
      aj += delta
      if (diff > 0) {
        if (aj < 0) {
          aj = 0
          ai = diff
        }
      } else if (ai < 0) {
        ai = 0
        aj = -diff
      }
      if (diff > Ci - Cj) {
        if (ai > Ci) {
          ai = Ci
          aj = Ci - diff
        }
      } else if (aj > Cj) {
        aj = Cj
        ai = Cj + diff
      }
    } else {
      let quad = QD[i] + QD[j] - 2 * Qi[j]
      if (quad <= 0) quad = TAU
      const delta = (G[i] - G[j]) / quad
      const sum = ai + aj
      ai -= delta
      aj += delta
      if (sum > Ci) {
        if (ai > Ci) {
          ai = Ci
          aj = sum - Ci
        }
      } else if (aj < 0) {
        aj = 0
        ai = sum
      }
      if (sum > Cj) {
        if (aj > Cj) {
          aj = Cj
          ai = sum - Cj
        }
      } else if (ai < 0) {
        ai = 0
        aj = sum
      }
    }
    alpha[i] = ai
    alpha[j] = aj

    const dAi = ai - oldAi
    const dAj = aj - oldAj
    const { up } = this
    let Gmax = Number.NEGATIVE_INFINITY
    let GmaxIdx = -1
    let k0 = 0
    const arena = this.arena
    if (arena !== null && !arena.exhausted) {
      k0 = activeSize & ~1
      GmaxIdx = arena.scans.gstep(Qi.byteOffset, Qj.byteOffset, k0, dAi, dAj)
      Gmax = arena.res[0]
    }
    for (let k = k0; k < activeSize; k++) {
      const g = G[k] + (Qi[k] * dAi + Qj[k] * dAj)
      G[k] = g
      if (up[k] !== 0) {
        const v = -y[k] * g
        if (v >= Gmax) {
          Gmax = v
          GmaxIdx = k
        }
      }
    }

    const ui = status[i] === UPPER
    const uj = status[j] === UPPER
    const upI = up[i]
    const upJ = up[j]
    this.updateStatus(i)
    this.updateStatus(j)
    // The scan used i's and j's old I_up flags. A position that joined I_up competes now (ties
    // go to the larger index, as in the scan); one that left matters only if it was the
    // maximum (if it tied the maximum at a larger index it would have been chosen), and then
    // the next selection scans again.
    let valid = true
    for (let s = 0; s < 2; s++) {
      const t = s === 0 ? i : j
      const was = s === 0 ? upI : upJ
      if (up[t] === was) continue
      if (up[t] === 0) {
        if (t === GmaxIdx) valid = false
      } else {
        const v = -y[t] * G[t]
        if (v > Gmax || (v === Gmax && t > GmaxIdx)) {
          Gmax = v
          GmaxIdx = t
        }
      }
    }
    this.nextValid = valid
    this.nextGmax = Gmax
    this.nextIdx = GmaxIdx
    // In the arena, WebAssembly adds ±C·Q (adding −C·Q is exactly subtracting C·Q).
    const wasm = arena !== null && !arena.exhausted
    if (ui !== (status[i] === UPPER)) {
      const Qil = Q.getQ(i, l)
      if (wasm) arena.scans.gbar(Qil.byteOffset, l, ui ? -Ci : Ci)
      else if (ui) for (let k = 0; k < l; k++) Gbar[k] -= Ci * Qil[k]
      else for (let k = 0; k < l; k++) Gbar[k] += Ci * Qil[k]
    }
    if (uj !== (status[j] === UPPER)) {
      const Qjl = Q.getQ(j, l)
      if (wasm) arena.scans.gbar(Qjl.byteOffset, l, uj ? -Cj : Cj)
      else if (uj) for (let k = 0; k < l; k++) Gbar[k] -= Cj * Qjl[k]
      else for (let k = 0; k < l; k++) Gbar[k] += Cj * Qjl[k]
    }
  }
}

export function solveSmo(
  Q: QMatrix,
  pIn: Float64Array,
  yIn: Int8Array,
  alphaIn: Float64Array,
  Cp: number,
  Cn: number,
  opts: SolveOptions,
  arena: SolverArena | null = null,
): SolveResult {
  const s = new Solver(Q, pIn, yIn, alphaIn, Cp, Cn, opts.eps, arena)
  const { l, G, Gbar, p, alpha, status, activeSet } = s
  for (let i = 0; i < l; i++) {
    s.updateStatus(i)
    activeSet[i] = i
    G[i] = p[i]
  }
  for (let i = 0; i < l; i++) {
    if (status[i] !== LOWER) {
      const Qi = Q.getQ(i, l)
      const ai = alpha[i]
      for (let j = 0; j < l; j++) G[j] += ai * Qi[j]
      if (status[i] === UPPER) {
        const ci = s.y[i] > 0 ? Cp : Cn
        for (let j = 0; j < l; j++) Gbar[j] += ci * Qi[j]
      }
    }
  }

  let iter = 0
  const maxIter = opts.maxIter >= 0 ? opts.maxIter : Math.max(10_000_000, 100 * l)
  let counter = Math.min(l, 1000) + 1
  while (iter < maxIter) {
    if (--counter === 0) {
      counter = Math.min(l, 1000)
      if (opts.shrinking) s.doShrinking()
    }
    if (s.selectWorkingSet()) {
      s.reconstructGradient()
      s.activeSize = l
      if (s.selectWorkingSet()) break
      counter = 1
    }
    ++iter
    s.step(s.outI, s.outJ)
  }

  const maxIterReached = iter >= maxIter
  if (maxIterReached && s.activeSize < l) {
    s.reconstructGradient()
    s.activeSize = l
  }

  const rho = s.calculateRho()
  let v = 0
  for (let i = 0; i < l; i++) v += alpha[i] * (G[i] + p[i])
  // Scratch too: callers read alpha before their fit's scratch is released.
  const out = scratchF64(l)
  for (let i = 0; i < l; i++) out[activeSet[i]] = alpha[i]
  return { alpha: out, rho, obj: v / 2, iterations: iter, maxIterReached }
}
