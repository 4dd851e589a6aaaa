// Request/response calls to a worker thread that runs one model (workers/serveModelWorker, or the
// ONNX worker in loaders/onnxLoader). The worker is unref'd while idle so an idle model never keeps
// the process alive, and ref'd while a call is in flight so pending work does.
import type { Worker } from 'node:worker_threads'

export class WorkerClient {
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  private nextId = 0
  private dead: Error | undefined

  constructor(
    private readonly worker: Worker,
    what: string,
  ) {
    worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (this.pending.size === 0) worker.unref()
      if (m.ok) p.resolve(m.result)
      else p.reject(new Error(m.error))
    })
    const fail = (e: Error) => {
      this.dead ??= e
      for (const p of this.pending.values()) p.reject(e)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`${what} worker thread exited (code ${code})`)))
    worker.unref()
  }

  /** Set once the worker died; later calls reject with it. */
  get failed(): Error | undefined {
    return this.dead
  }

  call<T>(msg: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.dead) return Promise.reject(this.dead)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      msg.id = id
      this.worker.postMessage(msg, transfer)
    })
  }

  async terminate(): Promise<void> {
    await this.worker.terminate()
  }
}
