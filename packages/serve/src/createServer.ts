// The HTTP server: the Open Inference Protocol (KServe v2) REST endpoints, the binary-data and
// classification extensions, model repository management, /metrics and the web page, on
// fastify. Inference goes model repository → batcher → loader's model, never blocking the loop.
import { timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify'
import {
  InvalidInputError,
  ModelNotFoundError,
  ModelNotReadyError,
  QueueFullError,
  ServeConfigError,
  ServeError,
  UnauthorizedError,
} from './errors.js'
import { decodeInferRequest } from './internal/decodeInferRequest.js'
import { encodeInferResponse, encodeInferResponseText } from './internal/encodeInferResponse.js'
import { isValidModelName, isValidVersion } from './internal/names.js'
import { parseJsonBody } from './internal/parseJsonBody.js'
import { LoaderRegistry, type ModelLoader } from './LoaderRegistry.js'
import { classicalLoader } from './loaders/classicalLoader.js'
import { nnLoader } from './loaders/nnLoader.js'
import { onnxLoader } from './loaders/onnxLoader.js'
import { ModelRepository } from './ModelRepository.js'
import { ServerMetrics } from './ServerMetrics.js'

const pkg = createRequire(import.meta.url)('../package.json') as { version: string }

export interface ServeOptions {
  /** The model repository folder: DIR/<model>/<version>/model.onnx. */
  repository: string
  /** Execution providers tried in order per model (default ['cuda', 'webgpu', 'cpu']). */
  executionProviders?: string[]
  /** Extra loaders for other model formats (ONNX is built in). */
  loaders?: ModelLoader[]
  /** Enables POST /v2/repository/... guarded by this bearer token (off by default). */
  management?: { token: string }
  /** Rescan the repository this often (ms) and load/unload what changed; 0 or absent: never. */
  pollIntervalMs?: number
  /** Largest request body in bytes (default 32 MiB); larger is 413. */
  bodyLimit?: number
  /** Most tensor elements one request may carry across its inputs (default 4,194,304). */
  maxInputElements?: number
  /** Inference requests handled at once; more are answered 429 (default 512). */
  maxConcurrentRequests?: number
  /** fastify/pino logger options, or false (default) for silence. */
  logger?: boolean | Record<string, unknown>
  /** Log every request at info level (default false: a log line per request costs throughput). */
  logRequests?: boolean
  /** Serve the web page at / (default true). */
  ui?: boolean
  /** Resolve createServer before models finish loading (the CLI listens first). Default false. */
  background?: boolean
  /** Collect the process's default metrics (memory, event loop); default true. */
  processMetrics?: boolean
}

/** A running (or ready to listen) server. */
export interface ServeHandle {
  app: FastifyInstance
  repository: ModelRepository
  metrics: ServerMetrics
  /** Resolves when the initial repository load has finished (failed models included). */
  loaded: Promise<void>
  /** Starts listening; resolves with the address, e.g. `http://127.0.0.1:8000`. */
  listen(options?: { port?: number; host?: string }): Promise<string>
  /** Graceful stop: refuse new work, finish in-flight requests and queues, unload models. */
  close(): Promise<void>
}

const UI_DIR = fileURLToPath(new URL('../public/', import.meta.url))
const UI_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
}

function checkName(name: string, version?: string): void {
  if (!isValidModelName(name)) {
    throw new ModelNotFoundError(
      `'${name}' is not a valid model name (letters, digits, '_', '-', '.', no '..', at most 128)`,
    )
  }
  if (version !== undefined && !isValidVersion(version)) {
    throw new ModelNotFoundError(`model '${name}': version '${version}' is not a version number`)
  }
}

/**
 * Creates the server and loads the repository.
 *
 * @example
 * const server = await createServer({ repository: './models' })
 * console.log(await server.listen({ port: 8000, host: '127.0.0.1' }))
 * // later: await server.close()
 */
