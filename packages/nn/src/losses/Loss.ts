/**
 * Loss functions as objects (for `compile({ loss })`) and as plain functions. Each loss computes
 * a per-sample loss, then the weighted mean `Σ wᵢ·lossᵢ / batch` (Keras's reduction; with no
 * weights this is the plain mean, PyTorch's `reduction='mean'`).
 */
import { ShapeError, type Tensor, tensor, where } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { sparseCrossEntropy } from './sparseCrossEntropy.js'

const EPS = 1e-7

/** Base class: `compute(pred, target, sampleWeight?)` returns a scalar tensor. */
export abstract class Loss {
  abstract readonly name: string
  /** Mean of the per-sample losses, weighted by `sampleWeight` (length = batch) when given. */
  compute(pred: Tensor, target: Tensor, sampleWeight?: ArrayLike<number> | null): Tensor {
    const per = this.perSample(pred, target)
    if (sampleWeight === undefined || sampleWeight === null) return per.mean()
    const w = tensor(Float64Array.from(sampleWeight), { dtype: per.dtype })
    return per.mul(w).sum().div(per.shape[0])
  }
  /** Loss per sample, shape [batch]. */
  abstract perSample(pred: Tensor, target: Tensor): Tensor
  /** Options for save/load. */
  getConfig(): Record<string, unknown> {
    return {}
  }
}

/** Target reshaped to pred's shape when only the layout differs ([b] vs [b, 1]). */
function alignTarget(api: string, pred: Tensor, target: Tensor): Tensor {
  if (pred.shape.join() === target.shape.join()) {
    return target.dtype === pred.dtype ? target : target.cast(pred.dtype)
  }
  if (pred.size !== target.size) {
    throw new ShapeError(
      api,
      `target shape [${target.shape.join(', ')}] does not match prediction shape [${pred.shape.join(', ')}]`,
    )
  }
  return target.reshape(pred.shape).cast(pred.dtype)
}

/** Mean over every axis but the batch axis. */
function perRow(t: Tensor): Tensor {
  if (t.rank <= 1) return t
  return t.mean(Array.from({ length: t.rank - 1 }, (_, i) => i + 1))
}

/** Mean squared error. @example new MeanSquaredError().compute(pred, target) */
export class MeanSquaredError extends Loss {
  readonly name = 'mse'
  perSample(pred: Tensor, target: Tensor): Tensor {
    return perRow(pred.sub(alignTarget('mse', pred, target)).square())
  }
}

/** Mean absolute error. */
export class MeanAbsoluteError extends Loss {
  readonly name = 'mae'
  perSample(pred: Tensor, target: Tensor): Tensor {
    return perRow(pred.sub(alignTarget('mae', pred, target)).abs())
  }
}

/** Huber loss: ½d² for |d| ≤ delta, delta·(|d| − ½delta) beyond (PyTorch and Keras agree). */
export class Huber extends Loss {
  readonly name = 'huber'
  readonly delta: number
  constructor(options: { delta?: number } = {}) {
    super()
    this.delta = options.delta ?? 1
    if (!(this.delta > 0))
      throw new ConfigError('Huber', `invalid delta ${this.delta} (expected > 0)`)
  }
  perSample(pred: Tensor, target: Tensor): Tensor {
    const d = pred.sub(alignTarget('huber', pred, target)).abs()
    const q = d.square().mul(0.5)
    const l = d.sub(0.5 * this.delta).mul(this.delta)
    return perRow(where(d.lessEqual(this.delta), q, l))
  }
  override getConfig(): Record<string, unknown> {
    return { delta: this.delta }
  }
}

/** Options shared by the cross-entropy losses. */
export interface CrossentropyOptions {
  fromLogits?: boolean
  labelSmoothing?: number
}

/** @internal What the cross-entropy losses share: `fromLogits`, a checked `labelSmoothing`. */
export abstract class CrossentropyLoss extends Loss {
  readonly fromLogits: boolean
  readonly labelSmoothing: number
  constructor(api: string, options: CrossentropyOptions) {
    super()
    this.fromLogits = options.fromLogits ?? false
    this.labelSmoothing = checkSmoothing(api, options.labelSmoothing)
  }
  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing }
  }
}

