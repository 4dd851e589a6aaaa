/**
 * The default `score` of classifiers (accuracy) and regressors (R²), kept in one place so every
 * estimator scores the same way scikit-learn does.
 */
import { InputError } from '../errors.js'

/** Fraction of exact matches. */
export function accuracyScore(yTrue: Float64Array, yPred: Float64Array, api = 'accuracy'): number {
  if (yTrue.length !== yPred.length) {
    throw new InputError(
      `${api}: y has ${yTrue.length} values but predictions have ${yPred.length}`,
    )
  }
  let ok = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++
  return ok / yTrue.length
}

/** Coefficient of determination; 1 for a perfect fit, 0 for a constant predictor at the mean. */
export function r2Score(yTrue: Float64Array, yPred: Float64Array, api = 'r2'): number {
  const n = yTrue.length
  if (n !== yPred.length) {
    throw new InputError(`${api}: y has ${n} values but predictions have ${yPred.length}`)
  }
  let mean = 0
  for (let i = 0; i < n; i++) mean += yTrue[i] as number
  mean /= n
  let ssRes = 0
  let ssTot = 0
  for (let i = 0; i < n; i++) {
    const r = (yTrue[i] as number) - (yPred[i] as number)
    const t = (yTrue[i] as number) - mean
    ssRes += r * r
    ssTot += t * t
  }
  // sklearn's convention for constant y: 1 if perfectly predicted, else 0.
  if (ssTot === 0) return ssRes === 0 ? 1 : 0
  return 1 - ssRes / ssTot
}
