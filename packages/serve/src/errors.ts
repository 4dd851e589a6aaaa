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

/** A request that does not match the protocol or the model's inputs (400). */
export class InvalidInputError extends ServeError {
  constructor(message: string) {
    super(message, 400)
    this.name = 'InvalidInputError'
  }
}

/** An unknown model or version, or a name that is not allowed (404). */
export class ModelNotFoundError extends ServeError {
  constructor(message: string) {
    super(message, 404)
    this.name = 'ModelNotFoundError'
  }
}

/** The model exists but is loading, unloading or failed to load (503). */
export class ModelNotReadyError extends ServeError {
  constructor(message: string) {
    super(message, 503)
    this.name = 'ModelNotReadyError'
  }
}

/** The model's queue or the server's concurrency limit is full: retry later (429). */
export class QueueFullError extends ServeError {
  constructor(message: string) {
    super(message, 429)
    this.name = 'QueueFullError'
  }
}

/** The request waited or ran longer than its timeout (504). */
export class InferenceTimeoutError extends ServeError {
  constructor(message: string) {
    super(message, 504)
    this.name = 'InferenceTimeoutError'
  }
}

/** A management call without the right bearer token (401). */
export class UnauthorizedError extends ServeError {
  constructor(message: string) {
    super(message, 401)
    this.name = 'UnauthorizedError'
  }
}

/** A model file or config.json that cannot be loaded (500 when met while serving). */
export class ModelFormatError extends ServeError {
  constructor(message: string) {
    super(message, 500)
    this.name = 'ModelFormatError'
  }
}

/** Options given to createServer or the CLI that cannot work. */
export class ServeConfigError extends ServeError {
  constructor(message: string) {
    super(message, 500)
    this.name = 'ServeConfigError'
  }
}

/** The model runtime failed while running a batch (500). */
export class InferenceError extends ServeError {
  constructor(message: string) {
    super(message, 500)
    this.name = 'InferenceError'
  }
}
