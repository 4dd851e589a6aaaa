/**
 * Limited-memory BFGS for smooth unconstrained problems, written to follow L-BFGS-B 3.0 (what
 * scipy and therefore scikit-learn's 'lbfgs' solver run) when no bounds are active: memory 10,
 * the Moré-Thuente line search (dcsrch, ftol 1e-3, gtol 0.9, xtol 0.1), first step 1/||g||,
 * and the same stopping tests (max|g| <= gtol, relative decrease <= ftol, maxIter).
 */

/** Objective: writes the gradient into `grad` and returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number

/** Options of lbfgs. */
export interface LbfgsOptions {
  maxIter: number
  /** Projected-gradient tolerance: stop when max|g_i| <= gtol. */
  gtol: number
  /** Relative function decrease tolerance (scipy's default 2.22e-9). */
  ftol?: number
  /** Correction pairs kept. */
  memory?: number
  /** Function evaluations per line search. */
  maxLineSearch?: number
}

/** Outcome of lbfgs. */
export interface LbfgsResult {
  x: Float64Array
  f: number
  nIter: number
  /** Objective evaluations. */
  nEval: number
  converged: boolean
  message: string
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}

function infNorm(a: Float64Array): number {
  let m = 0
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] as number)
    if (v > m) m = v
  }
  return m
}

/** Minimises `fun` from `x0` (not modified). */
export function lbfgs(objective: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  let nEval = 0
  const fun: Objective = (x, g) => {
    nEval++
    return objective(x, g)
  }
  const n = x0.length
  const m = opts.memory ?? 10
  const ftol = opts.ftol ?? 2.220446049250313e-9
  const maxls = opts.maxLineSearch ?? 20
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let f = fun(x, g)
  if (infNorm(g) <= opts.gtol) {
    return { x, f, nIter: 0, nEval, converged: true, message: 'projected gradient below gtol' }
  }
  const S: Float64Array[] = []
  const Y: Float64Array[] = []
  const rho: number[] = []
  const d = new Float64Array(n)
  const alphaBuf = new Float64Array(m)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  let iter = 0
  let retried = false
  while (true) {
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number)
    const k = S.length
    for (let j = k - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dotv(S[j] as Float64Array, d)
      alphaBuf[j] = a
      const yj = Y[j] as Float64Array
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - a * (yj[i] as number)
    }
    if (k > 0) {
      const yl = Y[k - 1] as Float64Array
      const gamma = 1 / ((rho[k - 1] as number) * dotv(yl, yl))
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma
    }
    for (let j = 0; j < k; j++) {
      const b = (rho[j] as number) * dotv(Y[j] as Float64Array, d)
      const sj = S[j] as Float64Array
      const c = (alphaBuf[j] as number) - b
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + c * (sj[i] as number)
    }
    let gd = dotv(g, d)
    if (!(gd < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0
      Y.length = 0
      rho.length = 0
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number)
      gd = dotv(g, d)
    }
    const stp0 = iter === 0 && S.length === 0 ? Math.min(1 / Math.sqrt(dotv(d, d)), 1e10) : 1
    const fOld = f
    const ls = moreThuente(
      (stp) => {
        for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + stp * (d[i] as number)
        const fv = fun(xNew, gNew)
        return [fv, dotv(gNew, d)]
      },
      f,
      gd,
      stp0,
      maxls,
    )
    if (!ls.ok) {
      if (retried || S.length === 0) {
        return { x, f, nIter: iter, nEval, converged: false, message: 'line search failed' }
      }
      // L-BFGS-B's recovery: drop the memory and retry along -g once.
      retried = true
      S.length = 0
      Y.length = 0
      rho.length = 0
      continue
    }
    retried = false
    // The line search's last evaluation may not be at ls.stp; re-evaluate if needed.
    if (ls.stp !== ls.lastStp) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + ls.stp * (d[i] as number)
      fun(xNew, gNew)
    }
    const s = new Float64Array(n)
    const yv = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number)
      yv[i] = (gNew[i] as number) - (g[i] as number)
    }
    x.set(xNew)
    g.set(gNew)
    f = ls.f
    iter++
    const sy = dotv(s, yv)
    if (sy > Number.EPSILON * dotv(yv, yv)) {
      if (S.length === m) {
        S.shift()
        Y.shift()
        rho.shift()
      }
      S.push(s)
      Y.push(yv)
      rho.push(1 / sy)
    }
    if (infNorm(g) <= opts.gtol) {
      return { x, f, nIter: iter, nEval, converged: true, message: 'projected gradient below gtol' }
    }
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      return { x, f, nIter: iter, nEval, converged: true, message: 'relative reduction below ftol' }
    }
    if (iter >= opts.maxIter) {
      return { x, f, nIter: iter, nEval, converged: false, message: 'maxIter reached' }
    }
  }
}

