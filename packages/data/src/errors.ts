/**
 * Typed errors thrown by @mlstack/data. Each message names the API, what it was given and what
 * it expected, so callers can branch on `error.name` and users can fix the call.
 */

/** Base class of every error thrown by @mlstack/data. */
export class DataError extends Error {
  override name = 'DataError'
}

/** Bad input data: NaN where not allowed, ragged rows, wrong length, empty input, bad labels. */
export class InvalidDataError extends DataError {
  override name = 'InvalidDataError'
}

/** Data whose shape does not match what was fitted or what another input says. */
export class ShapeMismatchError extends DataError {
  override name = 'ShapeMismatchError'
}

/** An option outside its allowed values (test size, number of folds, strategy, ...). */
export class InvalidOptionError extends DataError {
  override name = 'InvalidOptionError'
}

/** `transform`/`inverseTransform` called before `fit`. */
export class NotFittedError extends DataError {
  override name = 'NotFittedError'
  constructor(kind: string, method: string) {
    super(
      `${kind}.${method}: this ${kind} instance is not fitted yet; call fit(X) before ${method}()`,
    )
  }
}

/** A category (or label) not seen during `fit`, with `handleUnknown: 'error'`. */
export class UnknownCategoryError extends DataError {
  override name = 'UnknownCategoryError'
}

/** A file that is not in the expected format (corrupt IDX header, truncated data, bad gzip). */
export class FileFormatError extends DataError {
  override name = 'FileFormatError'
}

/** A CSV text that cannot be parsed (unterminated quote, wrong number of fields). */
export class CsvParseError extends FileFormatError {
  override name = 'CsvParseError'
}

/** A dataset's files are not where the loader looked. */
export class DatasetNotFoundError extends DataError {
  override name = 'DatasetNotFoundError'
}
