/** `History`: what `fit` returns, one array per metric (Keras's `History.history`). */
import type { Logs } from './callbacks/Callback.js'

/**
 * @example
 * const h = await model.fit(x, y, { epochs: 5 })
 * h.history.loss // [0.61, 0.42, ...]
 */
export class History {
  /** Epoch indices (0-based) that finished. */
  readonly epoch: number[] = []
  readonly history: Record<string, number[]> = {}
  /** @internal */
  record(epoch: number, logs: Logs): void {
    this.epoch.push(epoch)
    for (const [k, v] of Object.entries(logs)) {
      const arr = this.history[k] ?? []
      // A metric that starts later (val_*) is aligned with NaN for the epochs before it.
      while (arr.length < this.epoch.length - 1) arr.push(Number.NaN)
      arr.push(v)
      this.history[k] = arr
    }
  }
  toJSON(): { epoch: number[]; history: Record<string, number[]> } {
    return { epoch: this.epoch, history: this.history }
  }
}