interface LineSearchResult {
  ok: boolean
  stp: number
  lastStp: number
  f: number
}

/** Moré-Thuente line search (MINPACK-2 dcsrch) with L-BFGS-B's constants. */
function moreThuente(
  phi: (stp: number) => [number, number],
  finit: number,
  ginit: number,
  stp0: number,
  maxls: number,
): LineSearchResult {
  const ftol = 1e-3
  const gtol = 0.9
  const xtol = 0.1
  const stpmin = 0
  const stpmax = 1e10
  const xtrapl = 1.1
  const xtrapu = 4
  let stp = stp0
  let brackt = false
  let stage = 1
  const gtest = ftol * ginit
  let width = stpmax - stpmin
  let width1 = width / 0.5
  const st = { stx: 0, fx: finit, gx: ginit, sty: 0, fy: finit, gy: ginit, brackt: false }
  let stmin = 0
  let stmax = stp + xtrapu * stp
  let bestF = finit
  let bestStp = 0
  for (let evals = 0; evals < maxls; evals++) {
    const [f, g] = phi(stp)
    const lastStp = stp
    if (f < bestF) {
      bestF = f
      bestStp = stp
    }
    const ftest = finit + stp * gtest
    if (stage === 1 && f <= ftest && g >= 0) stage = 2
    if (f <= ftest && Math.abs(g) <= gtol * -ginit) return { ok: true, stp, lastStp, f }
    if (
      (brackt && (stp <= stmin || stp >= stmax)) ||
      (brackt && stmax - stmin <= xtol * stmax) ||
      (stp === stpmax && f <= ftest && g <= gtest) ||
      (stp === stpmin && (f > ftest || g >= gtest))
    ) {
      // dcsrch's warnings: accept the point if it decreased f (L-BFGS-B does the same).
      return bestF < finit
        ? { ok: true, stp: bestStp, lastStp, f: bestF }
        : { ok: false, stp, lastStp, f }
    }
    st.brackt = brackt
    let nextStp: number
    if (stage === 1 && f <= st.fx && f > ftest) {
      const fm = f - stp * gtest
      const mod: StepState = {
        stx: st.stx,
        fx: st.fx - st.stx * gtest,
        gx: st.gx - gtest,
        sty: st.sty,
        fy: st.fy - st.sty * gtest,
        gy: st.gy - gtest,
        brackt,
      }
      nextStp = dcstep(mod, stp, fm, g - gtest, stmin, stmax)
      st.stx = mod.stx
      st.sty = mod.sty
      st.fx = mod.fx + mod.stx * gtest
      st.fy = mod.fy + mod.sty * gtest
      st.gx = mod.gx + gtest
      st.gy = mod.gy + gtest
      brackt = mod.brackt
    } else {
      nextStp = dcstep(st, stp, f, g, stmin, stmax)
      brackt = st.brackt
    }
    stp = nextStp
    if (brackt) {
      if (Math.abs(st.sty - st.stx) >= 0.66 * width1) stp = st.stx + 0.5 * (st.sty - st.stx)
      width1 = width
      width = Math.abs(st.sty - st.stx)
      stmin = Math.min(st.stx, st.sty)
      stmax = Math.max(st.stx, st.sty)
    } else {
      stmin = stp + xtrapl * (stp - st.stx)
      stmax = stp + xtrapu * (stp - st.stx)
    }
    stp = Math.min(Math.max(stp, stpmin), stpmax)
    if ((brackt && (stp <= stmin || stp >= stmax)) || (brackt && stmax - stmin <= xtol * stmax)) {
      stp = st.stx
    }
  }
  return bestF < finit
    ? { ok: true, stp: bestStp, lastStp: Number.NaN, f: bestF }
    : { ok: false, stp, lastStp: Number.NaN, f: finit }
}

