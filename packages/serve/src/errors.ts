// Typed errors of the server. Each carries the HTTP status it maps to, so a route can turn any
// of them into the protocol's `{ "error": "..." }` body without a lookup table.

/** Base class: every error the server answers with has a status code and a specific name. */
export class ServeError extends Error {
  readonly statusCode: number
  constructor(message: string, statusCode: number) {
    super(message)
    this.name = 'ServeError'
    this.statusCode = statusCode
  }
}

/**
 * A subclass of {@link ServeError} with a fixed name and HTTP status: `new C(message)` builds one
 * and `err instanceof C` narrows to it.
 */
export interface ServeErrorClass<N extends string> {
  new (message: string): ServeError & { readonly name: N }
  readonly prototype: ServeError & { readonly name: N }
}

// One definition for every concrete error: they differ only in name and status. The class's own
// `name` is set too, so loggers that read `err.constructor.name` (pino) see the specific name.
function serveErrorClass<N extends string>(name: N, statusCode: number): ServeErrorClass<N> {
  const C = class extends ServeError {
    override name: N = name
    constructor(message: string) {
      super(message, statusCode)
    }
  }
  Object.defineProperty(C, 'name', { value: name })
  return C
}

/**
 * A request that does not match the protocol or the model's inputs (400).
 * @example if (err instanceof InvalidInputError) console.log(err.statusCode) // 400
 */
export const InvalidInputError = serveErrorClass('InvalidInputError', 400)
export type InvalidInputError = InstanceType<typeof InvalidInputError>

/** An unknown model or version, or a name that is not allowed (404). */
export const ModelNotFoundError = serveErrorClass('ModelNotFoundError', 404)
export type ModelNotFoundError = InstanceType<typeof ModelNotFoundError>

/** The model exists but is loading, unloading or failed to load (503). */
export const ModelNotReadyError = serveErrorClass('ModelNotReadyError', 503)
export type ModelNotReadyError = InstanceType<typeof ModelNotReadyError>

/** The model's queue or the server's concurrency limit is full: retry later (429). */
export const QueueFullError = serveErrorClass('QueueFullError', 429)
export type QueueFullError = InstanceType<typeof QueueFullError>

/** The request waited or ran longer than its timeout (504). */
export const InferenceTimeoutError = serveErrorClass('InferenceTimeoutError', 504)
export type InferenceTimeoutError = InstanceType<typeof InferenceTimeoutError>

/** A management call without the right bearer token (401). */
export const UnauthorizedError = serveErrorClass('UnauthorizedError', 401)
export type UnauthorizedError = InstanceType<typeof UnauthorizedError>

/** A model file or config.json that cannot be loaded (500 when met while serving). */
export const ModelFormatError = serveErrorClass('ModelFormatError', 500)
export type ModelFormatError = InstanceType<typeof ModelFormatError>

/** Options given to createServer or the CLI that cannot work. */
export const ServeConfigError = serveErrorClass('ServeConfigError', 500)
export type ServeConfigError = InstanceType<typeof ServeConfigError>

/** The model runtime failed while running a batch (500). */
export const InferenceError = serveErrorClass('InferenceError', 500)
export type InferenceError = InstanceType<typeof InferenceError>
