/**
 * Stops training when a monitored metric stops improving (Keras's `EarlyStopping`), optionally
 * restoring the weights of the best epoch.
 */
import { ConfigError } from '../errors.js'
import { Callback, type Logs } from './Callback.js'
import { isBetter, type MonitorMode, resolveMode } from './monitor.js'

export interface EarlyStoppingOptions {
  monitor?: string
  minDelta?: number
  patience?: number
  mode?: MonitorMode
  baseline?: number
  restoreBestWeights?: boolean
}

/**
 * @example
 * new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true })
 */
export class EarlyStopping extends Callback {
  readonly monitor: string
  readonly minDelta: number
  readonly patience: number
  readonly mode: 'min' | 'max'
  readonly baseline: number | undefined
  readonly restoreBestWeights: boolean
  /** Epoch at which training stopped (-1 when it ran to the end). */
  stoppedEpoch = -1
  bestEpoch = -1
  best = Number.NaN
  private wait = 0
  private bestWeights: Map<string, Float32Array | Float64Array> | null = null

  constructor(options: EarlyStoppingOptions = {}) {
    super()
    this.monitor = options.monitor ?? 'val_loss'
    this.minDelta = Math.abs(options.minDelta ?? 0)
    this.patience = options.patience ?? 0
    if (!(Number.isInteger(this.patience) && this.patience >= 0)) {
      throw new ConfigError(
        'EarlyStopping',
        `invalid patience ${this.patience} (expected an integer >= 0)`,
      )
    }
    this.mode = resolveMode('EarlyStopping', this.monitor, options.mode)
    this.baseline = options.baseline
    this.restoreBestWeights = options.restoreBestWeights ?? false
  }

  override onTrainBegin(): void {
    this.wait = 0
    this.stoppedEpoch = -1
    this.bestEpoch = -1
    this.best = this.baseline ?? (this.mode === 'min' ? Infinity : -Infinity)
    this.bestWeights = null
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const v = logs[this.monitor]
    if (v === undefined) {
      throw new ConfigError(
        'EarlyStopping',
        `monitored metric '${this.monitor}' is not in the logs (available: ${Object.keys(logs).join(', ')})`,
      )
    }
    if (isBetter(this.mode, v, this.best, this.minDelta)) {
      this.best = v
      this.bestEpoch = epoch
      this.wait = 0
      if (this.restoreBestWeights && this.model) this.bestWeights = this.model.snapshotWeights()
      return
    }
    this.wait++
    if (this.wait >= this.patience && this.model) {
      this.stoppedEpoch = epoch
      this.model.stopTraining = true
    }
  }

  override onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights !== null && this.model) {
      this.model.restoreWeights(this.bestWeights)
    }
  }
}
