/** Shared "is this metric better?" logic of EarlyStopping, ModelCheckpoint and ReduceLROnPlateau. */
import { ConfigError } from '../errors.js'

export type MonitorMode = 'min' | 'max' | 'auto'

/** `auto` means max for accuracy-like names, min otherwise (Keras's rule). */
export function resolveMode(
  api: string,
  monitor: string,
  mode: MonitorMode | undefined,
): 'min' | 'max' {
  const m = mode ?? 'auto'
  if (m !== 'min' && m !== 'max' && m !== 'auto') {
    throw new ConfigError(api, `invalid mode '${String(m)}' (expected 'min', 'max' or 'auto')`)
  }
  if (m !== 'auto') return m
  return /acc|auc|precision|recall|f1/i.test(monitor) ? 'max' : 'min'
}

export function isBetter(
  mode: 'min' | 'max',
  current: number,
  best: number,
  minDelta: number,
): boolean {
  return mode === 'min' ? current < best - minDelta : current > best + minDelta
}
