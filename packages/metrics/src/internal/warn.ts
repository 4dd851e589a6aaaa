/** Emits scikit-learn-style UndefinedMetricWarning through Node's process warnings, if present. */
export function warnUndefined(message: string): void {
  const p = (globalThis as { process?: { emitWarning?: (m: string, name: string) => void } })
    .process
  p?.emitWarning?.(message, 'UndefinedMetricWarning')
}
