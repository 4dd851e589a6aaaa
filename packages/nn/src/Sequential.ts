/**
 * `Sequential`: a stack of layers that is both a PyTorch `nn.Sequential` (a Module: call,
 * parameters, stateDict) and a Keras model (`compile`, `fit`, `evaluate`, `predict`,
 * `summary`, `save`). The training loop lives in `internal/trainer.ts`.
 */
import { noGrad, type Tensor, tensor, tidy } from '@mlstack/core'
import { createOptimizer, Optimizer } from '@mlstack/optimizers'
import type { Callback, TrainingModel } from './callbacks/Callback.js'
import { ConfigError } from './errors.js'
import type { History } from './History.js'
import type { AnyOptimizer } from './internal/AnyOptimizer.js'
import type { DataInput } from './internal/hostData.js'
import type { MetricFn, MetricName } from './internal/metrics.js'
import { evaluateModel, fitModel, predictModel } from './internal/trainer.js'
import { layerFromConfig, layerToConfig } from './layerRegistry.js'
import { Activation, Softmax } from './layers/activations.js'
import { Dense } from './layers/Dense.js'
import { getLoss, type Loss, type LossFunction, type LossName } from './losses/Loss.js'
import { Module, type ShapeSpec } from './Module.js'
import { type SaveModelOptions, saveModel } from './saveModel.js'

export type OptimizerSpec = AnyOptimizer | string | ({ name: string } & Record<string, unknown>)

export interface CompileOptions {
  optimizer: OptimizerSpec
  loss: LossName | Loss | LossFunction | ({ name: LossName } & Record<string, unknown>)
  metrics?: (MetricName | { name: string; fn: MetricFn })[]
  /**
   * When the model ends in softmax and the loss is sparse categorical cross-entropy on
   * probabilities, train on the logits with the fused loss (same maths, one op instead of
   * softmax + log + gather and their gradients). Default true; predictions still go through
   * softmax.
   */
  fuseSoftmax?: boolean
}

/** A batch from a data loader: `{ x, y }` or `[x, y]`. */
export type Batch = { x: DataInput; y: DataInput } | readonly [DataInput, DataInput]
export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>

export interface FitOptions {
  epochs?: number
  batchSize?: number
  /** Fraction of the samples (taken from the end, before shuffling, as Keras) held out. */
  validationSplit?: number
  validationData?: readonly [DataInput, DataInput] | BatchSource
  shuffle?: boolean
  /** Seed of the epoch shuffles. */
  seed?: number
  callbacks?: Callback[]
  /** Loss weight per class (sparse labels, or the argmax of one-hot targets). */
  classWeight?: Record<number, number> | readonly number[]
  /** 0 silent, 1 progress bar (TTY only), 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2
  /** Epoch to start counting from (resuming). */
  initialEpoch?: number
  /**
   * Yield to the event loop when this many milliseconds have passed since the last yield
   * (0: after every batch). Default 10: timers, I/O and signals stay live without paying a
   * macrotask round trip per batch (at batch 32 that round trip was ~5 % of a step).
   */
  yieldEveryMs?: number
}

export interface EvaluateOptions {
  batchSize?: number
  verbose?: 0 | 1
}

export interface PredictOptions {
  batchSize?: number
}

export interface SequentialOptions {
  layers?: Module[]
  /** Input shape without the batch axis; builds every layer up front. */
  inputShape?: readonly number[]
  name?: string
}

/** @internal the compiled state shared with the trainer. */
export interface Compiled {
  optimizerSpec: OptimizerSpec
  optimizer: AnyOptimizer | null
  loss: Loss
  metrics: (MetricName | { name: string; fn: MetricFn })[]
  fuseSoftmax: boolean
}

/**
 * @example
 * const model = new Sequential([
 *   new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
 *   new Dense({ units: 64, activation: 'relu' }),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ])
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
 * await model.fit(xTrain, yTrain, { epochs: 10, batchSize: 32 })
 */
export class Sequential extends Module implements TrainingModel {
  readonly layers: Module[] = []
  name: string
  stopTraining = false
  /** Input shape without the batch axis, once known. */
  inputShape: number[] | null = null
  /** @internal */
  compiled: Compiled | null = null
  /** Metadata of the last fit (epochs, final logs), saved with the model. */
  trainingInfo: Record<string, unknown> = {}

  constructor(options: Module[] | SequentialOptions = {}) {
    super()
    const o = Array.isArray(options) ? { layers: options } : (options as SequentialOptions)
    this.name = o.name ?? 'sequential'
    for (const l of o.layers ?? []) this.add(l)
    const first = this.layers[0]
    const shape =
      o.inputShape ??
      (first instanceof Dense
        ? (first.inputShape ?? (first.inFeatures !== null ? [first.inFeatures] : undefined))
        : undefined)
    if (shape !== undefined) this.build([null, ...shape])
  }

