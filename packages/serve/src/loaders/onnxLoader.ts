// The ONNX format: model.onnx run by onnxruntime-node. Its Node binding's "async" run actually
// runs synchronously on the calling thread (inside a setImmediate), so each model instance gets
// its own worker thread by default and the event loop keeps serving HTTP while a batch runs.
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Datatype, InferTensor, TensorMetadata } from '../Datatype.js'
import { InferenceError, ModelFormatError } from '../errors.js'
import { InstancePool } from '../internal/InstancePool.js'
import {
  type OrtRuntime,
  ortRuntime,
  type WireMeta,
  type WireTensor,
} from '../internal/ortRuntime.js'
import { transferList } from '../internal/transferList.js'
import { WorkerClient } from '../internal/WorkerClient.js'
import type { LoadContext, LoadedModel, ModelLoader } from '../LoaderRegistry.js'

const require = createRequire(import.meta.url)

/**
 * Why a provider cannot work on this machine, checked before ONNX Runtime tries it (a failed try
 * prints native errors and, for GPU providers, can take a while). CUDA and TensorRT need provider
 * libraries that onnxruntime-node's install script downloads; WebGPU needs a GPU device node on
 * Linux (without one Dawn finds no adapter, or only a slow software one).
 */
function providerUnavailable(provider: string): string | undefined {
  if (provider === 'cuda' || provider === 'tensorrt') {
    const dir = join(
      dirname(require.resolve('onnxruntime-node')),
      '..',
      'bin',
      'napi-v6',
      process.platform,
      process.arch,
    )
    const file = `libonnxruntime_providers_${provider}.so`
    return existsSync(join(dir, file)) ? undefined : `${provider}: ${file} is not installed`
  }
  if (provider === 'webgpu' && process.platform === 'linux') {
    const dri = existsSync('/dev/dri')
      ? readdirSync('/dev/dri').some((f) => f.startsWith('renderD'))
      : false
    return dri || existsSync('/dev/nvidia0')
      ? undefined
      : 'webgpu: no GPU device (/dev/dri/renderD*, /dev/nvidia0)'
  }
  return undefined
}

const ORT_TO_DATATYPE: Record<string, Datatype> = {
  float32: 'FP32',
  float64: 'FP64',
  int32: 'INT32',
  int64: 'INT64',
  bool: 'BOOL',
  string: 'BYTES',
  uint8: 'UINT8',
  int8: 'INT8',
}
const DATATYPE_TO_ORT: Record<Datatype, string> = {
  FP32: 'float32',
  FP64: 'float64',
  INT32: 'int32',
  INT64: 'int64',
  BOOL: 'bool',
  BYTES: 'string',
  UINT8: 'uint8',
  INT8: 'int8',
}

function toMetadata(m: WireMeta, file: string): TensorMetadata {
  const datatype = ORT_TO_DATATYPE[m.type]
  if (!datatype) {
    throw new ModelFormatError(
      `onnx loader: ${file}: tensor '${m.name}' has type ${m.type}, which this server does not serve (supported: ${Object.keys(ORT_TO_DATATYPE).join(', ')})`,
    )
  }
  return { name: m.name, datatype, shape: m.shape }
}

// The runtime travels as source text. Transpilers that keep function names (esbuild, tsx)
// wrap functions in a __name(fn, 'name') helper, so the worker defines a harmless one.
const WORKER_SOURCE = `
const __name = (fn) => fn
const { parentPort, workerData } = require('node:worker_threads')
const runtime = (${ortRuntime.toString()})(require(workerData.ortPath))
parentPort.on('message', async (msg) => {
  try {
    let result
    if (msg.op === 'load') result = await runtime.load(msg.bytes, msg.providers, msg.options)
    else if (msg.op === 'run') result = await runtime.run(msg.feeds, msg.fetches)
    else result = await runtime.release()
    parentPort.postMessage({ id: msg.id, ok: true, result })
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String((e && e.message) || e) })
  }
})
`

/** One ONNX Runtime session on a worker thread, driven by request/response messages. */
class WorkerRuntime implements OrtRuntime {
  private readonly worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ortPath: require.resolve('onnxruntime-node') },
  })
  private readonly client = new WorkerClient(this.worker, 'onnx')

  get failed(): Error | undefined {
    return this.client.failed
  }

  load(bytes: Uint8Array, providers: string[], options: { intraOpNumThreads?: number }) {
    return this.client.call<Awaited<ReturnType<OrtRuntime['load']>>>({
      op: 'load',
      bytes,
      providers,
      options,
    })
  }

  run(feeds: WireTensor[], fetches: string[]): Promise<WireTensor[]> {
    return this.client.call<WireTensor[]>({ op: 'run', feeds, fetches }, transferList(feeds))
  }

  async release(): Promise<void> {
    try {
      if (!this.client.failed) await this.client.call({ op: 'release' })
    } finally {
      await this.client.terminate()
    }
  }
}

