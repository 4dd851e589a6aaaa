// The optional per-model config.json (DIR/<model>/config.json): batching, timeouts, version
// policy, declared inputs, class labels, execution providers. Parsed strictly, so a typo is an
// error that names the key rather than a silently ignored setting.
import { isDatatype, type TensorMetadata } from './Datatype.js'
import { ModelFormatError } from './errors.js'

export type VersionPolicy =
  | { kind: 'latest'; count: number }
  | { kind: 'all' }
  | { kind: 'specific'; versions: number[] }

export interface ModelConfig {
  /** Loader format; detected from the version folder's files when absent. */
  format?: string
  /** Largest batch one model run gets; 0 disables batching; absent: 32 when the model allows. */
  maxBatchSize?: number
  /** How long the first queued request may wait for others to join its batch. */
  maxQueueDelayMs: number
  /** Requests that may wait per model version; more are answered 429. */
  maxQueueSize: number
  /** Per-request limit from arrival to answer; later answers are 504. */
  timeoutMs: number
  /** Model runs that may execute at once (each ONNX instance is its own worker thread). */
  instances: number
  versionPolicy: VersionPolicy
  /** Version served when a request names none; the highest loaded one when absent. */
  defaultVersion?: number
  /** Declared inputs: checked against the model when it loads. */
  inputs?: TensorMetadata[]
  /** Class labels per output name, used by the classification output parameter. */
  labels: Record<string, string[]>
  /** Overrides the server's execution provider list for this model. */
  executionProviders?: string[]
  /** Run one inference with zeros before reporting ready. */
  warmup: boolean
  /** Accept NaN and ±Infinity in float inputs (refused by default). */
  allowNonFinite: boolean
  /** ONNX Runtime intra-op threads per instance (its default when absent). */
  intraOpNumThreads?: number
  /** Run ONNX sessions in worker threads (default) or on the main thread. */
  runIn: 'worker' | 'main'
}

export const defaultModelConfig: ModelConfig = {
  maxQueueDelayMs: 0,
  maxQueueSize: 1024,
  timeoutMs: 30_000,
  instances: 1,
  versionPolicy: { kind: 'latest', count: 1 },
  labels: {},
  warmup: true,
  allowNonFinite: false,
  runIn: 'worker',
}

const KEYS = new Set([
  'format',
  'maxBatchSize',
  'maxQueueDelayMs',
  'maxQueueSize',
  'timeoutMs',
  'instances',
  'versionPolicy',
  'defaultVersion',
  'inputs',
  'labels',
  'executionProviders',
  'warmup',
  'allowNonFinite',
  'intraOpNumThreads',
  'runIn',
])

function fail(where: string, msg: string): never {
  throw new ModelFormatError(`config.json of model '${where}': ${msg}`)
}

function int(where: string, key: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    fail(where, `'${key}' must be an integer >= ${min}, got ${JSON.stringify(v)}`)
  }
  return v
}

function policy(where: string, v: unknown): VersionPolicy {
  if (v === 'all') return { kind: 'all' }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    if ('latest' in o)
      return { kind: 'latest', count: int(where, 'versionPolicy.latest', o.latest, 1) }
    if ('specific' in o && Array.isArray(o.specific) && o.specific.length > 0) {
      return {
        kind: 'specific',
        versions: o.specific.map((x, i) => int(where, `versionPolicy.specific[${i}]`, x, 0)),
      }
    }
  }
  return fail(
    where,
    `'versionPolicy' must be "all", {"latest": N} or {"specific": [versions]}, got ${JSON.stringify(v)}`,
  )
}

/**
 * Parses a config.json object over the defaults; throws ModelFormatError naming the bad key.
 *
 * @example
 * parseModelConfig('mnist', { maxBatchSize: 64, versionPolicy: { latest: 2 } })
 */
export function parseModelConfig(model: string, raw: unknown): ModelConfig {
  const c: ModelConfig = { ...defaultModelConfig, labels: {} }
  if (raw === undefined) return c
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(model, 'must be a JSON object')
  const o = raw as Record<string, unknown>
  for (const k of Object.keys(o)) {
    if (!KEYS.has(k)) fail(model, `unknown key '${k}' (known: ${[...KEYS].join(', ')})`)
  }
  if (o.format !== undefined) {
    if (typeof o.format !== 'string') fail(model, `'format' must be a string`)
    c.format = o.format
  }
  if (o.maxBatchSize !== undefined) c.maxBatchSize = int(model, 'maxBatchSize', o.maxBatchSize, 0)
  if (o.maxQueueDelayMs !== undefined)
    c.maxQueueDelayMs = int(model, 'maxQueueDelayMs', o.maxQueueDelayMs, 0)
  if (o.maxQueueSize !== undefined) c.maxQueueSize = int(model, 'maxQueueSize', o.maxQueueSize, 1)
  if (o.timeoutMs !== undefined) c.timeoutMs = int(model, 'timeoutMs', o.timeoutMs, 1)
  if (o.instances !== undefined) c.instances = int(model, 'instances', o.instances, 1)
  if (o.intraOpNumThreads !== undefined)
    c.intraOpNumThreads = int(model, 'intraOpNumThreads', o.intraOpNumThreads, 1)
  if (o.versionPolicy !== undefined) c.versionPolicy = policy(model, o.versionPolicy)
  if (o.defaultVersion !== undefined)
    c.defaultVersion = int(model, 'defaultVersion', o.defaultVersion, 0)
  for (const k of ['warmup', 'allowNonFinite'] as const) {
    if (o[k] !== undefined) {
      if (typeof o[k] !== 'boolean') fail(model, `'${k}' must be true or false`)
      c[k] = o[k] as boolean
    }
  }
  if (o.runIn !== undefined) {
    if (o.runIn !== 'worker' && o.runIn !== 'main')
      fail(model, `'runIn' must be "worker" or "main"`)
    c.runIn = o.runIn
  }
  if (o.executionProviders !== undefined) {
    const ep = o.executionProviders
    if (!Array.isArray(ep) || ep.length === 0 || !ep.every((x) => typeof x === 'string')) {
      fail(model, `'executionProviders' must be a non-empty array of names like ["cuda", "cpu"]`)
    }
    c.executionProviders = ep as string[]
  }
  if (o.labels !== undefined) {
    const l = o.labels
    if (!l || typeof l !== 'object' || Array.isArray(l)) {
      fail(model, `'labels' must map output names to arrays of class names`)
    }
    for (const [k, v] of Object.entries(l)) {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
        fail(model, `'labels.${k}' must be an array of strings`)
      }
      c.labels[k] = v as string[]
    }
  }
  if (o.inputs !== undefined) {
    if (!Array.isArray(o.inputs)) fail(model, `'inputs' must be an array`)
    c.inputs = o.inputs.map((x: unknown, i: number) => {
      const t = x as Record<string, unknown>
      if (
        !t ||
        typeof t.name !== 'string' ||
        !isDatatype(t.datatype) ||
        !Array.isArray(t.shape) ||
        !t.shape.every((d) => Number.isInteger(d) && (d as number) >= -1)
      ) {
        fail(model, `'inputs[${i}]' must be {name, datatype, shape} with shape entries >= -1`)
      }
      return { name: t.name, datatype: t.datatype, shape: t.shape as number[] }
    })
  }
  return c
}
