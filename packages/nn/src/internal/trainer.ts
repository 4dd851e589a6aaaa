/**
 * The Keras-style training engine behind `Sequential.fit/evaluate/predict`. The data is
 * validated and converted to one host typed array up front; each step then only copies the
 * batch rows into a reused buffer, runs forward/backward inside `tidy`, and lets the optimizer
 * update in place, so the per-batch overhead stays a few microseconds above the kernels.
 */
import { hostView, noGrad, Random, ShapeError, Tensor, tensor, tidy, zeros } from '@mlstack/core'
import { Callback, type FitParams, type Logs, overrides } from '../callbacks/Callback.js'
import { ProgressBar } from '../callbacks/ProgressBar.js'
import { ConfigError, InvalidInputError, LabelError, NotCompiledError } from '../errors.js'
import { History } from '../History.js'
import type { Loss } from '../losses/Loss.js'
import { SparseCategoricalCrossentropy } from '../losses/Loss.js'
import { sparseCrossEntropy } from '../losses/sparseCrossEntropy.js'
import type {
  BatchSource,
  EvaluateOptions,
  FitOptions,
  PredictOptions,
  Sequential,
} from '../Sequential.js'
import {
  asFloat,
  checkFinite,
  checkFiniteArray,
  type DataInput,
  type HostArray,
  toHost,
} from './hostData.js'
import { type ResolvedMetric, resolveMetric } from './metrics.js'

type Float = Float32Array | Float64Array

/** Yields to the event loop (timers, I/O, signals get their turn between batches). */
const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r))

function isBatchSource(x: unknown): x is BatchSource {
  if (x === null || typeof x !== 'object') return false
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return false
  if ('data' in (x as object) && 'shape' in (x as object)) return false
  if ('dataSync' in (x as object) || 'to2DArray' in (x as object)) return false
  return Symbol.asyncIterator in (x as object) || Symbol.iterator in (x as object)
}

function isOptionsObject(v: unknown): boolean {
  return (
    v === undefined ||
    (v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !ArrayBuffer.isView(v) &&
      !('data' in v) &&
      !('dataSync' in v) &&
      !('to2DArray' in v))
  )
}

function posInt(api: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt
  if (!(typeof v === 'number' && Number.isInteger(v) && v > 0)) {
    throw new ConfigError(api, `invalid ${name} ${String(v)} (expected a positive integer)`)
  }
  return v
}

/** Everything a step needs, resolved once per fit/evaluate. */
interface Plan {
  model: Sequential
  loss: Loss
  sparse: boolean
  /** Train on logits with the fused loss (model ends in softmax, loss on probabilities). */
  fused: boolean
  fromLogits: boolean
  labelSmoothing: number
  dtype: 'float32' | 'float64'
  classes: number
  metrics: ResolvedMetric[]
  /** Metrics need probabilities (not just an argmax) while training on logits. */
  metricsNeedProbs: boolean
  classWeight: ((label: number) => number) | null
}

function makePlan(
  api: string,
  model: Sequential,
  classWeight: FitOptions['classWeight'],
  sparseTargetsHint: boolean,
): Plan {
  const c = model.compiled
  if (c === null) {
    throw new NotCompiledError(
      api,
      'the model is not compiled; call compile({ optimizer, loss, metrics }) first',
    )
  }
  const loss = c.loss
  const sparse = loss instanceof SparseCategoricalCrossentropy
  const fromLogits = sparse ? (loss as SparseCategoricalCrossentropy).fromLogits : false
  const fused = sparse && c.fuseSoftmax && !fromLogits && model.endsInSoftmax()
  const out = model.outputShape
  const classes = (out?.[out.length - 1] as number | null) ?? 1
  const p0 = model.parameters()[0]
  const dtype = p0?.dtype === 'float64' ? 'float64' : 'float32'
  const ctx = {
    sparseTargets: sparse || sparseTargetsHint,
    outputs: classes,
    logitsOutput: fromLogits,
  }
  const metrics = c.metrics.map((m) => resolveMetric(m, ctx))
  const argmaxOnly = new Set(['accuracy', 'sparseCategoricalAccuracy', 'categoricalAccuracy'])
  let cw: Plan['classWeight'] = null
  if (classWeight !== undefined) {
    const table = classWeight as Record<number, number>
    for (const [k, v] of Object.entries(table)) {
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new ConfigError(api, `invalid classWeight[${k}] ${v} (expected a finite number >= 0)`)
      }
    }
    cw = (label) => table[label] ?? 1
  }
  return {
    model,
    loss,
    sparse,
    fused,
    fromLogits: fromLogits || fused,
    labelSmoothing: sparse ? (loss as SparseCategoricalCrossentropy).labelSmoothing : 0,
    dtype,
    classes,
    metrics,
    metricsNeedProbs: fused && metrics.some((m) => !argmaxOnly.has(m.name)),
    classWeight: cw,
  }
}

