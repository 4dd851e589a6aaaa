// The model repository: DIR/<model>/[config.json]/<version>/<model file>. It decides which
// versions to serve (version policy), loads them through the loader registry, warms them up,
// swaps reloaded versions in atomically and retires old ones only after their queues drain.
import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Batcher } from './Batcher.js'
import { allocate, elementCount, type InferTensor, type TensorMetadata } from './Datatype.js'
import {
  ModelFormatError,
  ModelNotFoundError,
  ModelNotReadyError,
  ServeConfigError,
} from './errors.js'
import { isValidModelName } from './internal/names.js'
import type { LoadedModel, LoaderRegistry } from './LoaderRegistry.js'
import { type ModelConfig, parseModelConfig } from './ModelConfig.js'
import type { ServerMetrics } from './ServerMetrics.js'

export type ModelState = 'LOADING' | 'READY' | 'UNAVAILABLE'

/** One loaded, servable version of a model. */
export interface ServedVersion {
  name: string
  version: number
  format: string
  model: LoadedModel
  config: ModelConfig
  /** Effective rows per run; 0 when batching is off. */
  maxBatchSize: number
  batcher: Batcher
}

interface ModelEntry {
  name: string
  state: ModelState
  reason: string
  config?: ModelConfig
  versions: Map<number, ServedVersion>
  /** Fingerprint of what was loaded, so polling reloads only what changed. */
  fingerprint: string
}

export interface RepositoryOptions {
  root: string
  loaders: LoaderRegistry
  metrics: ServerMetrics
  executionProviders: string[]
  log: { info: (msg: string) => void; warn: (msg: string) => void; error: (msg: string) => void }
}

export interface RepositoryIndexEntry {
  name: string
  version?: string
  state: ModelState
  reason: string
}

/** Loads and serves the models of one repository folder. */
export class ModelRepository {
  readonly root: string
  private readonly models = new Map<string, ModelEntry>()
  private readonly busy = new Map<string, Promise<void>>()

  constructor(private readonly opts: RepositoryOptions) {
    this.root = resolve(opts.root)
    if (!existsSync(this.root)) {
      throw new ServeConfigError(`createServer: repository folder '${opts.root}' does not exist`)
    }
  }

