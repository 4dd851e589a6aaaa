// The error thrown when an optimizer or clipping helper is handed parameters it cannot use.

/**
 * Thrown for parameters an optimizer or clipping function cannot use: an empty parameter list,
 * a parameter listed twice, an object that is not a parameter, or a gradient whose length does
 * not match its parameter.
 *
 * @example
 * ```ts
 * try { new SGD([]) } catch (e) { if (e instanceof ParameterError) console.error(e.message) }
 * ```
 */
export class ParameterError extends Error {
  override readonly name = 'ParameterError'
}