/** x as host data, checked: at least one sample, finite, the model's feature shape. */
function hostInput(api: string, model: Sequential, x: DataInput): HostArray {
  const X = toHost(api, 'x', x)
  if (X.data.length === 0 || (X.shape[0] ?? 0) === 0) {
    throw new InvalidInputError(
      api,
      `x is empty (shape [${X.shape.join(', ')}]); expected at least one sample`,
    )
  }
  checkFinite(api, 'x', X)
  checkInputShape(api, model, X.shape)
  return X
}

/** Validates x/y once: sizes, finiteness, feature shape, label range. */
function prepare(
  api: string,
  model: Sequential,
  x: DataInput,
  y: DataInput | null,
  getPlan: () => Plan,
): {
  X: HostArray
  Y: HostArray | null
} {
  const X = hostInput(api, model, x)
  const n = X.shape[0]
  let Y: HostArray | null = null
  if (y !== null) {
    Y = toHost(api, 'y', y)
    if (Y.shape[0] !== n) {
      throw new InvalidInputError(
        api,
        `x has ${n} samples but y has ${Y.shape[0] ?? 0}; expected the same count`,
      )
    }
    checkFinite(api, 'y', Y)
    const plan = getPlan()
    if (plan.sparse) {
      if (!(Y.shape.length === 1 || (Y.shape.length === 2 && Y.shape[1] === 1))) {
        throw new LabelError(
          api,
          `sparse categorical cross-entropy expects integer labels of shape [${n}], got [${Y.shape.join(', ')}] (use categoricalCrossentropy for one-hot targets)`,
        )
      }
      const d = Y.data
      for (let i = 0; i < d.length; i++) {
        const v = d[i]
        if (!(Number.isInteger(v) && v >= 0 && v < plan.classes)) {
          throw new LabelError(
            api,
            `label ${v} at index ${i} is not an integer class in [0, ${plan.classes}) (the model has ${plan.classes} outputs)`,
          )
        }
      }
    }
  }
  return { X, Y }
}

function checkInputShape(api: string, model: Sequential, shape: readonly number[]): void {
  const want = model.inputShape
  if (want === null) {
    model.build([null, ...shape.slice(1)])
    return
  }
  let same = shape.length === want.length + 1
  for (let i = 0; same && i < want.length; i++) same = shape[i + 1] === want[i]
  if (!same) {
    const got = shape.slice(1)
    throw new ShapeError(
      api,
      `x has feature shape [${got.join(', ')}] (input shape [${shape.join(', ')}]), expected [${want.join(', ')}] (the model's input shape)`,
    )
  }
}

function hostSoftmax(z: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(z.length)
  for (let b = 0; b < z.length; b += c) {
    let m = -Infinity
    for (let j = b; j < b + c; j++) if (z[j] > m) m = z[j]
    let s = 0
    for (let j = b; j < b + c; j++) s += out[j] = Math.exp(z[j] - m)
    for (let j = b; j < b + c; j++) out[j] /= s
  }
  return out
}

/** Running, sample-weighted means of the loss and metrics over an epoch. */
class Accumulator {
  private n = 0
  private readonly sums = new Map<string, number>()
  add(name: string, value: number, count: number): void {
    this.sums.set(name, (this.sums.get(name) ?? 0) + value * count)
  }
  count(k: number): void {
    this.n += k
  }
  logs(prefix = ''): Logs {
    const out: Logs = {}
    for (const [k, v] of this.sums) out[prefix + k] = v / Math.max(1, this.n)
    return out
  }
}

/**
 * One forward (+ backward) pass of a batch; returns the loss value and adds the metrics.
 * `train` false runs without gradients (evaluation).
 */