  /** Appends a layer (registered as `'<index>'`, so parameters are named `0.weight`, ...). */
  add(layer: Module): this {
    if (!(layer instanceof Module)) {
      throw new ConfigError('Sequential.add', `expected a layer (Module), got ${String(layer)}`)
    }
    this.registerModule(String(this.layers.length), layer)
    this.layers.push(layer)
    if (this.inputShape !== null) this.build([null, ...this.inputShape])
    return this
  }

  override build(inputShape: ShapeSpec): void {
    this.inputShape = inputShape.slice(1).map((d) => d as number)
    let s = inputShape
    for (const l of this.layers) {
      l.build(s)
      s = l.computeOutputShape(s)
    }
  }

  override computeOutputShape(inputShape: ShapeSpec): ShapeSpec {
    let s = inputShape
    for (const l of this.layers) s = l.computeOutputShape(s)
    return s
  }

  /** Output shape (batch axis null), when the input shape is known. */
  get outputShape(): ShapeSpec | null {
    return this.inputShape === null ? null : this.computeOutputShape([null, ...this.inputShape])
  }

  forward(x: Tensor): Tensor {
    if (this.inputShape === null) this.build([null, ...x.shape.slice(1)])
    let y = x
    for (const l of this.layers) y = l.call(y)
    return y
  }

  /**
   * @internal the logits when the model ends in softmax (Dense with softmax activation, or a
   * Softmax/Activation('softmax') layer), else null.
   */
  forwardLogits(x: Tensor): Tensor | null {
    const n = this.layers.length
    const last = this.layers[n - 1]
    let y = x
    if (last instanceof Dense && last.activation === 'softmax') {
      for (let i = 0; i < n - 1; i++) y = this.layers[i].call(y)
      return last.preActivation(y)
    }
    if (
      (last instanceof Softmax && (last.axis === -1 || last.axis === 1)) ||
      (last instanceof Activation && last.activation === 'softmax')
    ) {
      for (let i = 0; i < n - 1; i++) y = this.layers[i].call(y)
      return y
    }
    return null
  }

  /** True when the model ends in softmax (see `forwardLogits`). */
  endsInSoftmax(): boolean {
    const last = this.layers[this.layers.length - 1]
    return (
      (last instanceof Dense && last.activation === 'softmax') ||
      (last instanceof Softmax && (last.axis === -1 || last.axis === 1)) ||
      (last instanceof Activation && last.activation === 'softmax')
    )
  }

  /**
   * Sets the optimizer, loss and metrics. The optimizer may be an instance, a name (`'adam'`)
   * or `{ name, ...options }` (created over `parameters()` when training starts).
   */
  compile(options: CompileOptions): this {
    if (options === null || typeof options !== 'object') {
      throw new ConfigError('compile', 'expected { optimizer, loss, metrics? }')
    }
    if (options.optimizer === undefined) throw new ConfigError('compile', 'optimizer is required')
    if (options.loss === undefined) throw new ConfigError('compile', 'loss is required')
    const loss = getLoss(options.loss)
    for (const m of options.metrics ?? []) {
      if (
        typeof m !== 'string' &&
        (m === null || typeof m !== 'object' || typeof m.fn !== 'function')
      ) {
        throw new ConfigError('compile', `invalid metric ${String(m)}`)
      }
    }
    if (this.compiled?.optimizer && !(this.compiled.optimizerSpec instanceof Optimizer)) {
      this.compiled.optimizer.dispose()
    }
    this.compiled = {
      optimizerSpec: options.optimizer,
      optimizer: options.optimizer instanceof Optimizer ? options.optimizer : null,
      loss,
      metrics: options.metrics ?? [],
      fuseSoftmax: options.fuseSoftmax ?? true,
    }
    if (this.parameters().length > 0) this.ensureOptimizer()
    return this
  }

  /** @internal creates the optimizer from its spec once the parameters exist. */
  ensureOptimizer(): AnyOptimizer {
    const c = this.compiled as Compiled
    if (c.optimizer !== null) return c.optimizer
    const spec = c.optimizerSpec
    const name = typeof spec === 'string' ? spec : (spec as { name: string }).name
    const opts = typeof spec === 'string' ? {} : { ...(spec as Record<string, unknown>) }
    delete opts.name
    try {
      c.optimizer = createOptimizer(name as never, this.parameters(), opts as never) as AnyOptimizer
    } catch (e) {
      if (e instanceof Error && e.name === 'TypeError') throw new ConfigError('compile', e.message)
      throw e
    }
    return c.optimizer
  }

