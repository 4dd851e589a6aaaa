/**
 * Terminal progress for `fit` (cli-progress): a bar per epoch with the running loss and
 * metrics when the output is a TTY; nothing otherwise (logs and CI stay clean). `mode: 'epoch'`
 * (fit's `verbose: 2`) prints one summary line per epoch instead, TTY or not.
 */
import { SingleBar } from 'cli-progress'
import { Callback, type Logs } from './Callback.js'

export interface ProgressBarOptions {
  /** `'bar'` (default) or `'epoch'` (one line per epoch). */
  mode?: 'bar' | 'epoch'
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WriteStream
  /** Redraw at most every this many ms (default 100). */
  fps?: number
}

function fmtLogs(logs: Logs | undefined): string {
  if (!logs) return ''
  return Object.entries(logs)
    .filter(([k]) => k !== 'batch' && k !== 'size')
    .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
    .join(' - ')
}

/**
 * @example
 * await model.fit(x, y, { verbose: 0, callbacks: [new ProgressBar()] })
 */
export class ProgressBar extends Callback {
  private readonly mode: 'bar' | 'epoch'
  private readonly stream: NodeJS.WriteStream
  private bar: SingleBar | null = null
  private readonly tty: boolean
  private started = 0
  private lastDraw = 0
  private readonly interval: number

  constructor(options: ProgressBarOptions = {}) {
    super()
    this.mode = options.mode ?? 'bar'
    this.stream = options.stream ?? process.stderr
    this.tty = this.stream.isTTY === true
    this.interval = options.fps === undefined ? 100 : 1000 / options.fps
  }

  override onEpochBegin(epoch: number): void {
    this.started = performance.now()
    if (this.mode !== 'bar' || !this.tty) return
    const total = this.params?.steps ?? 0
    this.stream.write(`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'}\n`)
    this.bar = new SingleBar({
      stream: this.stream,
      format: ' {bar} {value}/{total} | {eta_formatted} | {logs}',
      hideCursor: true,
      clearOnComplete: false,
    })
    this.bar.start(total, 0, { logs: '' })
  }

  override onBatchEnd(batch: number, logs?: Logs): void {
    if (this.bar === null) return
    const now = performance.now()
    if (now - this.lastDraw < this.interval) return
    this.lastDraw = now
    this.bar.update(batch + 1, { logs: fmtLogs(logs) })
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const secs = ((performance.now() - this.started) / 1000).toFixed(1)
    if (this.bar !== null) {
      this.bar.update(this.params?.steps ?? 0, { logs: `${secs}s - ${fmtLogs(logs)}` })
      this.bar.stop()
      this.bar = null
    } else if (this.mode === 'epoch') {
      this.stream.write(
        `Epoch ${epoch + 1}/${this.params?.epochs ?? '?'} - ${secs}s - ${fmtLogs(logs)}\n`,
      )
    }
  }
}
