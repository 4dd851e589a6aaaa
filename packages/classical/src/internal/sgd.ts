/**
 * Plain stochastic gradient descent for linear models, following scikit-learn's `plain_sgd`:
 * per-sample updates with an L2 weight decay, 'optimal' / 'invscaling' / 'constant' / 'adaptive'
 * learning rates, and its stopping rule (the epoch loss failing to improve by tol·n for
 * nIterNoChange epochs).
 */
import { Random } from './random.js'
import { checkOneOf, checkRange, type Dense } from './validation.js'

/** A loss: value and derivative with respect to the prediction p. */
export interface SgdLoss {
  loss(p: number, y: number): number
  dloss(p: number, y: number): number
}

export const squaredLoss: SgdLoss = {
  loss: (p, y) => 0.5 * (p - y) * (p - y),
  dloss: (p, y) => p - y,
}

export const hingeLoss: SgdLoss = {
  loss: (p, y) => Math.max(0, 1 - p * y),
  dloss: (p, y) => (p * y < 1 ? -y : 0),
}

export const logLoss: SgdLoss = {
  loss: (p, y) => {
    const z = p * y
    return z > 18 ? Math.exp(-z) : z < -18 ? -z : Math.log1p(Math.exp(-z))
  },
  dloss: (p, y) => {
    const z = p * y
    return z > 18 ? -y * Math.exp(-z) : z < -18 ? -y : -y / (Math.exp(z) + 1)
  },
}

/** The estimator options SGDClassifier and SGDRegressor share (scikit-learn's names and defaults). */
export interface SgdEstimatorParams {
  /** 'l2' (default) or 'none'. */
  penalty: 'l2' | 'none'
  /** Regularisation strength (also sets the 'optimal' step size). Default 1e-4. */
  alpha: number
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept: boolean
  /** Maximum epochs. Default 1000. */
  maxIter: number
  /** Stop when the epoch loss improves by less than tol·n for nIterNoChange epochs; null runs maxIter epochs. Default 1e-3. */
  tol: number | null
  /** Shuffle the samples every epoch. Default true. */
  shuffle: boolean
  /**
   * Step size schedule: 'optimal' (eta = 1 / (alpha (t0 + t)); SGDClassifier's default),
   * 'invscaling' (eta0 / t^powerT; SGDRegressor's default), 'constant' or 'adaptive'.
   */
  learningRate: 'optimal' | 'invscaling' | 'constant' | 'adaptive'
  /** Initial step size. Default 0 for SGDClassifier, 0.01 for SGDRegressor. */
  eta0: number
  /** Exponent of 'invscaling'. Default 0.5 for SGDClassifier, 0.25 for SGDRegressor. */
  powerT: number
  /** Epochs without improvement before stopping. Default 5. */
  nIterNoChange: number
}

/** Solver settings. */
export interface SgdOptions extends Omit<SgdEstimatorParams, 'penalty'> {
  loss: SgdLoss
  /** L2 weight decay per step (alpha, or 0 without penalty). */
  l2: number
  seed: number
}

/**
 * Checks the shared SGD options (throws ParameterError naming `api`) and returns the solver
 * settings; the caller adds the loss and a seed per problem.
 */
export function sgdSettings(p: SgdEstimatorParams, api: string): Omit<SgdOptions, 'loss' | 'seed'> {
  checkOneOf(p.penalty, 'penalty', api, ['l2', 'none'])
  checkOneOf(p.learningRate, 'learningRate', api, ['optimal', 'invscaling', 'constant', 'adaptive'])
  if (p.learningRate === 'optimal') {
    checkRange(p.alpha, 'alpha', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
  } else {
    checkRange(p.alpha, 'alpha', api, 0, Number.POSITIVE_INFINITY)
    checkRange(p.eta0, 'eta0', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
  }
  checkRange(p.maxIter, 'maxIter', api, 1, Number.POSITIVE_INFINITY, { integer: true })
  checkRange(p.nIterNoChange, 'nIterNoChange', api, 1, Number.POSITIVE_INFINITY, { integer: true })
  if (p.tol !== null) checkRange(p.tol, 'tol', api, 0, Number.POSITIVE_INFINITY)
  return {
    alpha: p.alpha,
    l2: p.penalty === 'none' ? 0 : p.alpha,
    fitIntercept: p.fitIntercept,
    maxIter: p.maxIter,
    tol: p.tol,
    shuffle: p.shuffle,
    learningRate: p.learningRate,
    eta0: p.eta0,
    powerT: p.powerT,
    nIterNoChange: p.nIterNoChange,
  }
}

/** Runs SGD on (X, y) and returns weights, intercept and epochs run. */
export function plainSgd(
  X: Dense,
  y: Float64Array,
  o: SgdOptions,
): { coef: Float64Array; intercept: number; nIter: number } {
  const { data, rows: n, cols: d } = X
  const w = new Float64Array(d)
  // w is stored as wscale·w so the L2 decay costs O(1) per step.
  let wscale = 1
  let intercept = 0
  const rng = new Random(o.seed)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let optimalInit = 0
  if (o.learningRate === 'optimal') {
    const typw = Math.sqrt(1 / Math.sqrt(o.alpha))
    const eta0 = typw / Math.max(1, o.loss.dloss(-typw, 1))
    optimalInit = 1 / (eta0 * o.alpha)
  }
  let eta = o.eta0
  let t = 1
  let bestLoss = Number.POSITIVE_INFINITY
  let noImprove = 0
  let epoch = 0
  for (epoch = 0; epoch < o.maxIter; epoch++) {
    if (o.shuffle) rng.shuffle(order)
    let sumLoss = 0
    for (let s = 0; s < n; s++) {
      const i = order[s] as number
      const off = i * d
      let p = 0
      for (let j = 0; j < d; j++) p += (data[off + j] as number) * (w[j] as number)
      p = p * wscale + intercept
      if (o.learningRate === 'optimal') eta = 1 / (o.alpha * (optimalInit + t - 1))
      else if (o.learningRate === 'invscaling') eta = o.eta0 / t ** o.powerT
      const yi = y[i] as number
      sumLoss += o.loss.loss(p, yi)
      const update = -eta * o.loss.dloss(p, yi)
      wscale *= Math.max(0, 1 - eta * o.l2)
      if (wscale < 1e-9) {
        for (let j = 0; j < d; j++) w[j] = (w[j] as number) * wscale
        wscale = 1
      }
      if (update !== 0) {
        if (wscale === 0) {
          w.fill(0)
          wscale = 1
        }
        const u = update / wscale
        for (let j = 0; j < d; j++) w[j] = (w[j] as number) + u * (data[off + j] as number)
        if (o.fitIntercept) intercept += update
      }
      t++
    }
    if (o.tol !== null) {
      if (sumLoss > bestLoss - o.tol * n) noImprove++
      else noImprove = 0
      if (sumLoss < bestLoss) bestLoss = sumLoss
      if (noImprove >= o.nIterNoChange) {
        if (o.learningRate === 'adaptive' && eta > 1e-6) {
          eta /= 5
          noImprove = 0
        } else {
          epoch++
          break
        }
      }
    }
  }
  for (let j = 0; j < d; j++) w[j] = (w[j] as number) * wscale
  return { coef: w, intercept, nIter: epoch }
}
