/** Shared input handling of the regression metrics: 1-D or multi-output targets, multioutput. */
import { InvalidOptionError, InvalidValueError } from '../errors.js'
import type { RegressionOptions } from '../meanSquaredError.js'
import type { Matrix2D, NumberArray } from '../types.js'
import { checkSameLength, checkWeightTotal, is2D, toFinite, toRows, toWeights } from './validate.js'

/** How per-output errors of a multi-output target are combined. */
export type Multioutput = 'uniform_average' | 'raw_values' | 'variance_weighted' | NumberArray

export interface RegressionInput {
  /** Column-major: cols[j][i] is output j of sample i. */
  trueCols: Float64Array[]
  predCols: Float64Array[]
  w: Float64Array | null
  n: number
  nOutputs: number
}

function columns(api: string, name: string, y: NumberArray | Matrix2D): Float64Array[] {
  if (!is2D(y)) return [toFinite(api, name, y as NumberArray)]
  const rows = toRows(api, name, y as Matrix2D)
  const k = rows[0]!.length
  return Array.from({ length: k }, (_, j) => Float64Array.from(rows, (r) => r[j]!))
}

export function regressionInput(
  api: string,
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  sampleWeight: NumberArray | undefined,
): RegressionInput {
  const trueCols = columns(api, 'yTrue', yTrue)
  const predCols = columns(api, 'yPred', yPred)
  const n = trueCols[0]!.length
  checkSameLength(api, 'yTrue', n, 'yPred', predCols[0]!.length)
  if (trueCols.length !== predCols.length) {
    throw new InvalidValueError(
      `${api}: yTrue has ${trueCols.length} outputs but yPred has ${predCols.length}; expected the same number`,
    )
  }
  const w = toWeights(api, sampleWeight, n)
  // Every weighted regression metric divides by the total weight.
  if (w !== null)
    checkWeightTotal(
      api,
      w.reduce((a, b) => a + b, 0),
    )
  return { trueCols, predCols, w, n, nOutputs: trueCols.length }
}

/** Weighted mean of `f(i)` over samples. */
export function wmean(n: number, w: Float64Array | null, f: (i: number) => number): number {
  let s = 0
  let ws = 0
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1
    s += wi * f(i)
    ws += wi
  }
  return s / ws
}

/**
 * The body of every "mean of a per-sample loss" metric (MSE, RMSE, MAE, MAPE): validates the
 * inputs, takes the weighted mean of `loss(true, pred)` per output, applies `finish` to each
 * output's mean (RMSE's square root) and combines the outputs as `options.multioutput` asks.
 */
export function meanLossMetric(
  api: string,
  yTrue: NumberArray | Matrix2D,
  yPred: NumberArray | Matrix2D,
  options: RegressionOptions,
  loss: (t: number, p: number) => number,
  finish?: (mean: number) => number,
): number | number[] {
  const { trueCols, predCols, w, n, nOutputs } = regressionInput(
    api,
    yTrue,
    yPred,
    options.sampleWeight,
  )
  const values: number[] = []
  for (let j = 0; j < nOutputs; j++) {
    const t = trueCols[j]!
    const p = predCols[j]!
    const mean = wmean(n, w, (i) => loss(t[i]!, p[i]!))
    values.push(finish ? finish(mean) : mean)
  }
  return combineOutputs(api, values, options.multioutput ?? 'uniform_average')
}

/**
 * Combines per-output values. `varianceWeights` are only needed for 'variance_weighted'
 * (R² and explained variance).
 */
export function combineOutputs(
  api: string,
  values: number[],
  multioutput: Multioutput,
  varianceWeights?: number[],
): number | number[] {
  if (multioutput === 'raw_values') return values
  if (multioutput === 'uniform_average') return values.reduce((a, b) => a + b, 0) / values.length
  if (multioutput === 'variance_weighted') {
    if (!varianceWeights) {
      throw new InvalidOptionError(
        `${api}: multioutput 'variance_weighted' is not supported; expected 'uniform_average', 'raw_values' or weights`,
      )
    }
    const total = varianceWeights.reduce((a, b) => a + b, 0)
    if (total === 0) return values.reduce((a, b) => a + b, 0) / values.length
    return values.reduce((s, v, j) => s + v * varianceWeights[j]!, 0) / total
  }
  if (typeof multioutput === 'object' && multioutput !== null && 'length' in multioutput) {
    const wts = toFinite(api, 'multioutput', multioutput)
    if (wts.length !== values.length) {
      throw new InvalidOptionError(
        `${api}: multioutput has ${wts.length} weights but there are ${values.length} outputs; expected one weight per output`,
      )
    }
    let s = 0
    let ws = 0
    for (let j = 0; j < values.length; j++) {
      s += values[j]! * wts[j]!
      ws += wts[j]!
    }
    return s / ws
  }
  throw new InvalidOptionError(
    `${api}: multioutput is ${String(multioutput)}; expected 'uniform_average', 'raw_values', 'variance_weighted' or weights`,
  )
}
