/** Revives any serialized preprocessor by its kind tag (a registry, not an if/else chain). */
import { FileFormatError } from '../errors.js'
import { LabelBinarizer } from './LabelBinarizer.js'
import { LabelEncoder } from './LabelEncoder.js'
import { MaxAbsScaler } from './MaxAbsScaler.js'
import { MinMaxScaler } from './MinMaxScaler.js'
import { Normalizer } from './Normalizer.js'
import { OneHotEncoder } from './OneHotEncoder.js'
import { OrdinalEncoder } from './OrdinalEncoder.js'
import {
  PREPROCESSOR_FORMAT,
  type Preprocessor,
  type SerializedPreprocessor,
} from './Preprocessor.js'
import { RobustScaler } from './RobustScaler.js'
import { SimpleImputer } from './SimpleImputer.js'
import { StandardScaler } from './StandardScaler.js'

// biome-ignore lint/suspicious/noExplicitAny: option and state types differ per preprocessor
type AnyPreprocessor = Preprocessor<any, any>
type Factory = () => AnyPreprocessor

const registry = new Map<string, Factory>([
  ['StandardScaler', () => new StandardScaler()],
  ['MinMaxScaler', () => new MinMaxScaler()],
  ['MaxAbsScaler', () => new MaxAbsScaler()],
  ['RobustScaler', () => new RobustScaler()],
  ['Normalizer', () => new Normalizer()],
  ['SimpleImputer', () => new SimpleImputer()],
  ['OneHotEncoder', () => new OneHotEncoder()],
  ['OrdinalEncoder', () => new OrdinalEncoder()],
  ['LabelEncoder', () => new LabelEncoder()],
  ['LabelBinarizer', () => new LabelBinarizer()],
])

/** Adds a preprocessor kind (e.g. your own subclass of Preprocessor) to `loadPreprocessor`. */
export function registerPreprocessor(kind: string, factory: Factory): void {
  if (registry.has(kind)) {
    throw new FileFormatError(`registerPreprocessor: kind '${kind}' is already registered`)
  }
  registry.set(kind, factory)
}

/**
 * Revives the output of any preprocessor's `toJSON()` (object or JSON string) as an instance
 * of the right class.
 *
 * @example
 * const scaler = loadPreprocessor(JSON.stringify(new StandardScaler().fit(X)))
 */
export function loadPreprocessor(json: SerializedPreprocessor | string | unknown): AnyPreprocessor {
  let parsed: unknown = json
  if (typeof json === 'string') {
    try {
      parsed = JSON.parse(json)
    } catch (e) {
      throw new FileFormatError(`loadPreprocessor: not valid JSON (${(e as Error).message})`)
    }
  }
  const p = parsed as Partial<SerializedPreprocessor> | null
  if (p === null || typeof p !== 'object' || p.format !== PREPROCESSOR_FORMAT) {
    throw new FileFormatError(
      `loadPreprocessor: format is ${JSON.stringify(p?.format)}; expected '${PREPROCESSOR_FORMAT}'`,
    )
  }
  const factory = typeof p.kind === 'string' ? registry.get(p.kind) : undefined
  if (!factory) {
    throw new FileFormatError(
      `loadPreprocessor: unknown kind ${JSON.stringify(p.kind)}; expected one of ${[...registry.keys()].join(', ')}`,
    )
  }
  return factory().restoreFromJSON(p as SerializedPreprocessor)
}
