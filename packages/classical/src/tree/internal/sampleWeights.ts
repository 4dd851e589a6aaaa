/**
 * Per-sample training weights of the tree estimators: the caller's `sampleWeight` times the
 * class weights (`classWeight`: 'balanced' or a label → weight map), as scikit-learn combines
 * them. Returns null when every weight is 1, so the kernel skips the multiplication.
 */
import { InputError, ParameterError } from '../../errors.js'
import { toVector, type VectorLike } from '../../internal/validation.js'

/** Class weights: 'balanced' (n / (k · count of the class)) or a weight per label. */
export type ClassWeight = 'balanced' | Readonly<Record<string, number>> | null

/** Validates and combines sample and class weights (`encoded` and `classes` for classifiers). */
export function sampleWeights(
  n: number,
  sampleWeight: VectorLike | undefined,
  api: string,
  classes?: { classes: Float64Array; encoded: Int32Array; classWeight: ClassWeight | undefined },
): Float64Array | null {
  let w: Float64Array | null = null
  if (sampleWeight !== undefined && sampleWeight !== null) {
    w = toVector(sampleWeight, api)
    if (w.length !== n) {
      throw new InputError(
        `${api}: sampleWeight has ${w.length} values but X has ${n} samples; expected one weight per sample`,
      )
    }
    let total = 0
    for (let i = 0; i < n; i++) {
      const v = w[i] as number
      if (v < 0) {
        throw new InputError(`${api}: sampleWeight[${i}] = ${v}; expected weights >= 0`)
      }
      total += v
    }
    if (!(total > 0))
      throw new InputError(`${api}: sampleWeight sums to 0; expected a positive sum`)
  }
  const cw = classes?.classWeight
  if (classes && cw !== undefined && cw !== null) {
    const k = classes.classes.length
    const perClass = new Float64Array(k)
    if (cw === 'balanced') {
      const counts = new Float64Array(k)
      for (let i = 0; i < n; i++) counts[classes.encoded[i] as number]++
      for (let c = 0; c < k; c++) perClass[c] = n / (k * (counts[c] as number))
    } else if (typeof cw === 'object') {
      perClass.fill(1)
      for (const [label, weight] of Object.entries(cw)) {
        const c = classes.classes.indexOf(Number(label))
        if (c < 0 || typeof weight !== 'number' || !(weight >= 0)) {
          throw new ParameterError(
            `${api}: option classWeight has ${label}: ${String(weight)}; expected a weight >= 0 for one of the labels ${Array.from(classes.classes).join(', ')}`,
          )
        }
        perClass[c] = weight
      }
    } else {
      throw new ParameterError(
        `${api}: option classWeight = ${JSON.stringify(cw)}; expected null, 'balanced' or { label: weight }`,
      )
    }
    w = w ?? new Float64Array(n).fill(1)
    for (let i = 0; i < n; i++)
      w[i] = (w[i] as number) * (perClass[classes.encoded[i] as number] as number)
  }
  return w
}