  /** The optimizer (null until compiled and built). */
  get optimizer(): AnyOptimizer | null {
    return this.compiled?.optimizer ?? null
  }

  /** The compiled loss (null before compile). */
  get loss(): Loss | null {
    return this.compiled?.loss ?? null
  }

  /**
   * Trains the model (async: yields to the event loop between batches, every `yieldEveryMs`). `x, y` are arrays or
   * tensors; or pass one data loader (batches `{ x, y }`) as `x` and leave out `y`.
   */
  fit(
    x: DataInput | BatchSource,
    y?: DataInput | FitOptions,
    options?: FitOptions,
  ): Promise<History> {
    return fitModel(this, x, y, options)
  }

  /** Loss and metrics on a data set (eval mode, no gradients), e.g. `{ loss, accuracy }`. */
  evaluate(
    x: DataInput | BatchSource,
    y?: DataInput | EvaluateOptions,
    options?: EvaluateOptions,
  ): Promise<Record<string, number>> {
    return evaluateModel(this, x, y, options)
  }

  /** Outputs in eval mode, batched (default batch size 256); returns one tensor. */
  predict(x: DataInput, options: PredictOptions = {}): Tensor {
    return predictModel(this, x, options)
  }

  /** A Keras-style table of layers, output shapes and parameter counts. */
  summary(): string {
    const rows: [string, string, string][] = []
    let s: ShapeSpec | null = this.inputShape === null ? null : [null, ...this.inputShape]
    let total = 0
    this.layers.forEach((l, i) => {
      if (s !== null) s = l.computeOutputShape(s)
      const n = l.parameters().reduce((a, p) => a + p.size, 0)
      total += n
      const shape = s === null ? '?' : `[${s.map((d) => (d === null ? 'null' : d)).join(', ')}]`
      rows.push([`${i} (${l.className})`, shape, String(n)])
    })
    const head: [string, string, string] = ['Layer (type)', 'Output shape', 'Param #']
    const w = [0, 1, 2].map((k) => Math.max(head[k].length, ...rows.map((r) => r[k].length)) + 2)
    const line = (r: [string, string, string]) =>
      r[0].padEnd(w[0]) + r[1].padEnd(w[1]) + r[2].padStart(w[2])
    const sep = '─'.repeat(w[0] + w[1] + w[2])
    const trainable = this.parameters().reduce((a, p) => a + p.size, 0)
    return [
      `Model: "${this.name}"`,
      sep,
      line(head),
      sep,
      ...rows.map(line),
      sep,
      `Total params: ${total}`,
      `Trainable params: ${trainable}`,
      `Non-trainable params: ${this.namedBuffers().reduce((a, [, b]) => a + b.size, 0)}`,
    ].join('\n')
  }

  /** Saves architecture, weights and training metadata to one safetensors file (atomically). */
  save(path: string, options: SaveModelOptions = {}): Promise<void> {
    return saveModel(this, path, options)
  }

  /** @internal a copy of every parameter and buffer (EarlyStopping's best weights). */
  snapshotWeights(): Map<string, Float32Array | Float64Array> {
    const out = new Map<string, Float32Array | Float64Array>()
    for (const [k, t] of Object.entries(this.stateDict())) {
      out.set(k, t.dataSync() as Float32Array | Float64Array)
    }
    return out
  }

  /** @internal writes a snapshot back in place. */
  restoreWeights(snapshot: Map<string, Float32Array | Float64Array>): void {
    const sd = this.stateDict()
    noGrad(() =>
      tidy(() => {
        for (const [k, v] of snapshot) {
          const t = sd[k]
          if (t !== undefined) t.assign(tensor(v, { shape: t.shape, dtype: t.dtype }))
        }
      }),
    )
  }

  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      inputShape: this.inputShape ?? undefined,
      layers: this.layers.map(layerToConfig),
    }
  }

  /** @internal rebuilds from `getConfig()` output. */
  static fromConfig(c: Record<string, unknown>): Sequential {
    const layers = ((c.layers as never[]) ?? []).map((l) => layerFromConfig(l))
    return new Sequential({
      layers,
      name: c.name as string | undefined,
      inputShape: c.inputShape as number[] | undefined,
    })
  }

  override dispose(): void {
    if (this.compiled?.optimizer && !(this.compiled.optimizerSpec instanceof Optimizer)) {
      this.compiled.optimizer.dispose()
    }
    super.dispose()
  }
}
