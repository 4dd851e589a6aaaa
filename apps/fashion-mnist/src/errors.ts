/**
 * Typed errors of the Fashion-MNIST app. The CLI prints `error.message` (which names the flag
 * or path, what was given and what was expected) and exits with status 2 for these, so a user
 * sees one clear line instead of a stack trace.
 */

/** Base class of the app's errors. */
export class FashionMnistAppError extends Error {
  override name = 'FashionMnistAppError'
}

/** A command-line flag with a bad or missing value, or an unknown flag. */
export class UsageError extends FashionMnistAppError {
  override name = 'UsageError'
}

/** `--data DIR` that does not exist or lacks one of the four IDX files. */
export class DataSourceError extends FashionMnistAppError {
  override name = 'DataSourceError'
}