function runBatch(
  plan: Plan,
  xData: Float | Tensor,
  xShape: number[],
  yData: ArrayLike<number>,
  yShape: number[],
  sampleWeight: Float64Array | null,
  train: boolean,
  acc: Accumulator,
): number {
  const { model } = plan
  let lossVal = 0
  let pred: ArrayLike<number> | null = null
  const n = xShape[0]
  const body = (): void => {
    const xb = xData instanceof Tensor ? xData : tensor(xData, { shape: xShape, dtype: plan.dtype })
    const out = plan.fused ? (model.forwardLogits(xb) as Tensor) : model.forward(xb)
    let l: Tensor
    if (plan.sparse) {
      l = sparseCrossEntropy(out, yData, {
        fromLogits: plan.fromLogits,
        labelSmoothing: plan.labelSmoothing,
        sampleWeight,
      })
    } else {
      const yb = tensor(yData, { shape: yShape, dtype: plan.dtype })
      l = plan.loss.compute(out, yb, sampleWeight)
    }
    if (train) {
      const reg = model.regularizationLoss()
      if (reg !== null) l = l.add(reg)
      l.backward()
    }
    lossVal = l.item()
    if (plan.metrics.length > 0) {
      pred = out.dataSync()
      if (plan.metricsNeedProbs) pred = hostSoftmax(pred, plan.classes)
    }
  }
  if (train) tidy(body)
  else noGrad(() => tidy(body))
  acc.count(n)
  acc.add('loss', lossVal, n)
  if (pred !== null) {
    const predShape = [n, plan.classes]
    for (const m of plan.metrics) acc.add(m.name, m.fn(yData, pred, predShape), n)
  }
  return lossVal
}

function weightsFor(
  plan: Plan,
  y: ArrayLike<number>,
  yShape: number[],
  out: Float64Array,
): Float64Array | null {
  const cw = plan.classWeight
  if (cw === null) return null
  const n = yShape[0]
  const c = y.length / n
  for (let i = 0; i < n; i++) {
    let label = y[i]
    if (c > 1) {
      let best = 0
      for (let j = 1; j < c; j++) if (y[i * c + j] > y[i * c + best]) best = j
      label = best
    }
    out[i] = cw(label)
  }
  return out.length === n ? out : out.subarray(0, n)
}

interface ArrayData {
  X: Float
  Y: Float | Int32Array
  xRest: number[]
  yRest: number[]
  n: number
}

function toArrayData(plan: Plan, X: HostArray, Y: HostArray): ArrayData {
  const n = X.shape[0]
  const Yd = plan.sparse ? Int32Array.from(Y.data) : asFloat(Y, plan.dtype)
  return {
    X: asFloat(X, plan.dtype),
    Y: Yd,
    xRest: X.shape.slice(1),
    yRest: plan.sparse ? [] : Y.shape.slice(1),
    n,
  }
}

function sliceRows(d: ArrayData, start: number, end: number): ArrayData {
  const F = d.X.length / d.n
  const G = d.Y.length / d.n
  return {
    X: d.X.subarray(start * F, end * F),
    Y: d.Y.subarray(start * G, end * G),
    xRest: d.xRest,
    yRest: d.yRest,
    n: end - start,
  }
}

/** Runs a whole array data set through the model without gradients. */
async function evaluateArrays(plan: Plan, d: ArrayData, batchSize: number): Promise<Logs> {
  const acc = new Accumulator()
  const model = plan.model
  const was = model.training
  model.eval()
  try {
    const F = d.X.length / d.n
    const G = d.Y.length / d.n
    let sw: Float64Array | null = null
    for (let s = 0; s < d.n; s += batchSize) {
      const e = Math.min(d.n, s + batchSize)
      const yb = d.Y.subarray(s * G, e * G)
      if (plan.classWeight !== null)
        sw = weightsFor(plan, yb, [e - s, ...d.yRest], new Float64Array(e - s))
      runBatch(
        plan,
        d.X.subarray(s * F, e * F),
        [e - s, ...d.xRest],
        yb,
        [e - s, ...d.yRest],
        sw,
        false,
        acc,
      )
      if (e < d.n) await yieldNow()
    }
  } finally {
    model.train(was)
  }
  return acc.logs()
}