interface StepState {
  stx: number
  fx: number
  gx: number
  sty: number
  fy: number
  gy: number
  brackt: boolean
}

/** MINPACK-2 dcstep: safeguarded cubic/quadratic step; updates the interval in `s`. */
function dcstep(
  s: StepState,
  stp: number,
  fp: number,
  dp: number,
  stpmin: number,
  stpmax: number,
): number {
  const { stx, fx, gx: dx, sty, fy, gy: dy } = s
  const sgnd = dp * Math.sign(dx)
  let stpf: number
  if (fp > fx) {
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp
    const sc = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp))
    let gamma = sc * Math.sqrt((theta / sc) ** 2 - (dx / sc) * (dp / sc))
    if (stp < stx) gamma = -gamma
    const p = gamma - dx + theta
    const q = gamma - dx + gamma + dp
    const r = p / q
    const stpc = stx + r * (stp - stx)
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx)
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2
    s.brackt = true
  } else if (sgnd < 0) {
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp
    const sc = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp))
    let gamma = sc * Math.sqrt((theta / sc) ** 2 - (dx / sc) * (dp / sc))
    if (stp > stx) gamma = -gamma
    const p = gamma - dp + theta
    const q = gamma - dp + gamma + dx
    const r = p / q
    const stpc = stp + r * (stx - stp)
    const stpq = stp + (dp / (dp - dx)) * (stx - stp)
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq
    s.brackt = true
  } else if (Math.abs(dp) < Math.abs(dx)) {
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp
    const sc = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp))
    let gamma = sc * Math.sqrt(Math.max(0, (theta / sc) ** 2 - (dx / sc) * (dp / sc)))
    if (stp > stx) gamma = -gamma
    const p = gamma - dp + theta
    const q = gamma + (dx - dp) + gamma
    const r = p / q
    let stpc: number
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp)
    else if (stp > stx) stpc = stpmax
    else stpc = stpmin
    const stpq = stp + (dp / (dp - dx)) * (stx - stp)
    if (s.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq
      stpf =
        stp > stx
          ? Math.min(stp + 0.66 * (sty - stp), stpf)
          : Math.max(stp + 0.66 * (sty - stp), stpf)
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq
      stpf = Math.max(stpmin, Math.min(stpmax, stpf))
    }
  } else if (s.brackt) {
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp
    const sc = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp))
    let gamma = sc * Math.sqrt((theta / sc) ** 2 - (dy / sc) * (dp / sc))
    if (stp > sty) gamma = -gamma
    const p = gamma - dp + theta
    const q = gamma - dp + gamma + dy
    const r = p / q
    stpf = stp + r * (sty - stp)
  } else {
    stpf = stp > stx ? stpmax : stpmin
  }
  if (fp > fx) {
    s.sty = stp
    s.fy = fp
    s.gy = dp
  } else {
    if (sgnd < 0) {
      s.sty = stx
      s.fy = fx
      s.gy = dx
    }
    s.stx = stp
    s.fx = fp
    s.gx = dp
  }
  return stpf
}
