// A LoadedModel whose instances are worker threads running one of this package's worker modules
// (classical, nn), kept in an InstancePool (least busy first, dead threads replaced). Shared by
// the mlstack loaders so they differ only in their worker.
import type { InferTensor, TensorMetadata } from '../Datatype.js'
import { InferenceError, ModelFormatError } from '../errors.js'
import type { LoadContext, LoadedModel } from '../LoaderRegistry.js'
import { InstancePool } from './InstancePool.js'
import { startWorker } from './startWorker.js'
import { transferList } from './transferList.js'
import { WorkerClient } from './WorkerClient.js'
import type { WorkerModelInfo } from './workers/serveModelWorker.js'

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
  private readonly pool: InstancePool<WorkerClient>

  constructor(
    readonly platform: string,
    private readonly clients: WorkerClient[],
    readonly inputs: TensorMetadata[],
    readonly outputs: TensorMetadata[],
    readonly parameters: Record<string, string | number | boolean>,
    respawn: () => Promise<WorkerClient>,
    log: (msg: string) => void,
  ) {
    this.pool = new InstancePool(clients, platform, respawn, log)
  }

  async run(inputs: InferTensor[], outputNames: string[]): Promise<InferTensor[]> {
    try {
      const transfer = transferList(inputs)
      return await this.pool.use((client) =>
        client.call<InferTensor[]>({ op: 'run', feeds: inputs, fetches: outputNames }, transfer),
      )
    } catch (e) {
      throw new InferenceError(`${this.platform} model failed to run: ${(e as Error).message}`)
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