function splitBatch(api: string, b: unknown): [DataInput, DataInput] {
  if (Array.isArray(b) && b.length >= 2) return [b[0], b[1]]
  if (b !== null && typeof b === 'object' && 'x' in b && 'y' in b) {
    const o = b as { x: DataInput; y: DataInput }
    return [o.x, o.y]
  }
  throw new InvalidInputError(api, 'each batch from the data source must be { x, y } or [x, y]')
}

async function evaluateSource(api: string, plan: Plan, src: BatchSource): Promise<Logs> {
  const acc = new Accumulator()
  const model = plan.model
  const was = model.training
  model.eval()
  let any = false
  try {
    for await (const b of src as AsyncIterable<unknown>) {
      const [bx, by] = splitBatch(api, b)
      const { X, Y } = prepare(api, model, bx, by, () => plan)
      const d = toArrayData(plan, X, Y as HostArray)
      const sw =
        plan.classWeight === null
          ? null
          : weightsFor(plan, d.Y, [d.n, ...d.yRest], new Float64Array(d.n))
      runBatch(plan, d.X, [d.n, ...d.xRest], d.Y, [d.n, ...d.yRest], sw, false, acc)
      any = true
      await yieldNow()
    }
  } finally {
    model.train(was)
  }
  if (!any) throw new InvalidInputError(api, 'the data source yielded no batches')
  return acc.logs()
}

/**
 * One reused input tensor per batch size (the full batch and the last, shorter one), so a
 * training step writes the gathered rows into tensor memory instead of building a host batch
 * and copying it again into a fresh tensor. Null from `get` when the storage is not
 * host-visible (another backend): the caller then builds a tensor per batch.
 */
class BatchInputs {
  private readonly byRows = new Map<number, Tensor>()
  private hostVisible = true
  constructor(
    private readonly dtype: 'float32' | 'float64',
    private readonly rest: readonly number[],
  ) {}
  get(rows: number): Tensor | null {
    if (!this.hostVisible) return null
    let t = this.byRows.get(rows)
    if (t === undefined) {
      t = zeros([rows, ...this.rest], { dtype: this.dtype })
      try {
        hostView(t)
      } catch {
        t.dispose()
        this.hostVisible = false
        return null
      }
      this.byRows.set(rows, t)
    }
    return t
  }
  dispose(): void {
    for (const t of this.byRows.values()) t.dispose()
    this.byRows.clear()
  }
}

class CallbackList {
  readonly batchHooks: boolean
  constructor(readonly cbs: Callback[]) {
    this.batchHooks = cbs.some((c) => overrides(c, 'onBatchBegin') || overrides(c, 'onBatchEnd'))
  }
  async call<K extends 'onTrainBegin' | 'onTrainEnd'>(hook: K, logs: Logs): Promise<void> {
    for (const c of this.cbs) await c[hook](logs)
  }
  async epoch(hook: 'onEpochBegin' | 'onEpochEnd', e: number, logs: Logs): Promise<void> {
    for (const c of this.cbs) await c[hook](e, logs)
  }
  async batch(hook: 'onBatchBegin' | 'onBatchEnd', b: number, logs: Logs): Promise<void> {
    for (const c of this.cbs) await c[hook](b, logs)
  }
}