/** Binary cross-entropy on probabilities (clipped like Keras) or, with `fromLogits`, on logits. */
export class BinaryCrossentropy extends CrossentropyLoss {
  readonly name = 'binaryCrossentropy'
  constructor(options: CrossentropyOptions = {}) {
    super('BinaryCrossentropy', options)
  }
  perSample(pred: Tensor, target: Tensor): Tensor {
    let t = alignTarget('binaryCrossentropy', pred, target)
    if (this.labelSmoothing > 0) t = t.mul(1 - this.labelSmoothing).add(0.5 * this.labelSmoothing)
    if (this.fromLogits) {
      // max(z, 0) − z·t + log(1 + e^−|z|): never exponentiates a large positive number.
      return perRow(pred.relu().sub(pred.mul(t)).add(pred.abs().neg().exp().log1p()))
    }
    const p = pred.clip(EPS, 1 - EPS)
    return perRow(t.mul(p.log()).add(t.neg().add(1).mul(p.neg().log1p())).neg())
  }
}

function checkSmoothing(api: string, v: number | undefined): number {
  const s = v ?? 0
  if (!(s >= 0 && s <= 1)) throw new ConfigError(api, `invalid labelSmoothing ${s} (expected 0..1)`)
  return s
}

/** Cross-entropy against one-hot (or soft) targets [batch, classes]. */
export class CategoricalCrossentropy extends CrossentropyLoss {
  readonly name = 'categoricalCrossentropy'
  constructor(options: CrossentropyOptions = {}) {
    super('CategoricalCrossentropy', options)
  }
  perSample(pred: Tensor, target: Tensor): Tensor {
    let t = alignTarget('categoricalCrossentropy', pred, target)
    const c = pred.shape[pred.rank - 1]
    if (this.labelSmoothing > 0) t = t.mul(1 - this.labelSmoothing).add(this.labelSmoothing / c)
    const logp = this.fromLogits ? pred.logSoftmax(-1) : pred.clip(EPS, 1 - EPS).log()
    return t.mul(logp).sum(-1).neg()
  }
}

/**
 * Cross-entropy against integer class labels [batch] (the fused kernel of
 * `sparseCrossEntropy`). Keras's default is `fromLogits: false` (the model ends in softmax);
 * PyTorch's `CrossEntropyLoss` is `fromLogits: true`.
 */
export class SparseCategoricalCrossentropy extends CrossentropyLoss {
  readonly name = 'sparseCategoricalCrossentropy'
  constructor(options: CrossentropyOptions = {}) {
    super('SparseCategoricalCrossentropy', options)
  }
  override compute(pred: Tensor, target: Tensor, sampleWeight?: ArrayLike<number> | null): Tensor {
    return sparseCrossEntropy(pred, target, {
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      sampleWeight,
    })
  }
  perSample(pred: Tensor, target: Tensor): Tensor {
    const c = pred.shape[pred.rank - 1]
    const oh = target.cast('int32').oneHot(c, pred.dtype)
    return new CategoricalCrossentropy({
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
    }).perSample(pred, oh)
  }
}

/** Kullback–Leibler divergence Σ t·log(t / p) over the last axis (Keras's `kld`, clipped). */
export class KLDivergence extends Loss {
  readonly name = 'klDivergence'
  perSample(pred: Tensor, target: Tensor): Tensor {
    const t = alignTarget('klDivergence', pred, target).clip(EPS, 1)
    const p = pred.clip(EPS, 1)
    const r = t.mul(t.log().sub(p.log()))
    return r.rank <= 1 ? r : r.sum(-1)
  }
}

/** A custom loss: predictions and targets in, a scalar tensor (the batch mean) out. */
export type LossFunction = (pred: Tensor, target: Tensor) => Tensor

