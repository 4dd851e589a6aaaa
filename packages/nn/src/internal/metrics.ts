/**
 * Training metrics computed on host copies of a batch's predictions and targets (tiny arrays,
 * so this is cheaper than more tensor ops), accumulated as sample-weighted running means.
 */
import { ConfigError } from '../errors.js'

export type MetricFn = (
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  predShape: readonly number[],
) => number

/** Names accepted by `compile({ metrics })`. */
export type MetricName =
  | 'accuracy'
  | 'acc'
  | 'sparseCategoricalAccuracy'
  | 'categoricalAccuracy'
  | 'binaryAccuracy'
  | 'mse'
  | 'mae'

function argmaxRow(p: ArrayLike<number>, base: number, c: number): number {
  let best = base
  for (let j = base + 1; j < base + c; j++) if (p[j] > p[best]) best = j
  return best - base
}

const sparseAcc: MetricFn = (y, p, s) => {
  const c = s[s.length - 1]
  const n = y.length
  let ok = 0
  for (let i = 0; i < n; i++) if (argmaxRow(p, i * c, c) === y[i]) ok++
  return ok / n
}
const catAcc: MetricFn = (y, p, s) => {
  const c = s[s.length - 1]
  const n = p.length / c
  let ok = 0
  for (let i = 0; i < n; i++) if (argmaxRow(p, i * c, c) === argmaxRow(y, i * c, c)) ok++
  return ok / n
}
function binAcc(threshold: number): MetricFn {
  return (y, p) => {
    let ok = 0
    for (let i = 0; i < p.length; i++) if (p[i] > threshold === y[i] > 0.5) ok++
    return ok / p.length
  }
}
const mse: MetricFn = (y, p) => {
  let s = 0
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2
  return s / p.length
}
const mae: MetricFn = (y, p) => {
  let s = 0
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - y[i])
  return s / p.length
}

export interface ResolvedMetric {
  name: string
  fn: MetricFn
}

/**
 * Resolves metric names. `accuracy` picks sparse, categorical or binary accuracy from the
 * target and output shapes like Keras; `logitsOutput` puts the binary threshold at 0.
 */
export function resolveMetric(
  spec: MetricName | { name: string; fn: MetricFn },
  ctx: { sparseTargets: boolean; outputs: number; logitsOutput: boolean },
): ResolvedMetric {
  if (typeof spec === 'object' && spec !== null && typeof spec.fn === 'function') return spec
  switch (spec) {
    case 'accuracy':
    case 'acc': {
      const fn =
        ctx.outputs === 1
          ? binAcc(ctx.logitsOutput ? 0 : 0.5)
          : ctx.sparseTargets
            ? sparseAcc
            : catAcc
      return { name: 'accuracy', fn }
    }
    case 'sparseCategoricalAccuracy':
      return { name: spec, fn: sparseAcc }
    case 'categoricalAccuracy':
      return { name: spec, fn: catAcc }
    case 'binaryAccuracy':
      return { name: spec, fn: binAcc(ctx.logitsOutput ? 0 : 0.5) }
    case 'mse':
      return { name: 'mse', fn: mse }
    case 'mae':
      return { name: 'mae', fn: mae }
    default:
      throw new ConfigError(
        'compile',
        `unknown metric '${String(spec)}' (expected accuracy, sparseCategoricalAccuracy, categoricalAccuracy, binaryAccuracy, mse, mae or { name, fn })`,
      )
  }
}