/** @internal `Sequential.fit`. */
export async function fitModel(
  model: Sequential,
  x: DataInput | BatchSource,
  yOrOptions: DataInput | FitOptions | undefined,
  maybeOptions: FitOptions | undefined,
): Promise<History> {
  const api = 'fit'
  const fromSource = isBatchSource(x) && isOptionsObject(yOrOptions)
  const options: FitOptions = (fromSource ? (yOrOptions as FitOptions) : maybeOptions) ?? {}
  if (!fromSource && yOrOptions === undefined) {
    throw new InvalidInputError(
      api,
      'y is missing: pass fit(x, y, options) or fit(loader, options)',
    )
  }
  const epochs = posInt(api, 'epochs', options.epochs, 1)
  const batchSize = posInt(api, 'batchSize', options.batchSize, 32)
  const initialEpoch = options.initialEpoch ?? 0
  const split = options.validationSplit ?? 0
  if (!(split >= 0 && split < 1)) {
    throw new ConfigError(api, `invalid validationSplit ${split} (expected 0 <= split < 1)`)
  }
  if (fromSource && split > 0) {
    throw new ConfigError(
      api,
      'validationSplit needs arrays; with a data loader pass validationData',
    )
  }
  const verbose = options.verbose ?? 1
  const yieldEveryMs = options.yieldEveryMs ?? 10
  if (!(typeof yieldEveryMs === 'number' && yieldEveryMs >= 0)) {
    throw new ConfigError(
      api,
      `invalid yieldEveryMs ${String(yieldEveryMs)} (expected a number >= 0)`,
    )
  }
  let plan = makePlan(api, model, options.classWeight, false)

  let train: ArrayData | null = null
  let val: ArrayData | null = null
  if (!fromSource) {
    const { X, Y } = prepare(api, model, x as DataInput, yOrOptions as DataInput, () => {
      plan = makePlan(api, model, options.classWeight, false)
      return plan
    })
    plan = makePlan(api, model, options.classWeight, (Y as HostArray).shape.length === 1)
    const all = toArrayData(plan, X, Y as HostArray)
    const nVal = Math.floor(all.n * split)
    if (split > 0 && (nVal === 0 || nVal === all.n)) {
      throw new InvalidInputError(
        api,
        `validationSplit ${split} of ${all.n} samples leaves an empty training or validation set`,
      )
    }
    train = nVal > 0 ? sliceRows(all, 0, all.n - nVal) : all
    val = nVal > 0 ? sliceRows(all, all.n - nVal, all.n) : null
  }
  const vd = options.validationData
  let valSource: BatchSource | null = null
  if (vd !== undefined) {
    if (Array.isArray(vd) && vd.length === 2 && !isBatchSource(vd)) {
      const { X, Y } = prepare(api, model, vd[0] as DataInput, vd[1] as DataInput, () => plan)
      val = toArrayData(plan, X, Y as HostArray)
    } else if (isBatchSource(vd)) valSource = vd
    else throw new InvalidInputError(api, 'validationData must be [x, y] or a data loader')
  }
  const opt = model.ensureOptimizer()

  const callbacks = [...(options.callbacks ?? [])]
  if (verbose > 0) callbacks.unshift(new ProgressBar({ mode: verbose === 2 ? 'epoch' : 'bar' }))
  for (const c of callbacks) {
    if (!(c instanceof Callback)) throw new ConfigError(api, 'callbacks must extend Callback')
  }
  const steps = train === null ? (lengthOf(x) ?? null) : Math.ceil(train.n / batchSize)
  const params: FitParams = {
    epochs,
    steps,
    samples: train?.n ?? null,
    verbose,
    metrics: ['loss', ...plan.metrics.map((m) => m.name)],
  }
  for (const c of callbacks) {
    c.setModel(model)
    c.setParams(params)
  }
  const cbl = new CallbackList(callbacks)
  const history = new History()
  const rng = new Random(options.seed ?? Math.floor(Math.random() * 2 ** 31))
  const shuffle = options.shuffle ?? true

  model.stopTraining = false
  model.train()
  await cbl.call('onTrainBegin', {})
  let epochLogs: Logs = {}
  const F = train === null ? 0 : train.X.length / train.n
  const G = train === null ? 0 : train.Y.length / train.n
  const xBuf =
    train === null
      ? null
      : new (plan.dtype === 'float64' ? Float64Array : Float32Array)(batchSize * F)
  const inputs = train === null ? null : new BatchInputs(plan.dtype, train.xRest)
  let lastYield = performance.now()
  const yBuf =
    train === null
      ? null
      : new (train.Y instanceof Int32Array
          ? Int32Array
          : plan.dtype === 'float64'
            ? Float64Array
            : Float32Array)(batchSize * G)
  const swBuf = new Float64Array(batchSize)
  const perm = train === null ? null : new Int32Array(train.n)

  for (let epoch = initialEpoch; epoch < initialEpoch + epochs; epoch++) {
    await cbl.epoch('onEpochBegin', epoch, {})
    const acc = new Accumulator()
    let b = 0
    if (train !== null && perm !== null && xBuf !== null && yBuf !== null) {
      const n = train.n
      for (let i = 0; i < n; i++) perm[i] = i
      if (shuffle) {
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(0, i + 1)
          const t = perm[i]
          perm[i] = perm[j]
          perm[j] = t
        }
      }
      try {
        for (let s = 0; s < n; s += batchSize, b++) {
          const e = Math.min(n, s + batchSize)
          const cur = e - s
          // The rows go straight into the batch's input tensor when its memory is host-visible.
          const xt = (inputs as BatchInputs).get(cur)
          const xv = xt === null ? xBuf : (hostView(xt) as Float)
          let xd: Float | Tensor
          let yd: Float | Int32Array
          if (shuffle) {
            for (let r = 0; r < cur; r++) {
              const i = perm[s + r]
              xv.set(train.X.subarray(i * F, i * F + F), r * F)
              if (G === 1) yBuf[r] = train.Y[i]
              else yBuf.set(train.Y.subarray(i * G, i * G + G), r * G)
            }
            xd = xt ?? xBuf.subarray(0, cur * F)
            yd = yBuf.subarray(0, cur * G)
          } else {
            if (xt !== null) xv.set(train.X.subarray(s * F, e * F))
            xd = xt ?? train.X.subarray(s * F, e * F)
            yd = train.Y.subarray(s * G, e * G)
          }
          const yShape = [cur, ...train.yRest]
          const sw =
            plan.classWeight === null ? null : weightsFor(plan, yd, yShape, swBuf.subarray(0, cur))
          if (cbl.batchHooks) await cbl.batch('onBatchBegin', b, { batch: b, size: cur })
          opt.zeroGrad()
          runBatch(plan, xd, [cur, ...train.xRest], yd, yShape, sw, true, acc)
          opt.step()
          if (cbl.batchHooks)
            await cbl.batch('onBatchEnd', b, { batch: b, size: cur, ...acc.logs() })
          if (model.stopTraining) break
          const now = performance.now()
          if (now - lastYield >= yieldEveryMs) {
            await yieldNow()
            lastYield = performance.now()
          }
        }
      } finally {
        // Freed every epoch so nothing outlives an exception or the last epoch.
        inputs?.dispose()
      }
    } else {
      for await (const batch of x as AsyncIterable<unknown>) {
        const [bx, by] = splitBatch(api, batch)
        const { X, Y } = prepare(api, model, bx, by, () => {
          if (b === 0 && epoch === initialEpoch)
            plan = makePlan(api, model, options.classWeight, false)
          return plan
        })
        if (b === 0 && epoch === initialEpoch)
          plan = makePlan(api, model, options.classWeight, (Y as HostArray).shape.length === 1)
        const d = toArrayData(plan, X, Y as HostArray)
        const yShape = [d.n, ...d.yRest]
        const sw =
          plan.classWeight === null ? null : weightsFor(plan, d.Y, yShape, new Float64Array(d.n))
        if (cbl.batchHooks) await cbl.batch('onBatchBegin', b, { batch: b, size: d.n })
        const o = model.ensureOptimizer()
        o.zeroGrad()
        runBatch(plan, d.X, [d.n, ...d.xRest], d.Y, yShape, sw, true, acc)
        o.step()
        if (cbl.batchHooks) await cbl.batch('onBatchEnd', b, { batch: b, size: d.n, ...acc.logs() })
        b++
        if (model.stopTraining) break
        const now = performance.now()
        if (now - lastYield >= yieldEveryMs) {
          await yieldNow()
          lastYield = performance.now()
        }
      }
      if (b === 0) throw new InvalidInputError(api, 'the data source yielded no batches')
    }
    opt.zeroGrad()
    epochLogs = acc.logs()
    if (val !== null)
      Object.assign(epochLogs, prefixed(await evaluateArrays(plan, val, Math.max(batchSize, 256))))
    else if (valSource !== null)
      Object.assign(epochLogs, prefixed(await evaluateSource(api, plan, valSource)))
    // Callbacks run first so what they add to the logs (lr, ...) lands in the History, as in Keras.
    await cbl.epoch('onEpochEnd', epoch, epochLogs)
    history.record(epoch, epochLogs)
    if (model.stopTraining) break
  }
  await cbl.call('onTrainEnd', epochLogs)
  model.trainingInfo = {
    epochs: history.epoch.length,
    lastEpoch: history.epoch[history.epoch.length - 1],
    logs: epochLogs,
    loss: plan.loss.name,
    optimizer: opt.constructor.name,
  }
  return history
}

