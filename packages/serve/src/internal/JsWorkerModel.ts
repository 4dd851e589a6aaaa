// A LoadedModel whose instances are worker threads running one of this package's worker modules
// (classical, nn). Each run goes to the least busy instance; an instance whose thread died is
// replaced before its next run. Shared by the mlstack loaders so they differ only in their worker.
import type { InferTensor, TensorMetadata } from '../Datatype.js'
import { InferenceError, ModelFormatError } from '../errors.js'
import type { LoadContext, LoadedModel } from '../LoaderRegistry.js'
import { startWorker } from './startWorker.js'
import { WorkerClient } from './WorkerClient.js'
import type { WorkerModelInfo } from './workers/serveModelWorker.js'

function transferable(d: InferTensor['data']): ArrayBuffer | undefined {
  if (Array.isArray(d) || Buffer.isBuffer(d)) return undefined
  return d.byteOffset === 0 &&
    d.byteLength === d.buffer.byteLength &&
    d.buffer instanceof ArrayBuffer
    ? d.buffer
    : undefined
}

async function startInstance(
  worker: string,
  ctx: LoadContext,
): Promise<{ client: WorkerClient; info: WorkerModelInfo }> {
  const client = new WorkerClient(startWorker(worker), worker)
  try {
    const info = await client.call<WorkerModelInfo>({
      op: 'load',
      path: `${ctx.dir}/${ctx.file}`,
      options: { inputs: ctx.config.inputs },
    })
    return { client, info }
  } catch (e) {
    await client.terminate().catch(() => undefined)
    throw e
  }
}

class JsWorkerModel implements LoadedModel {
  private readonly busy: number[]
  private readonly restarting = new Map<number, Promise<WorkerClient>>()

  constructor(
    readonly platform: string,
    private readonly clients: WorkerClient[],
    readonly inputs: TensorMetadata[],
    readonly outputs: TensorMetadata[],
    readonly parameters: Record<string, string | number | boolean>,
    private readonly respawn: () => Promise<WorkerClient>,
    private readonly log: (msg: string) => void,
  ) {
    this.busy = clients.map(() => 0)
  }

  private client(k: number): Promise<WorkerClient> | WorkerClient {
    const c = this.clients[k] as WorkerClient
    if (!c.failed) return c
    let p = this.restarting.get(k)
    if (!p) {
      this.log(`${this.platform} instance ${k} failed (${c.failed.message}); starting a new one`)
      p = this.respawn().then((fresh) => {
        this.clients[k] = fresh
        return fresh
      })
      this.restarting.set(k, p)
      void p.finally(() => this.restarting.delete(k)).catch(() => undefined)
    }
    return p
  }

  async run(inputs: InferTensor[], outputNames: string[]): Promise<InferTensor[]> {
    let k = 0
    for (let i = 1; i < this.busy.length; i++)
      if ((this.busy[i] as number) < (this.busy[k] as number)) k = i
    this.busy[k] = (this.busy[k] as number) + 1
    try {
      const transfer: ArrayBuffer[] = []
      for (const t of inputs) {
        const b = transferable(t.data)
        if (b && !transfer.includes(b)) transfer.push(b)
      }
      const client = await this.client(k)
      return await client.call<InferTensor[]>(
        { op: 'run', feeds: inputs, fetches: outputNames },
        transfer,
      )
    } catch (e) {
      throw new InferenceError(`${this.platform} model failed to run: ${(e as Error).message}`)
    } finally {
      this.busy[k] = (this.busy[k] as number) - 1
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(
      this.clients.map(async (c) => {
        try {
          if (!c.failed) await c.call({ op: 'release' })
        } finally {
          await c.terminate()
        }
      }),
    )
  }
}

/**
 * Loads `ctx.config.instances` copies of a model, each in its own worker thread running
 * `workers/<worker>`. Load failures become ModelFormatError naming the loader and the file.
 */
export async function loadJsWorkerModel(
  loader: string,
  platform: string,
  worker: string,
  ctx: LoadContext,
): Promise<LoadedModel> {
  const path = `${ctx.dir}/${ctx.file}`
  const started: WorkerClient[] = []
  try {
    let info: WorkerModelInfo | undefined
    for (let i = 0; i < ctx.config.instances; i++) {
      const inst = await startInstance(worker, ctx)
      started.push(inst.client)
      info ??= inst.info
    }
    const first = info as WorkerModelInfo
    return new JsWorkerModel(
      platform,
      started,
      first.inputs,
      first.outputs,
      { ...first.parameters, instances: started.length },
      async () => (await startInstance(worker, ctx)).client,
      ctx.log,
    )
  } catch (e) {
    await Promise.allSettled(started.map((c) => c.terminate()))
    throw new ModelFormatError(`${loader} loader: cannot load ${path}: ${(e as Error).message}`)
  }
}
