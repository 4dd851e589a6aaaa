/**
 * Typed errors of @mlstack/nn. They extend core's `MlstackError`, so `err.op` names the API
 * (`fit`, `predict`, `Dense`, ...) and the message says what was given and what was expected.
 */
import { MlstackError } from '@mlstack/core'

/** Input data that cannot be used: empty, NaN/Infinity, mismatched lengths, wrong kind. */
export class InvalidInputError extends MlstackError {
  override name = 'InvalidInputError'
}

/** Labels that do not fit the loss: out of `[0, classes)`, not integers, wrong count. */
export class LabelError extends MlstackError {
  override name = 'LabelError'
}

/** `fit` / `evaluate` called before `compile`. */
export class NotCompiledError extends MlstackError {
  override name = 'NotCompiledError'
}

/** A layer, loss, callback or compile option that is invalid (names the option and value). */
export class ConfigError extends MlstackError {
  override name = 'ConfigError'
}
