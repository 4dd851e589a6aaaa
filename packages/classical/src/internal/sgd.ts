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

/** Solver settings. */
export interface SgdOptions {
  loss: SgdLoss
  /** Regularisation strength used by the 'optimal' schedule. */
  alpha: number
  /** L2 weight decay per step (alpha, or 0 without penalty). */
  l2: number
  fitIntercept: boolean
  maxIter: number
  tol: number | null
  shuffle: boolean
  learningRate: 'optimal' | 'invscaling' | 'constant' | 'adaptive'
  eta0: number
  powerT: number
  nIterNoChange: number
  seed: number
}

/** The estimator options SGDClassifier and SGDRegressor share (scikit-learn's names). */
export interface SgdEstimatorParams {
  penalty: 'l2' | 'none'
  alpha: number
  fitIntercept: boolean
  maxIter: number
  tol: number | null
  shuffle: boolean
  learningRate: 'optimal' | 'invscaling' | 'constant' | 'adaptive'
  eta0: number
  powerT: number
  nIterNoChange: number
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