function prefixed(l: Logs): Logs {
  const out: Logs = {}
  for (const [k, v] of Object.entries(l)) out[`val_${k}`] = v
  return out
}

function lengthOf(x: unknown): number | null {
  const n = (x as { length?: unknown }).length
  return typeof n === 'number' ? n : null
}

/** @internal `Sequential.evaluate`. */
export async function evaluateModel(
  model: Sequential,
  x: DataInput | BatchSource,
  yOrOptions: DataInput | EvaluateOptions | undefined,
  maybeOptions: EvaluateOptions | undefined,
): Promise<Record<string, number>> {
  const api = 'evaluate'
  const fromSource = isBatchSource(x) && isOptionsObject(yOrOptions)
  const options = (fromSource ? (yOrOptions as EvaluateOptions) : maybeOptions) ?? {}
  const batchSize = posInt(api, 'batchSize', options.batchSize, 256)
  let plan = makePlan(api, model, undefined, false)
  if (fromSource) return evaluateSource(api, plan, x as BatchSource)
  if (yOrOptions === undefined)
    throw new InvalidInputError(api, 'y is missing: pass evaluate(x, y)')
  const { X, Y } = prepare(api, model, x as DataInput, yOrOptions as DataInput, () => {
    plan = makePlan(api, model, undefined, false)
    return plan
  })
  plan = makePlan(api, model, undefined, (Y as HostArray).shape.length === 1)
  return evaluateArrays(plan, toArrayData(plan, X, Y as HostArray), batchSize)
}

