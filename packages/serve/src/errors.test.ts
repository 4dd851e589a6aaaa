import { describe, expect, it } from 'vitest'
import {
  InferenceError,
  InferenceTimeoutError,
  InvalidInputError,
  ModelFormatError,
  ModelNotFoundError,
  ModelNotReadyError,
  QueueFullError,
  ServeConfigError,
  ServeError,
  UnauthorizedError,
} from './errors.js'

describe('error classes', () => {
  const table = [
    [InvalidInputError, 'InvalidInputError', 400],
    [ModelNotFoundError, 'ModelNotFoundError', 404],
    [ModelNotReadyError, 'ModelNotReadyError', 503],
    [QueueFullError, 'QueueFullError', 429],
    [InferenceTimeoutError, 'InferenceTimeoutError', 504],
    [UnauthorizedError, 'UnauthorizedError', 401],
    [ModelFormatError, 'ModelFormatError', 500],
    [ServeConfigError, 'ServeConfigError', 500],
    [InferenceError, 'InferenceError', 500],
  ] as const

  it.each(table)('%o keeps its name, status and instanceof', (C, name, status) => {
    const e = new C('what went wrong')
    expect(e).toBeInstanceOf(C)
    expect(e).toBeInstanceOf(ServeError)
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe(name)
    expect(C.name).toBe(name)
    expect(e.constructor.name).toBe(name)
    expect(e.statusCode).toBe(status)
    expect(e.message).toBe('what went wrong')
    expect(String(e)).toBe(`${name}: what went wrong`)
    for (const [Other] of table) if (Other !== C) expect(e).not.toBeInstanceOf(Other)
  })
})
