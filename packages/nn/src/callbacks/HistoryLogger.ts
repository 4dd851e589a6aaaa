/**
 * Writes the epoch logs to a file as training goes: CSV (one row per epoch, Keras's
 * `CSVLogger`) or JSON (the whole history, rewritten atomically each epoch).
 */
import { appendFile, writeFile } from 'node:fs/promises'
import { atomicWrite } from '../internal/atomicWrite.js'
import { Callback, type Logs } from './Callback.js'

/**
 * @example
 * new CSVLogger('history.csv')
 */
export class CSVLogger extends Callback {
  private keys: string[] | null = null
  constructor(
    readonly path: string,
    readonly options: { append?: boolean; separator?: string } = {},
  ) {
    super()
  }
  override async onTrainBegin(): Promise<void> {
    this.keys = null
    if (!this.options.append) await writeFile(this.path, '')
  }
  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const sep = this.options.separator ?? ','
    let text = ''
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort()
      if (!this.options.append) text += `${['epoch', ...this.keys].join(sep)}\n`
    }
    text += `${[
      String(epoch),
      ...this.keys.map((k) => (logs[k] === undefined ? '' : String(logs[k]))),
    ].join(sep)}\n`
    await appendFile(this.path, text)
  }
}

/**
 * @example
 * new JSONLogger('history.json') // { "epoch": [0, 1], "history": { "loss": [...], ... } }
 */
export class JSONLogger extends Callback {
  private readonly epochs: number[] = []
  private readonly history: Record<string, number[]> = {}
  constructor(readonly path: string) {
    super()
  }
  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.epochs.push(epoch)
    for (const [k, v] of Object.entries(logs)) {
      const arr = this.history[k] ?? []
      arr.push(v)
      this.history[k] = arr
    }
    const body = JSON.stringify({ epoch: this.epochs, history: this.history }, null, 2)
    await atomicWrite(this.path, new TextEncoder().encode(body))
  }
}