export async function createServer(options: ServeOptions): Promise<ServeHandle> {
  if (
    options.management &&
    (typeof options.management.token !== 'string' || options.management.token.length < 8)
  ) {
    throw new ServeConfigError(
      'createServer: management needs a bearer token of at least 8 characters',
    )
  }
  const maxInputElements = options.maxInputElements ?? 4 * 1024 * 1024
  const maxConcurrent = options.maxConcurrentRequests ?? 512
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    return503OnClosing: true,
    // Bodies are read field by field and never merged into other objects, so a "__proto__" key
    // is inert; skipping secure-json-parse's scan saves time on large tensors.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    forceCloseConnections: 'idle',
  })
  const metrics = new ServerMetrics({ processMetrics: options.processMetrics })
  const loaders = new LoaderRegistry()
    .register(onnxLoader)
    .register(nnLoader)
    .register(classicalLoader)
  for (const l of options.loaders ?? []) loaders.register(l)
  const repository = new ModelRepository({
    root: options.repository,
    loaders,
    metrics,
    executionProviders: options.executionProviders ?? ['cuda', 'webgpu', 'cpu'],
    log: {
      info: (m) => app.log.info(m),
      warn: (m) => app.log.warn(m),
      error: (m) => app.log.error(m),
    },
  })
  let started = false
  let closing = false
  let inFlight = 0

  // Only JSON and the binary-data extension are protocol bodies; text/plain would otherwise parse.
  app.removeContentTypeParser('text/plain')
  // JSON bodies go through parseJsonBody: numeric "data" arrays straight into typed arrays.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    if ((body as Buffer).length === 0) {
      done(
        new InvalidInputError(
          'request body is empty; an infer request is a JSON object with an "inputs" array',
        ),
      )
      return
    }
    try {
      done(null, parseJsonBody(body as Buffer))
    } catch (e) {
      // A SyntaxError from JSON.parse: the client's fault (the error handler words it).
      done(Object.assign(e as Error, { statusCode: 400 }))
    }
  })
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer' },
    (_req, body, done) => {
      done(null, body)
    },
  )

  // While shutting down, every answer closes its connection, so kept-alive sockets cannot hold
  // the process open after the last in-flight request.
  // (A callback hook, not an async one: it runs on every answer, and skips a promise per request.)
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ServeError) {
      return reply.code(err.statusCode).send({ error: err.message, type: err.name })
    }
    const status =
      err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
    let message = err.message
    let type = err.name || 'Error'
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      type = 'UnsupportedMediaTypeError'
      message = `Content-Type '${req.headers['content-type']}' is not supported: send application/json, or application/octet-stream with an Inference-Header-Content-Length header (binary-data extension)`
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      type = 'PayloadTooLargeError'
      message = `request body is larger than the server's limit of ${app.initialConfig.bodyLimit} bytes`
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      type = 'InvalidInputError'
      message = 'request body is empty; an infer request is a JSON object with an "inputs" array'
    } else if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      type = 'InvalidInputError'
      message = `request body is not valid JSON: ${err.message}`
    }
    if (status >= 500) req.log.error(err)
    return reply.code(status).send({ error: message, type })
  })
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      error: `no endpoint ${req.method} ${req.url.split('?')[0]}`,
      type: 'RouteNotFoundError',
    })
  })

  // ---- health and server metadata
  app.get('/v2/health/live', async () => ({ live: true }))
  app.get('/v2/health/ready', async (_req, reply) => {
    const ready = started && !closing && repository.allReady()
    return reply.code(ready ? 200 : 400).send({ ready })
  })
  app.get('/v2', async () => ({
    name: 'mlstack-serve',
    version: pkg.version,
    extensions: ['binary_tensor_data', 'classification', 'model_repository'],
  }))

  // ---- model metadata and readiness
  const metadata = async (req: FastifyRequest<{ Params: { name: string; version?: string } }>) => {
    const { name, version } = req.params
    checkName(name, version)
    const s = repository.get(name, version)
    return {
      name,
      versions: version === undefined ? repository.versions(name).map(String) : [String(s.version)],
      platform: s.model.platform,
      inputs: s.model.inputs,
      outputs: s.model.outputs,
      parameters: {
        ...s.model.parameters,
        format: s.format,
        max_batch_size: s.maxBatchSize,
        default_version: String(repository.get(name).version),
        ...(Object.keys(s.config.labels).length > 0
          ? { labels: JSON.stringify(s.config.labels) }
          : {}),
      },
    }
  }
  app.get('/v2/models/:name', metadata)
  app.get('/v2/models/:name/versions/:version', metadata)
  const modelReady = async (
    req: FastifyRequest<{ Params: { name: string; version?: string } }>,
    reply: FastifyReply,
  ) => {
    const { name, version } = req.params
    checkName(name, version)
    try {
      repository.get(name, version)
      return { name, ready: true }
    } catch (e) {
      if (e instanceof ModelNotReadyError)
        return reply.code(400).send({ name, ready: false, error: e.message })
      throw e
    }
  }
  app.get('/v2/models/:name/ready', modelReady)
  app.get('/v2/models/:name/versions/:version/ready', modelReady)

  // ---- inference
  const infer = async (
    req: FastifyRequest<{ Params: { name: string; version?: string } }>,
    reply: FastifyReply,
  ) => {
    const start = performance.now()
    const { name, version } = req.params
    checkName(name, version)
    if (closing) throw new ModelNotReadyError('server is shutting down')
    if (inFlight >= maxConcurrent) {
      throw new QueueFullError(
        `server is handling its limit of ${maxConcurrent} concurrent requests; retry later`,
      )
    }
    let body: unknown = req.body
    let binary: Uint8Array | undefined
    const headerLength = req.headers['inference-header-content-length']
    if (Buffer.isBuffer(body)) {
      const n = Number(headerLength)
      if (headerLength === undefined || !Number.isSafeInteger(n) || n < 0 || n > body.length) {
        throw new InvalidInputError(
          `binary-data request: Inference-Header-Content-Length must give the JSON header's byte length (0..${body.length}), got ${JSON.stringify(headerLength)}`,
        )
      }
      try {
        body = JSON.parse(body.subarray(0, n).toString('utf8'))
      } catch (e) {
        throw new InvalidInputError(
          `binary-data request: the JSON header is not valid JSON: ${(e as Error).message}`,
        )
      }
      const raw = req.body as Buffer
      binary = new Uint8Array(raw.buffer, raw.byteOffset + n, raw.length - n)
    }
    const served = repository.get(name, version)
    const labels = { model: name, version: String(served.version) }
    metrics.requests.inc(labels)
    inFlight++
    metrics.inFlight.inc()
    try {
      const decoded = decodeInferRequest(body, binary, served, { maxInputElements })
      // Lookup and enqueue happen in the same tick, so a reload cannot retire `served` in between.
      const result = await served.batcher.submit(
        decoded.inputs,
        decoded.outputs.map((o) => o.name),
        decoded.timeoutMs,
      )
      metrics.queueSeconds.observe(labels, result.queueSeconds)
      const text = encodeInferResponseText(
        name,
        served.version,
        decoded.id,
        result.outputs,
        decoded.outputs,
      )
      if (text !== undefined) {
        metrics.requestSeconds.observe(labels, (performance.now() - start) / 1000)
        return reply.type('application/json; charset=utf-8').send(text)
      }
      const enc = encodeInferResponse(
        name,
        served.version,
        decoded.id,
        result.outputs,
        decoded.outputs,
        served.config.labels,
      )
      metrics.requestSeconds.observe(labels, (performance.now() - start) / 1000)
      if (enc.binary.length === 0) return reply.send(enc.json)
      const header = Buffer.from(JSON.stringify(enc.json))
      return reply
        .header('content-type', 'application/octet-stream')
        .header('inference-header-content-length', String(header.length))
        .send(Buffer.concat([header, ...enc.binary]))
    } catch (e) {
      const status = e instanceof ServeError ? e.statusCode : 500
      metrics.failures.inc({ ...labels, status: String(status) })
      throw e
    } finally {
      inFlight--
      metrics.inFlight.dec()
    }
  }
  app.post('/v2/models/:name/infer', infer)
  app.post('/v2/models/:name/versions/:version/infer', infer)

  // ---- metrics
  app.get('/metrics', async (_req, reply) => {
    for (const s of repository.served()) {
      metrics.queueDepth.set({ model: s.name, version: String(s.version) }, s.batcher.depth)
    }
    reply.header('content-type', metrics.registry.contentType)
    return metrics.registry.metrics()
  })

  // ---- management (Triton's repository extension), off unless a token is configured
  if (options.management) {
    const token = options.management.token
    const expected = Buffer.from(`Bearer ${token}`)
    const guard = async (req: FastifyRequest) => {
      const given = Buffer.from(req.headers.authorization ?? '')
      // Constant-time comparison, so response timing does not leak the token byte by byte.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new UnauthorizedError(
          'management endpoints need the header Authorization: Bearer <token>',
        )
      }
    }
    app.post('/v2/repository/index', { preHandler: guard }, async () => repository.index())
    const load = async (req: FastifyRequest<{ Params: { name: string } }>) => {
      checkName(req.params.name)
      await repository.load(req.params.name)
      return {
        name: req.params.name,
        loaded: true,
        versions: repository.versions(req.params.name).map(String),
      }
    }
    // Triton's load also reloads a loaded model; reload is the explicit spelling of the same.
    app.post<{ Params: { name: string } }>(
      '/v2/repository/models/:name/load',
      { preHandler: guard },
      load,
    )
    app.post<{ Params: { name: string } }>(
      '/v2/repository/models/:name/reload',
      { preHandler: guard },
      load,
    )
    app.post<{ Params: { name: string } }>(
      '/v2/repository/models/:name/unload',
      { preHandler: guard },
      async (req) => {
        checkName(req.params.name)
        await repository.unload(req.params.name)
        return { name: req.params.name, unloaded: true }
      },
    )
  }

  // ---- the web page
  if (options.ui !== false) {
    const files = new Map(Object.keys(UI_FILES).map((f) => [f, readFileSync(UI_DIR + f)]))
    app.get('/', async (_req, reply) =>
      reply.type(UI_FILES['index.html'] as string).send(files.get('index.html')),
    )
    // The page needs a model list; the protocol has none outside the (guarded) repository API,
    // so this read-only one gives names, versions and states only.
    app.get('/ui/api/models', async () => {
      const byName = new Map<string, { name: string; versions: string[]; state: string }>()
      for (const e of repository.index()) {
        const m = byName.get(e.name) ?? { name: e.name, versions: [], state: e.state }
        if (e.version) m.versions.push(e.version)
        byName.set(e.name, m)
      }
      return { models: [...byName.values()] }
    })
    app.get<{ Params: { file: string } }>('/ui/:file', async (req, reply) => {
      const type = UI_FILES[req.params.file]
      if (!type) throw new ModelNotFoundError(`no UI file '${req.params.file}'`)
      return reply.type(type).send(files.get(req.params.file))
    })
  }

  let poller: NodeJS.Timeout | undefined
  const loaded = repository.loadAll().then(() => {
    started = true
    if (options.pollIntervalMs && options.pollIntervalMs > 0 && !closing) {
      let polling = false
      poller = setInterval(() => {
        if (polling) return
        polling = true
        repository
          .poll()
          .catch((e) => app.log.error(e))
          .finally(() => {
            polling = false
          })
      }, options.pollIntervalMs)
      poller.unref()
    }
  })
  if (!options.background) await loaded

  let closed: Promise<void> | undefined
  return {
    app,
    repository,
    metrics,
    loaded,
    async listen(o = {}) {
      return app.listen({ port: o.port ?? 8000, host: o.host ?? '127.0.0.1' })
    },
    close() {
      closed ??= (async () => {
        closing = true
        if (poller) clearInterval(poller)
        // Queued requests run now rather than wait out their batching delay.
        for (const v of repository.served()) void v.batcher.drain()
        // fastify stops accepting, answers 503 on kept-alive sockets, waits for in-flight requests.
        await app.close()
        await loaded.catch(() => undefined)
        await repository.closeAll()
      })()
      return closed
    },
  }
}