  /** Model folder names found on disk (valid names only). */
  async scan(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true })
    return entries
      .filter((e) => e.isDirectory() && isValidModelName(e.name))
      .map((e) => e.name)
      .sort()
  }

  async loadAll(): Promise<void> {
    await Promise.all((await this.scan()).map((n) => this.load(n).catch(() => undefined)))
  }

  /** Rescans the folder: loads new or changed models, unloads vanished ones. */
  async poll(): Promise<void> {
    const names = new Set(await this.scan())
    for (const name of names) {
      const e = this.models.get(name)
      const fp = await this.fingerprint(name).catch(() => '')
      if (!e || (e.fingerprint !== fp && e.state !== 'LOADING')) {
        await this.load(name).catch(() => undefined)
      }
    }
    for (const name of this.models.keys()) {
      if (!names.has(name) && this.models.get(name)?.state !== 'UNAVAILABLE') {
        await this.unload(name)
      }
    }
  }

  private async fingerprint(name: string): Promise<string> {
    const dir = join(this.root, name)
    const parts: string[] = []
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (e.isDirectory()) {
        for (const f of await readdir(join(dir, e.name))) {
          const s = await stat(join(dir, e.name, f))
          parts.push(`${e.name}/${f}:${s.size}:${s.mtimeMs}`)
        }
      } else if (e.name === 'config.json') {
        const s = await stat(join(dir, e.name))
        parts.push(`config:${s.size}:${s.mtimeMs}`)
      }
    }
    return parts.join('|')
  }

  /** Serializes loads and unloads per model so concurrent management calls cannot interleave. */
  private exclusive(name: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.busy.get(name) ?? Promise.resolve()
    const next = prev.catch(() => undefined).then(fn)
    this.busy.set(name, next)
    return next.finally(() => {
      if (this.busy.get(name) === next) this.busy.delete(name)
    })
  }

  /** Loads (or reloads) a model's versions per its policy; old versions keep serving meanwhile. */
  load(name: string): Promise<void> {
    if (!isValidModelName(name)) {
      return Promise.reject(new ModelNotFoundError(`load: '${name}' is not a valid model name`))
    }
    return this.exclusive(name, async () => {
      const dir = join(this.root, name)
      if (!existsSync(dir)) {
        throw new ModelNotFoundError(`load: no folder '${name}' in the model repository`)
      }
      let entry = this.models.get(name)
      if (!entry) {
        entry = { name, state: 'LOADING', reason: '', versions: new Map(), fingerprint: '' }
        this.models.set(name, entry)
      } else if (entry.versions.size === 0) {
        entry.state = 'LOADING'
      }
      const fingerprint = await this.fingerprint(name).catch(() => '')
      try {
        const config = await this.readConfig(name)
        const versions = await this.pickVersions(name, config)
        const loaded = new Map<number, ServedVersion>()
        try {
          for (const v of versions) loaded.set(v, await this.loadVersion(name, v, config))
        } catch (e) {
          await Promise.allSettled([...loaded.values()].map((s) => s.model.dispose()))
          throw e
        }
        const old = entry.versions
        entry.versions = loaded
        entry.config = config
        entry.state = 'READY'
        entry.reason = ''
        entry.fingerprint = fingerprint
        this.opts.log.info(`model '${name}' ready (versions ${versions.join(', ')})`)
        await this.retire([...old.values()])
      } catch (e) {
        // A failed reload leaves the versions that were serving in place.
        entry.fingerprint = fingerprint
        if (entry.versions.size === 0) {
          entry.state = 'UNAVAILABLE'
          entry.reason = (e as Error).message
        }
        this.opts.log.error(`model '${name}' failed to load: ${(e as Error).message}`)
        throw e
      }
    })
  }

  /** Stops serving a model; queued and running requests finish first. */
  unload(name: string): Promise<void> {
    return this.exclusive(name, async () => {
      const entry = this.models.get(name)
      if (!entry) throw new ModelNotFoundError(`unload: model '${name}' is not loaded`)
      const old = [...entry.versions.values()]
      entry.versions = new Map()
      entry.state = 'UNAVAILABLE'
      entry.reason = 'unloaded'
      await this.retire(old)
      this.opts.log.info(`model '${name}' unloaded`)
    })
  }

  /** Unloads everything after in-flight work finishes (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.busy.values()].map((p) => p.catch(() => undefined)))
    const all = [...this.models.values()].flatMap((e) => [...e.versions.values()])
    for (const e of this.models.values()) {
      e.versions = new Map()
      e.state = 'UNAVAILABLE'
      e.reason = 'server shut down'
    }
    await this.retire(all)
  }

  private async retire(versions: ServedVersion[]): Promise<void> {
    await Promise.all(
      versions.map(async (s) => {
        await s.batcher.drain()
        await s.model.dispose()
        this.opts.metrics.queueDepth.remove({ model: s.name, version: String(s.version) })
      }),
    )
  }

  private async readConfig(name: string): Promise<ModelConfig> {
    const path = join(this.root, name, 'config.json')
    if (!existsSync(path)) return parseModelConfig(name, undefined)
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(path, 'utf8'))
    } catch (e) {
      throw new ModelFormatError(
        `config.json of model '${name}' is not valid JSON: ${(e as Error).message}`,
      )
    }
    return parseModelConfig(name, raw)
  }

  private async pickVersions(name: string, config: ModelConfig): Promise<number[]> {
    const dir = join(this.root, name)
    const found = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && /^[0-9]{1,9}$/.test(e.name))
      .map((e) => Number(e.name))
      .sort((a, b) => a - b)
    if (found.length === 0) {
      throw new ModelFormatError(
        `model '${name}': no numeric version folders (expected ${name}/1/...)`,
      )
    }
    const p = config.versionPolicy
    if (p.kind === 'all') return found
    if (p.kind === 'latest') return found.slice(-p.count)
    const missing = p.versions.filter((v) => !found.includes(v))
    if (missing.length > 0) {
      throw new ModelFormatError(
        `model '${name}': versionPolicy.specific names versions ${missing.join(', ')}, which have no folder (found: ${found.join(', ')})`,
      )
    }
    return [...p.versions].sort((a, b) => a - b)
  }

  private async loadVersion(
    name: string,
    version: number,
    config: ModelConfig,
  ): Promise<ServedVersion> {
    const dir = join(this.root, name, String(version))
    const files = await readdir(dir)
    const { loaders } = this.opts
    let picked: { loader: NonNullable<ReturnType<LoaderRegistry['get']>>; file: string } | undefined
    if (config.format) {
      const loader = loaders.get(config.format)
      if (!loader) {
        throw new ModelFormatError(
          `model '${name}': config.json format '${config.format}' has no loader (registered: ${loaders.formats().join(', ')})`,
        )
      }
      const file = loader.detect(files)
      if (file) picked = { loader, file }
    } else {
      picked = loaders.detect(files)
    }
    if (!picked) {
      throw new ModelFormatError(
        `model '${name}' version ${version}: no model file a loader recognises in [${files.join(', ')}] (formats: ${loaders.formats().join(', ')})`,
      )
    }
    const model = await picked.loader.load({
      dir,
      file: picked.file,
      config,
      executionProviders: config.executionProviders ?? this.opts.executionProviders,
      log: (m) => this.opts.log.warn(m),
    })
    try {
      const batchable =
        model.inputs.length > 0 &&
        model.inputs.every((t) => t.shape[0] === -1) &&
        model.outputs.every((t) => t.shape[0] === -1)
      if (config.maxBatchSize !== undefined && config.maxBatchSize > 0 && !batchable) {
        throw new ModelFormatError(
          `model '${name}': maxBatchSize ${config.maxBatchSize} needs a dynamic first dimension on every input and output`,
        )
      }
      const maxBatchSize = config.maxBatchSize ?? (batchable ? 32 : 0)
      for (const d of config.inputs ?? []) {
        const m = model.inputs.find((t) => t.name === d.name)
        const shapeOk =
          m !== undefined &&
          m.shape.length === d.shape.length &&
          m.shape.every((x, i) => x === -1 || x === d.shape[i])
        if (!m || m.datatype !== d.datatype || !shapeOk) {
          throw new ModelFormatError(
            `model '${name}': config.json declares input ${JSON.stringify(d)} but the model has ${m ? JSON.stringify(m) : 'no such input'}`,
          )
        }
      }
      const labels = { model: name, version: String(version) }
      const { metrics } = this.opts
      const batcher = new Batcher({
        label: `${name}/${version}`,
        maxBatchSize,
        maxQueueDelayMs: config.maxQueueDelayMs,
        maxQueueSize: config.maxQueueSize,
        timeoutMs: config.timeoutMs,
        concurrency: config.instances,
        run: (inputs, outputs) => model.run(inputs, outputs),
        onBatch: (rows, _requests, seconds) => {
          metrics.batchSize.observe(labels, rows)
          metrics.computeSeconds.observe(labels, seconds)
          metrics.modelRuns.inc(labels)
        },
      })
      const served: ServedVersion = {
        name,
        version,
        format: picked.loader.format,
        model,
        config,
        maxBatchSize,
        batcher,
      }
      if (config.warmup) await this.warmUp(served)
      return served
    } catch (e) {
      await model.dispose().catch(() => undefined)
      throw e
    }
  }

  /** One run on zeros so the first real request does not pay for lazy initialisation. */
  private async warmUp(s: ServedVersion): Promise<void> {
    const inputs: InferTensor[] = s.model.inputs.map((t: TensorMetadata) => {
      const shape = t.shape.map((d) => (d === -1 ? 1 : d))
      return {
        name: t.name,
        datatype: t.datatype,
        shape,
        data: allocate(t.datatype, elementCount(shape)),
      }
    })
    try {
      await s.model.run(
        inputs,
        s.model.outputs.map((o) => o.name),
      )
    } catch (e) {
      throw new ModelFormatError(
        `model '${s.name}' version ${s.version}: warm-up run failed: ${(e as Error).message}`,
      )
    }
  }

  /** The version a request asked for (or the default one); throws 404/503 errors that say why. */
  get(name: string, version?: string): ServedVersion {
    const e = this.models.get(name)
    if (!e) throw new ModelNotFoundError(`model '${name}' is not in the repository`)
    if (e.state !== 'READY') {
      throw new ModelNotReadyError(
        `model '${name}' is not ready (${e.state.toLowerCase()}${e.reason ? `: ${e.reason}` : ''})`,
      )
    }
    if (version === undefined) {
      const want = e.config?.defaultVersion
      if (want !== undefined && e.versions.has(want)) return e.versions.get(want) as ServedVersion
      return e.versions.get(Math.max(...e.versions.keys())) as ServedVersion
    }
    const s = e.versions.get(Number(version))
    if (!s) {
      throw new ModelNotFoundError(
        `model '${name}' has no version ${version} loaded (loaded: ${[...e.versions.keys()].join(', ')})`,
      )
    }
    return s
  }

  /** Whether a model (or one version) can take requests now. */
  isReady(name: string, version?: string): boolean {
    try {
      this.get(name, version)
      return true
    } catch {
      return false
    }
  }

  allReady(): boolean {
    for (const e of this.models.values()) if (e.state === 'LOADING') return false
    return true
  }

  /** Every served version, for metrics and the index. */
  served(): ServedVersion[] {
    return [...this.models.values()].flatMap((e) => [...e.versions.values()])
  }

  index(): RepositoryIndexEntry[] {
    const out: RepositoryIndexEntry[] = []
    for (const e of [...this.models.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.versions.size === 0) out.push({ name: e.name, state: e.state, reason: e.reason })
      for (const v of e.versions.keys()) {
        out.push({ name: e.name, version: String(v), state: e.state, reason: e.reason })
      }
    }
    return out
  }

  /** Versions of a model that exist in the repository's state (loaded ones), newest last. */
  versions(name: string): number[] {
    return [...(this.models.get(name)?.versions.keys() ?? [])].sort((a, b) => a - b)
  }
}
