/**
 * Option checking shared by SVC and SVR: kernel name, gamma ('scale' | 'auto' | number), degree,
 * coef0 and the solver settings, resolved into what the LIBSVM port needs.
 */

import { ParameterError } from '../../errors.js'
import type { Dense } from '../../internal/validation.js'
import { checkOneOf, checkRange } from '../../internal/validation.js'
import type { CacheDtype } from './KernelCache.js'
import { KERNEL_IDS, type KernelName, type KernelSpec } from './kernel.js'
import type { SolverParams } from './libsvm.js'

/** Options common to the kernel SVMs. */
export interface KernelSvmParams {
  /** Regularisation: penalty on slack. Default 1. */
  C: number
  /** 'rbf' (default), 'linear', 'poly' or 'sigmoid'. */
  kernel: KernelName
  /** Degree of the 'poly' kernel. Default 3. */
  degree: number
  /** Kernel coefficient for rbf/poly/sigmoid: 'scale' = 1/(nFeatures·Var(X)) (default), 'auto' = 1/nFeatures, or a number > 0. */
  gamma: 'scale' | 'auto' | number
  /** Independent term of poly/sigmoid kernels. Default 0. */
  coef0: number
  /** Stopping tolerance on the KKT gap (LIBSVM's -e). Default 1e-3. */
  tol: number
  /** LIBSVM's shrinking heuristic. Default true. */
  shrinking: boolean
  /** Kernel cache size in MB. Default 200 (as scikit-learn). */
  cacheSize: number
  /** Precision of cached kernel rows: 'float32' (LIBSVM's, default) or 'float64'. */
  cacheDtype: CacheDtype
  /** Solver iteration cap; -1 (default) means LIBSVM's own limit. */
  maxIter: number
}

export const KERNEL_SVM_DEFAULTS: KernelSvmParams = {
  C: 1,
  kernel: 'rbf',
  degree: 3,
  gamma: 'scale',
  coef0: 0,
  tol: 1e-3,
  shrinking: true,
  cacheSize: 200,
  cacheDtype: 'float32',
  maxIter: -1,
}

/**
 * Variance over every entry of X (numpy's X.var()). The mean's sum is the one toDense already
 * formed while copying X (same values, same order, so the same bits) when X came from it.
 */
function totalVariance(X: Dense): number {
  const { data } = X
  let mean = X.sum
  if (mean === undefined) {
    mean = 0
    for (let i = 0; i < data.length; i++) mean += data[i]
  }
  mean /= data.length
  let v = 0
  for (let i = 0; i < data.length; i++) {
    const t = data[i] - mean
    v += t * t
  }
  return v / data.length
}

/** Checks the options and resolves gamma against the training data. */
export function resolveSolverParams(p: KernelSvmParams, X: Dense, api: string): SolverParams {
  checkOneOf(p.kernel, 'kernel', api, ['linear', 'poly', 'rbf', 'sigmoid'] as KernelName[])
  const C = checkRange(p.C, 'C', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
  const degree = checkRange(p.degree, 'degree', api, 0, 1e6, { integer: true })
  const coef0 = checkRange(p.coef0, 'coef0', api, -Number.MAX_VALUE, Number.MAX_VALUE)
  const tol = checkRange(p.tol, 'tol', api, 0, Number.POSITIVE_INFINITY, { loOpen: true })
  const cacheSize = checkRange(p.cacheSize, 'cacheSize', api, 0, Number.POSITIVE_INFINITY, {
    loOpen: true,
  })
  checkOneOf(p.cacheDtype, 'cacheDtype', api, ['float32', 'float64'] as CacheDtype[])
  checkOneOf(p.shrinking, 'shrinking', api, [true, false])
  const maxIter = checkRange(p.maxIter, 'maxIter', api, -1, Number.MAX_SAFE_INTEGER, {
    integer: true,
  })
  if (maxIter === 0) {
    throw new ParameterError(
      `${api}: option maxIter = 0; expected -1 (no limit) or a positive integer`,
    )
  }
  let gamma: number
  if (p.gamma === 'scale') {
    const v = totalVariance(X)
    gamma = v > 0 ? 1 / (X.cols * v) : 1
  } else if (p.gamma === 'auto') {
    gamma = 1 / X.cols
  } else if (typeof p.gamma === 'number' && p.gamma > 0 && Number.isFinite(p.gamma)) {
    gamma = p.gamma
  } else {
    throw new ParameterError(
      `${api}: option gamma = ${JSON.stringify(p.gamma)}; expected 'scale', 'auto' or a finite number > 0`,
    )
  }
  const spec: KernelSpec = { kernel: KERNEL_IDS[p.kernel], gamma, degree, coef0 }
  return {
    spec,
    C,
    eps: tol,
    shrinking: p.shrinking,
    cacheBytes: cacheSize * 1024 * 1024,
    cacheDtype: p.cacheDtype,
    maxIter,
  }
}

/** The kernel spec saved in a fitted state. */
export function specFromState(s: {
  kernel: number
  gamma: number
  degree: number
  coef0: number
}): KernelSpec {
  return { kernel: s.kernel, gamma: s.gamma, degree: s.degree, coef0: s.coef0 }
}
