// The message loop of a JS model's worker thread: load once, then run batches until released.
// Each format's worker module (classicalWorker, nnWorker) supplies only its load function.
import { parentPort } from 'node:worker_threads'
import type { InferTensor, TensorMetadata } from '../../Datatype.js'
import { transferList } from '../transferList.js'

export interface WorkerModelInfo {
  inputs: TensorMetadata[]
  outputs: TensorMetadata[]
  parameters: Record<string, string | number | boolean>
}

export interface WorkerModel extends WorkerModelInfo {
  run(feeds: InferTensor[], fetches: string[]): InferTensor[] | Promise<InferTensor[]>
  dispose?(): void
}

export interface WorkerLoadOptions {
  /** config.json's declared inputs, when given. */
  inputs?: TensorMetadata[]
}

/**
 * Imports one of the optional peer packages (@mlstack/nn, @mlstack/classical), or throws saying
 * how to install it. The specifier is a variable and the module typed by the caller, so this
 * package builds and type-checks whether or not the peer is installed or built.
 */
export async function importOptionalPeer<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T
  } catch (e) {
    throw new Error(
      `${specifier} is not installed (npm install ${specifier}): ${(e as Error).message}`,
    )
  }
}

export function serveModelWorker(
  load: (path: string, options: WorkerLoadOptions) => Promise<WorkerModel>,
): void {
  const port = parentPort
  if (!port) throw new Error('serveModelWorker: not running in a worker thread')
  let model: WorkerModel | undefined
  port.on('message', async (msg: { id: number; op: string } & Record<string, unknown>) => {
    try {
      if (msg.op === 'load') {
        model = await load(msg.path as string, msg.options as WorkerLoadOptions)
        const info: WorkerModelInfo = {
          inputs: model.inputs,
          outputs: model.outputs,
          parameters: model.parameters,
        }
        port.postMessage({ id: msg.id, ok: true, result: info })
      } else if (msg.op === 'run') {
        if (!model) throw new Error('no model is loaded in this worker')
        const out = await model.run(msg.feeds as InferTensor[], msg.fetches as string[])
        port.postMessage({ id: msg.id, ok: true, result: out }, transferList(out))
      } else {
        model?.dispose?.()
        model = undefined
        port.postMessage({ id: msg.id, ok: true })
      }
    } catch (e) {
      port.postMessage({ id: msg.id, ok: false, error: String((e as Error)?.message ?? e) })
    }
  })
}
