/**
 * `Callback`: hooks into `fit` (Keras's callback protocol). Every hook may be async; `fit`
 * awaits it. `logs` carry the running metrics (`loss`, `accuracy`, `val_loss`, ...).
 */
import type { AnyOptimizer } from '../internal/AnyOptimizer.js'

export type Logs = Record<string, number>

/** What a callback sees of the model being trained. */
export interface TrainingModel {
  /** Set to true to stop after the current batch/epoch (EarlyStopping does this). */
  stopTraining: boolean
  readonly optimizer: AnyOptimizer | null
  /** A copy of every parameter and buffer (to restore the best weights later). */
  snapshotWeights(): Map<string, Float32Array | Float64Array>
  restoreWeights(snapshot: Map<string, Float32Array | Float64Array>): void
  save(path: string, options?: { metadata?: Record<string, unknown> }): Promise<void>
}

export interface FitParams {
  epochs: number
  /** Batches per epoch (null when a loader gives no length). */
  steps: number | null
  samples: number | null
  verbose: number
  metrics: string[]
}

/**
 * Base class with no-op hooks; override the ones you need.
 *
 * @example
 * class Print extends Callback {
 *   override onEpochEnd(epoch: number, logs: Logs) { console.log(epoch, logs.loss) }
 * }
 */
export class Callback {
  model: TrainingModel | null = null
  params: FitParams | null = null
  setModel(model: TrainingModel): void {
    this.model = model
  }
  setParams(params: FitParams): void {
    this.params = params
  }
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

/** @internal true when a subclass overrides a hook (so fit can skip per-batch calls). */
export function overrides(cb: Callback, hook: keyof Callback): boolean {
  return (
    (cb as unknown as Record<string, unknown>)[hook] !==
    (Callback.prototype as unknown as Record<string, unknown>)[hook]
  )
}
