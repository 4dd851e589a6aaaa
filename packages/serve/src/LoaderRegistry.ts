// Model loaders keyed by format. ONNX is built in; mlstack's own formats (nn safetensors,
// classical JSON) plug in here with registerLoader when their packages land, without any
// change to the repository or the protocol code.
import type { InferTensor, TensorMetadata } from './Datatype.js'
import { ServeConfigError } from './errors.js'
import type { ModelConfig } from './ModelConfig.js'

/** A model ready to run: what every format's loader returns. */
export interface LoadedModel {
  /** Reported as `platform` in model metadata, e.g. `onnxruntime_onnx`. */
  platform: string
  inputs: TensorMetadata[]
  outputs: TensorMetadata[]
  /** Free-form facts for the metadata endpoint (e.g. the execution provider that was picked). */
  parameters?: Record<string, string | number | boolean>
  /**
   * Runs one (possibly batched) request. Must not block the event loop for long: native runtimes
   * and JS models run in worker threads. Resolves with the requested outputs.
   */
  run(inputs: InferTensor[], outputNames: string[]): Promise<InferTensor[]>
  /** Frees the model; called after in-flight runs have finished. */
  dispose(): Promise<void>
}

export interface LoadContext {
  /** Absolute path of the version folder, e.g. `repo/mnist/3`. */
  dir: string
  /** The file the loader's `detect` picked. */
  file: string
  config: ModelConfig
  /** Execution providers to try, in order (the loader may ignore those it has no use for). */
  executionProviders: string[]
  log: (msg: string) => void
}

/** A format's loader: picks its file in a version folder and loads it. */
export interface ModelLoader {
  format: string
  /** Returns the file name this loader would load from a version folder's listing, if any. */
  detect(files: string[]): string | undefined
  load(ctx: LoadContext): Promise<LoadedModel>
}

/**
 * Loaders by format. A repository consults them in registration order; `config.json` may pin
 * a format explicitly.
 *
 * @example
 * const loaders = new LoaderRegistry().register(onnxLoader)
 * loaders.register({ format: 'mlstack-nn', detect: (f) => f.find((x) => x === 'model.safetensors'), load })
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, ModelLoader>()

  register(loader: ModelLoader): this {
    if (this.loaders.has(loader.format)) {
      throw new ServeConfigError(
        `LoaderRegistry.register: a loader for format '${loader.format}' is already registered`,
      )
    }
    this.loaders.set(loader.format, loader)
    return this
  }

  get(format: string): ModelLoader | undefined {
    return this.loaders.get(format)
  }

  formats(): string[] {
    return [...this.loaders.keys()]
  }

  /** The first loader whose detect() accepts the folder listing, with the file it picked. */
  detect(files: string[]): { loader: ModelLoader; file: string } | undefined {
    for (const loader of this.loaders.values()) {
      const file = loader.detect(files)
      if (file !== undefined) return { loader, file }
    }
    return undefined
  }
}
