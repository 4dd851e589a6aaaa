// Dynamic batching for one model version: requests queue up, compatible ones (same non-batch
// shapes, same outputs) are concatenated along dimension 0 into one model run, and each
// request gets its own rows back. The queue is bounded (429) and every request has a deadline
// (504), whether it is still waiting or already running.
import { allocate, type InferTensor, type TensorData } from './Datatype.js'
import { InferenceError, InferenceTimeoutError, QueueFullError } from './errors.js'

export interface BatcherOptions {
  /** Rows per model run; 0 runs every request on its own (no batching). */
  maxBatchSize: number
  maxQueueDelayMs: number
  maxQueueSize: number
  timeoutMs: number
  /** Model runs that may be in flight at once. */
  concurrency: number
  run: (inputs: InferTensor[], outputs: string[]) => Promise<InferTensor[]>
  /** Called once per model run, for metrics. */
  onBatch?: (rows: number, requests: number, computeSeconds: number) => void
  /** Label used in error messages. */
  label: string
}

export interface BatchResult {
  outputs: InferTensor[]
  queueSeconds: number
  computeSeconds: number
}

interface Job {
  inputs: InferTensor[]
  outputs: string[]
  rows: number
  key: string
  enqueuedAt: number
  done: boolean
  timer: NodeJS.Timeout
  resolve: (r: BatchResult) => void
  reject: (e: Error) => void
}

function concat(parts: InferTensor[], rows: number): InferTensor {
  const first = parts[0] as InferTensor
  if (parts.length === 1) return first
  const shape = [rows, ...first.shape.slice(1)]
  if (first.datatype === 'BYTES') {
    return { ...first, shape, data: parts.flatMap((p) => p.data as string[]) }
  }
  let n = 0
  for (const p of parts) n += p.data.length
  const out = allocate(first.datatype, n) as Exclude<TensorData, string[]>
  let offset = 0
  for (const p of parts) {
    ;(out as Float32Array).set(p.data as Float32Array, offset)
    offset += p.data.length
  }
  return { ...first, shape, data: out }
}

function slice(t: InferTensor, fromRow: number, rows: number): InferTensor {
  const total = t.shape[0] as number
  const inner = total === 0 ? 0 : t.data.length / total
  const a = fromRow * inner
  const b = a + rows * inner
  const data = Array.isArray(t.data) ? t.data.slice(a, b) : t.data.subarray(a, b)
  return { ...t, shape: [rows, ...t.shape.slice(1)], data: data as TensorData }
}

/**
 * Queues requests for one model version and runs them in batches.
 *
 * @example
 * const b = new Batcher({ maxBatchSize: 32, maxQueueDelayMs: 2, maxQueueSize: 256,
 *   timeoutMs: 5000, concurrency: 1, label: 'mnist/1', run: (x, o) => model.run(x, o) })
 * const { outputs } = await b.submit(inputs, ['probabilities'])
 */
export class Batcher {
  private readonly queue: Job[] = []
  private running = 0
  private delayTimer: NodeJS.Timeout | undefined
  private idleWaiters: (() => void)[] = []
  /** Set when the batcher is being retired: queued work runs now instead of waiting for company. */
  private draining = false

  constructor(private readonly opts: BatcherOptions) {}

  /** Requests waiting for a model run. */
  get depth(): number {
    return this.queue.length
  }

  /** Model runs in flight. */
  get inFlight(): number {
    return this.running
  }

