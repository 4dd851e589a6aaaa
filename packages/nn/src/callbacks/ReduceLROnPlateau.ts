/** Multiplies the learning rate by `factor` when a metric has not improved for `patience` epochs. */
import { ConfigError } from '../errors.js'
import { Callback, type Logs } from './Callback.js'
import { isBetter, type MonitorMode, resolveMode } from './monitor.js'

export interface ReduceLROnPlateauOptions {
  monitor?: string
  factor?: number
  patience?: number
  mode?: MonitorMode
  minDelta?: number
  cooldown?: number
  minLr?: number
}

/**
 * @example
 * new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 2, minLr: 1e-5 })
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string
  readonly factor: number
  readonly patience: number
  readonly mode: 'min' | 'max'
  readonly minDelta: number
  readonly cooldown: number
  readonly minLr: number
  private best = Number.NaN
  private wait = 0
  private cooldownLeft = 0

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super()
    this.monitor = options.monitor ?? 'val_loss'
    this.factor = options.factor ?? 0.1
    if (!(this.factor > 0 && this.factor < 1)) {
      throw new ConfigError(
        'ReduceLROnPlateau',
        `invalid factor ${this.factor} (expected 0 < factor < 1)`,
      )
    }
    this.patience = options.patience ?? 10
    this.mode = resolveMode('ReduceLROnPlateau', this.monitor, options.mode)
    this.minDelta = options.minDelta ?? 1e-4
    this.cooldown = options.cooldown ?? 0
    this.minLr = options.minLr ?? 0
  }

  override onTrainBegin(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity
    this.wait = 0
    this.cooldownLeft = 0
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    const v = logs[this.monitor]
    const opt = this.model?.optimizer
    if (v === undefined || !opt) return
    const groups = opt.paramGroups as { lr: number }[]
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--
      this.wait = 0
    }
    if (isBetter(this.mode, v, this.best, this.minDelta)) {
      this.best = v
      this.wait = 0
    } else if (this.cooldownLeft === 0 && ++this.wait >= this.patience) {
      for (const g of groups) g.lr = Math.max(g.lr * this.factor, this.minLr)
      this.cooldownLeft = this.cooldown
      this.wait = 0
    }
    logs.lr = groups[0].lr
  }
}