/** Wraps a custom loss function (sample weights scale it by their mean). */
class FunctionLoss extends Loss {
  readonly name: string
  constructor(private readonly fn: LossFunction) {
    super()
    this.name = fn.name || 'custom'
  }
  override compute(pred: Tensor, target: Tensor, sampleWeight?: ArrayLike<number> | null): Tensor {
    const l = this.fn(pred, target)
    if (l.size !== 1) {
      throw new ShapeError(
        'loss',
        `a custom loss must return a scalar, got shape [${l.shape.join(', ')}]`,
      )
    }
    if (sampleWeight === undefined || sampleWeight === null) return l
    let s = 0
    for (let i = 0; i < sampleWeight.length; i++) s += sampleWeight[i]
    return l.mul(s / Math.max(1, sampleWeight.length))
  }
  perSample(): Tensor {
    throw new ConfigError('loss', 'a custom loss function has no per-sample form')
  }
}

/** Loss names accepted by `compile({ loss })` (Keras and PyTorch spellings). */
export type LossName =
  | 'mse'
  | 'meanSquaredError'
  | 'mae'
  | 'meanAbsoluteError'
  | 'huber'
  | 'binaryCrossentropy'
  | 'bceWithLogits'
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'crossEntropy'
  | 'kld'
  | 'klDivergence'

const FACTORY: Record<LossName, (o: Record<string, unknown>) => Loss> = {
  mse: () => new MeanSquaredError(),
  meanSquaredError: () => new MeanSquaredError(),
  mae: () => new MeanAbsoluteError(),
  meanAbsoluteError: () => new MeanAbsoluteError(),
  huber: (o) => new Huber(o),
  binaryCrossentropy: (o) => new BinaryCrossentropy(o),
  bceWithLogits: (o) => new BinaryCrossentropy({ ...o, fromLogits: true }),
  categoricalCrossentropy: (o) => new CategoricalCrossentropy(o),
  sparseCategoricalCrossentropy: (o) => new SparseCategoricalCrossentropy(o),
  crossEntropy: (o) => new SparseCategoricalCrossentropy({ ...o, fromLogits: true }),
  kld: () => new KLDivergence(),
  klDivergence: () => new KLDivergence(),
}

/**
 * A loss object from a name (plus options) or the object itself.
 *
 * @example
 * getLoss('sparseCategoricalCrossentropy')
 * getLoss({ name: 'crossEntropy', labelSmoothing: 0.1 })
 */
export function getLoss(
  spec: LossName | Loss | LossFunction | ({ name: LossName } & Record<string, unknown>),
): Loss {
  if (spec instanceof Loss) return spec
  if (typeof spec === 'function') return new FunctionLoss(spec)
  const name = typeof spec === 'string' ? spec : spec?.name
  const f = FACTORY[name as LossName]
  if (f === undefined) {
    throw new ConfigError(
      'compile',
      `unknown loss '${String(name)}' (expected one of ${Object.keys(FACTORY).join(', ')} or a Loss object)`,
    )
  }
  const opts = typeof spec === 'string' ? {} : { ...spec }
  delete (opts as { name?: unknown }).name
  return f(opts)
}

/** Functional forms (PyTorch's `F.mse_loss`, ...): mean over the batch. */
export const mseLoss = (pred: Tensor, target: Tensor): Tensor =>
  new MeanSquaredError().compute(pred, target)
export const maeLoss = (pred: Tensor, target: Tensor): Tensor =>
  new MeanAbsoluteError().compute(pred, target)
export const huberLoss = (pred: Tensor, target: Tensor, delta = 1): Tensor =>
  new Huber({ delta }).compute(pred, target)
export const binaryCrossEntropy = (pred: Tensor, target: Tensor): Tensor =>
  new BinaryCrossentropy().compute(pred, target)
export const binaryCrossEntropyWithLogits = (logits: Tensor, target: Tensor): Tensor =>
  new BinaryCrossentropy({ fromLogits: true }).compute(logits, target)
/** PyTorch's `F.cross_entropy`: logits [batch, classes] and integer labels [batch]. */
export const crossEntropy = (
  logits: Tensor,
  labels: Tensor,
  options: { labelSmoothing?: number } = {},
): Tensor => sparseCrossEntropy(logits, labels, { fromLogits: true, ...options })
export const klDivergence = (pred: Tensor, target: Tensor): Tensor =>
  new KLDivergence().compute(pred, target)