  /** Queues one request; `timeoutMs` may shorten (never lengthen) the configured deadline. */
  submit(inputs: InferTensor[], outputs: string[], timeoutMs?: number): Promise<BatchResult> {
    const { opts } = this
    const deadline = Math.min(opts.timeoutMs, timeoutMs ?? Number.POSITIVE_INFINITY)
    if (this.queue.length >= opts.maxQueueSize) {
      return Promise.reject(
        new QueueFullError(
          `model '${opts.label}': queue is full (${opts.maxQueueSize} requests waiting); retry later`,
        ),
      )
    }
    const rows = opts.maxBatchSize > 0 ? ((inputs[0]?.shape[0] as number) ?? 1) : 1
    const key = `${outputs.join(',')}|${inputs.map((t) => `${t.datatype}${t.shape.slice(1).join('x')}`).join('|')}`
    return new Promise<BatchResult>((resolve, reject) => {
      const job: Job = {
        inputs,
        outputs,
        rows,
        key,
        enqueuedAt: performance.now(),
        done: false,
        resolve,
        reject,
        timer: setTimeout(() => {
          if (job.done) return
          job.done = true
          const i = this.queue.indexOf(job)
          if (i >= 0) this.queue.splice(i, 1)
          reject(
            new InferenceTimeoutError(
              `model '${opts.label}': no answer within the ${deadline} ms request timeout (${i >= 0 ? 'still queued' : 'running'})`,
            ),
          )
          this.notifyIdle()
        }, deadline),
      }
      this.queue.push(job)
      this.pump()
    })
  }

  /** Resolves when nothing is queued or running (used before a model is unloaded). */
  drain(): Promise<void> {
    this.draining = true
    this.pump()
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private notifyIdle(): void {
    if (this.queue.length === 0 && this.running === 0) {
      const w = this.idleWaiters
      this.idleWaiters = []
      for (const f of w) f()
    }
  }

  private pump(): void {
    const { opts } = this
    while (this.running < opts.concurrency && this.queue.length > 0) {
      const head = this.queue[0] as Job
      const batch: Job[] = [head]
      let rows = head.rows
      if (opts.maxBatchSize > 0) {
        for (let i = 1; i < this.queue.length && rows < opts.maxBatchSize; i++) {
          const j = this.queue[i] as Job
          if (j.key === head.key && rows + j.rows <= opts.maxBatchSize) {
            batch.push(j)
            rows += j.rows
          }
        }
        const waited = performance.now() - head.enqueuedAt
        if (rows < opts.maxBatchSize && waited < opts.maxQueueDelayMs && !this.draining) {
          // Wait a little for more requests to join, but never past the head's delay budget.
          if (!this.delayTimer) {
            this.delayTimer = setTimeout(() => {
              this.delayTimer = undefined
              this.pump()
            }, opts.maxQueueDelayMs - waited)
          }
          return
        }
      }
      for (const j of batch) this.queue.splice(this.queue.indexOf(j), 1)
      void this.execute(batch, rows)
    }
  }

  private async execute(batch: Job[], rows: number): Promise<void> {
    this.running++
    const start = performance.now()
    try {
      const inputs = (batch[0] as Job).inputs.map((_, k) =>
        concat(
          batch.map((j) => j.inputs[k] as InferTensor),
          rows,
        ),
      )
      const outputs = await this.opts.run(inputs, (batch[0] as Job).outputs)
      const computeSeconds = (performance.now() - start) / 1000
      this.opts.onBatch?.(rows, batch.length, computeSeconds)
      if (batch.length > 1) {
        for (const o of outputs) {
          if (o.shape[0] !== rows) {
            throw new InferenceError(
              `model '${this.opts.label}': output '${o.name}' has ${o.shape[0]} rows for a batch of ${rows}; set maxBatchSize: 0 for models whose outputs are not per-row`,
            )
          }
        }
      }
      let row = 0
      for (const j of batch) {
        const mine = batch.length === 1 ? outputs : outputs.map((o) => slice(o, row, j.rows))
        row += j.rows
        if (j.done) continue
        j.done = true
        clearTimeout(j.timer)
        j.resolve({ outputs: mine, queueSeconds: (start - j.enqueuedAt) / 1000, computeSeconds })
      }
    } catch (e) {
      for (const j of batch) {
        if (j.done) continue
        j.done = true
        clearTimeout(j.timer)
        j.reject(e as Error)
      }
    } finally {
      this.running--
      this.pump()
      this.notifyIdle()
    }
  }
}