/** @internal `Sequential.predict`. */
export function predictModel(model: Sequential, x: DataInput, options: PredictOptions): Tensor {
  const api = 'predict'
  const batchSize = posInt(api, 'batchSize', options.batchSize, 256)
  const was = model.training
  if (was) model.eval()
  try {
    if (x instanceof Tensor && x.rank >= 2 && x.shape[0] > 0 && x.shape[0] <= batchSize) {
      // Fast path (batch-1 serving): validate the tensor in place and run it as is.
      const dt = paramDtype(model)
      if (dt === null || dt === x.dtype) {
        checkTensorFinite(api, x)
        checkInputShape(api, model, x.shape)
        return noGrad(() => tidy(() => model.forward(x)))
      }
    }
    const X = hostInput(api, model, x)
    const n = X.shape[0]
    const p0 = model.parameters()[0]
    const dtype = p0?.dtype === 'float64' ? 'float64' : 'float32'
    const Xf = asFloat(X, dtype)
    const rest = X.shape.slice(1)
    if (n <= batchSize) {
      return noGrad(() => tidy(() => model.forward(tensor(Xf, { shape: X.shape, dtype }))))
    }
    const F = Xf.length / n
    const parts: Float[] = []
    let outRest: number[] = []
    for (let s = 0; s < n; s += batchSize) {
      const e = Math.min(n, s + batchSize)
      noGrad(() =>
        tidy(() => {
          const out = model.forward(
            tensor(Xf.subarray(s * F, e * F), { shape: [e - s, ...rest], dtype }),
          )
          outRest = out.shape.slice(1)
          parts.push(out.dataSync() as Float)
        }),
      )
    }
    const total = parts.reduce((a, p) => a + p.length, 0)
    const all = new (dtype === 'float64' ? Float64Array : Float32Array)(total)
    let off = 0
    for (const p of parts) {
      all.set(p, off)
      off += p.length
    }
    return tensor(all, { shape: [n, ...outRest], dtype })
  } finally {
    if (was) model.train()
  }
}

/** Finite check of a tensor's values without copying them off a CPU backend. */
function checkTensorFinite(api: string, x: Tensor): void {
  let view: ArrayLike<number>
  try {
    view = hostView(x)
  } catch {
    view = x.dataSync()
  }
  checkFiniteArray(api, 'x', view, x.shape)
}

const DTYPES = new WeakMap<Sequential, { layers: number; dtype: string | null }>()
/** The parameters' dtype (cached per model: parameters() walks the whole tree). */
function paramDtype(model: Sequential): string | null {
  const c = DTYPES.get(model)
  if (c !== undefined && c.layers === model.layers.length && c.dtype !== null) return c.dtype
  const dtype = model.parameters()[0]?.dtype ?? null
  DTYPES.set(model, { layers: model.layers.length, dtype })
  return dtype
}
