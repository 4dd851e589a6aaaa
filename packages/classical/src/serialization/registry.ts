/**
 * The estimator registry: every estimator module registers its kind tag here, so one call,
 * `loadEstimator(json)`, revives any saved classical model without an if/else chain.
 */
import type { BaseEstimator } from '../base/BaseEstimator.js'
import { ModelFormatError } from '../errors.js'
import { setNestedLoader } from './codec.js'
import { FORMAT, FORMAT_VERSION, type SerializedEstimator } from './SerializedEstimator.js'

// biome-ignore lint/suspicious/noExplicitAny: the registry holds estimators of every param/state type
type AnyEstimator = BaseEstimator<any, any>
const registry = new Map<string, (json: SerializedEstimator) => AnyEstimator>()

/**
 * Registers a loader for one kind tag. Registering the same kind twice throws.
 * @example registerEstimator('Ridge', (json) => Ridge.fromJSON(json))
 */
export function registerEstimator(
  kind: string,
  fromJSON: (json: SerializedEstimator) => AnyEstimator,
): void {
  if (registry.has(kind)) {
    throw new Error(`registerEstimator: kind '${kind}' is already registered`)
  }
  registry.set(kind, fromJSON)
}

/** Kinds currently registered (sorted). */
export function registeredKinds(): string[] {
  return [...registry.keys()].sort()
}

/** Parses and checks the envelope (format tag, version, kind present). */
export function parseSerialized(
  json: SerializedEstimator | string,
  api: string,
): SerializedEstimator {
  let obj: unknown = json
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json)
    } catch (e) {
      throw new ModelFormatError(`${api}: input is not valid JSON (${(e as Error).message})`)
    }
  }
  if (obj === null || typeof obj !== 'object') {
    throw new ModelFormatError(`${api}: expected a serialized estimator object, got ${typeof obj}`)
  }
  const o = obj as Partial<SerializedEstimator>
  if (o.format !== FORMAT) {
    throw new ModelFormatError(
      `${api}: format is ${JSON.stringify(o.format)}; expected '${FORMAT}'`,
    )
  }
  if (o.version !== FORMAT_VERSION) {
    throw new ModelFormatError(
      `${api}: format version is ${JSON.stringify(o.version)}; expected ${FORMAT_VERSION}`,
    )
  }
  if (typeof o.kind !== 'string') {
    throw new ModelFormatError(`${api}: missing the 'kind' tag`)
  }
  return o as SerializedEstimator
}

/**
 * Revives any registered estimator from `toJSON()` output (object or JSON string).
 * @example const model = loadEstimator(JSON.parse(fs.readFileSync('model.json', 'utf8')))
 */
export function loadEstimator(json: SerializedEstimator | string): AnyEstimator {
  const parsed = parseSerialized(json, 'loadEstimator')
  const loader = registry.get(parsed.kind)
  if (!loader) {
    throw new ModelFormatError(
      `loadEstimator: unknown kind '${parsed.kind}'; expected one of ${registeredKinds().join(', ')}`,
    )
  }
  return loader(parsed)
}

const formats = new Map<string, (json: unknown) => unknown>()

/**
 * Lets nested objects of another tagged JSON format (e.g. @mlstack/data's preprocessors,
 * format 'mlstack.data') be revived inside a Pipeline or search result.
 * @example registerFormat('mlstack.data', (json) => loadPreprocessor(json))
 */
export function registerFormat(format: string, loader: (json: unknown) => unknown): void {
  if (format === FORMAT) throw new Error(`registerFormat: '${FORMAT}' is this package's own format`)
  formats.set(format, loader)
}

setNestedLoader((json) => {
  const format = (json as { format?: unknown } | null)?.format
  if (format === FORMAT) return loadEstimator(json)
  const loader = typeof format === 'string' ? formats.get(format) : undefined
  if (!loader) {
    throw new ModelFormatError(
      `loadEstimator: nested object has format ${JSON.stringify(format)}; expected '${FORMAT}' or one of ${[...formats.keys()].join(', ') || '(none registered)'}`,
    )
  }
  return loader(json)
})
