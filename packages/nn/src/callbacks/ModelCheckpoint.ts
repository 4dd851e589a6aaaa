/**
 * Saves the model after every epoch, or only when a monitored metric improves
 * (`saveBestOnly`). Writes are atomic (temp file + rename): an interrupted save never leaves a
 * corrupt checkpoint. `filepath` may contain `{epoch}` and any log key, e.g.
 * `'ckpt-{epoch}-{val_loss}.safetensors'`.
 */
import { Callback, type Logs } from './Callback.js'
import { isBetter, type MonitorMode, resolveMode } from './monitor.js'

export interface ModelCheckpointOptions {
  filepath: string
  monitor?: string
  saveBestOnly?: boolean
  mode?: MonitorMode
  /** Save every this many epochs (default 1). */
  period?: number
}

/**
 * @example
 * new ModelCheckpoint({ filepath: 'best.safetensors', monitor: 'val_accuracy', saveBestOnly: true })
 */
export class ModelCheckpoint extends Callback {
  readonly options: ModelCheckpointOptions
  readonly mode: 'min' | 'max'
  best: number
  /** Paths written so far. */
  readonly saved: string[] = []

  constructor(options: ModelCheckpointOptions) {
    super()
    this.options = options
    const monitor = options.monitor ?? 'val_loss'
    this.mode = resolveMode('ModelCheckpoint', monitor, options.mode)
    this.best = this.mode === 'min' ? Infinity : -Infinity
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const o = this.options
    if ((epoch + 1) % (o.period ?? 1) !== 0 || this.model === null) return
    if (o.saveBestOnly) {
      const v = logs[o.monitor ?? 'val_loss']
      if (v === undefined || !isBetter(this.mode, v, this.best, 0)) return
      this.best = v
    }
    const path = o.filepath.replace(/\{(\w+)\}/g, (m, k: string) => {
      if (k === 'epoch') return String(epoch + 1)
      const v = logs[k]
      return v === undefined ? m : v.toFixed(4)
    })
    await this.model.save(path, { metadata: { epoch: epoch + 1, logs } })
    this.saved.push(path)
  }
}