/** An ONNX model: one or more runtime instances; each run goes to the least busy one. */
class OnnxModel implements LoadedModel {
  readonly platform = 'onnxruntime_onnx'
  private readonly pool: InstancePool<OrtRuntime>

  constructor(
    // Shared with the pool, which puts a replacement runtime in the dead one's slot.
    private readonly runtimes: OrtRuntime[],
    readonly inputs: TensorMetadata[],
    readonly outputs: TensorMetadata[],
    readonly parameters: Record<string, string | number | boolean>,
    /** Makes a fresh, loaded runtime to replace one whose worker thread died. */
    respawn: () => Promise<OrtRuntime>,
    log: (msg: string) => void,
  ) {
    this.pool = new InstancePool(runtimes, 'onnx', respawn, log)
  }

  async run(inputs: InferTensor[], outputNames: string[]): Promise<InferTensor[]> {
    const feeds: WireTensor[] = inputs.map((t) => ({
      name: t.name,
      type: DATATYPE_TO_ORT[t.datatype],
      dims: t.shape,
      data: t.data,
    }))
    let out: WireTensor[]
    try {
      out = await this.pool.use((rt) => rt.run(feeds, outputNames))
    } catch (e) {
      throw new InferenceError(`onnxruntime failed to run the model: ${(e as Error).message}`)
    }
    return out.map((t) => ({
      name: t.name,
      datatype: ORT_TO_DATATYPE[t.type] as Datatype,
      shape: t.dims,
      data: t.data as InferTensor['data'],
    }))
  }

  async dispose(): Promise<void> {
    await Promise.all(this.runtimes.map((r) => r.release()))
  }
}

/**
 * Loads `model.onnx` (or the only `*.onnx` file) from a version folder.
 *
 * @example
 * new LoaderRegistry().register(onnxLoader)
 */
export const onnxLoader: ModelLoader = {
  format: 'onnx',
  detect(files) {
    if (files.includes('model.onnx')) return 'model.onnx'
    const onnx = files.filter((f) => f.endsWith('.onnx'))
    return onnx.length === 1 ? onnx[0] : undefined
  },
  async load(ctx: LoadContext): Promise<LoadedModel> {
    const path = `${ctx.dir}/${ctx.file}`
    const bytes = await readFile(path)
    const runtimes: OrtRuntime[] = []
    const skipped: string[] = []
    const providers = ctx.executionProviders.filter((p) => {
      const why = providerUnavailable(p)
      if (why) skipped.push(why)
      return !why
    })
    if (providers.length === 0) {
      throw new ModelFormatError(
        `onnx loader: cannot load ${path}: no usable execution provider (${skipped.join('; ')})`,
      )
    }
    try {
      let first: Awaited<ReturnType<OrtRuntime['load']>> | undefined
      for (let i = 0; i < ctx.config.instances; i++) {
        const rt =
          ctx.config.runIn === 'worker'
            ? new WorkerRuntime()
            : ortRuntime(require('onnxruntime-node'))
        runtimes.push(rt)
        // Each instance gets its own copy: the worker may keep (and we must not share) the bytes.
        const info = await rt.load(new Uint8Array(bytes), providers, {
          intraOpNumThreads: ctx.config.intraOpNumThreads,
        })
        first ??= info
        if (i === 0) {
          for (const t of [...skipped, ...info.tried])
            ctx.log(`${path}: skipped execution provider ${t}`)
        }
      }
      const info = first as NonNullable<typeof first>
      return new OnnxModel(
        runtimes,
        info.inputs.map((m) => toMetadata(m, path)),
        info.outputs.map((m) => toMetadata(m, path)),
        { executionProvider: info.provider, instances: runtimes.length, runIn: ctx.config.runIn },
        async () => {
          const rt = new WorkerRuntime()
          try {
            await rt.load(new Uint8Array(bytes), [info.provider], {
              intraOpNumThreads: ctx.config.intraOpNumThreads,
            })
          } catch (e) {
            await rt.release().catch(() => undefined)
            throw e
          }
          return rt
        },
        ctx.log,
      )
    } catch (e) {
      await Promise.allSettled(runtimes.map((r) => r.release()))
      if (e instanceof ModelFormatError) throw e
      throw new ModelFormatError(`onnx loader: cannot load ${path}: ${(e as Error).message}`)
    }
  },
}
