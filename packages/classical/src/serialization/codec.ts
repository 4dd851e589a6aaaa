/**
 * Encodes estimator params/state (typed arrays, ml-matrix matrices, nested estimators, non-finite
 * numbers) into plain JSON and back. JSON numbers round-trip doubles exactly, so a reloaded model
 * predicts bit-identically.
 */
import { Matrix } from 'ml-matrix'
import { ModelFormatError } from '../errors.js'
import type { SerializedEstimator } from './SerializedEstimator.js'

type Loader = (json: SerializedEstimator) => unknown

let estimatorLoader: Loader | null = null

/** Set by the registry so nested estimators (Pipeline steps, search results) can be revived. */
export function setNestedLoader(loader: Loader): void {
  estimatorLoader = loader
}

// JSON has no NaN, Infinity or -0: those travel as strings so a reload is bit-identical.
function special(v: number): boolean {
  return !Number.isFinite(v) || Object.is(v, -0)
}

function encodeNumber(v: number): number | { $num: string } {
  return special(v) ? { $num: Object.is(v, -0) ? '-0' : String(v) } : v
}

function encodeArray(a: ArrayLike<number>): (number | string)[] {
  const out: (number | string)[] = new Array(a.length)
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number
    out[i] = special(v) ? (Object.is(v, -0) ? '-0' : String(v)) : v
  }
  return out
}

/** Converts a value into JSON-safe data. */
export function encode(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return encodeNumber(value)
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Float64Array) return { $f64: encodeArray(value) }
  if (value instanceof Float32Array) return { $f32: encodeArray(value) }
  if (value instanceof Int32Array) return { $i32: Array.from(value) }
  if (value instanceof Uint8Array) return { $u8: Array.from(value) }
  if (value instanceof Uint32Array) return { $u32: Array.from(value) }
  if (value instanceof Matrix) {
    return { $matrix: value.to2DArray().map((r) => encodeArray(r)) }
  }
  if (Array.isArray(value)) return value.map(encode)
  if (typeof value === 'object') {
    const v = value as { toJSON?: () => unknown; kind?: unknown }
    if (typeof v.toJSON === 'function' && typeof v.kind === 'string') {
      return { $estimator: v.toJSON() }
    }
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(value)) {
      if (x !== undefined && typeof x !== 'function') out[k] = encode(x)
    }
    return out
  }
  throw new ModelFormatError(`toJSON: cannot serialize a value of type ${typeof value}`)
}

function decodeArray(a: unknown, tag: string): number[] {
  if (!Array.isArray(a)) throw new ModelFormatError(`fromJSON: ${tag} must hold an array`)
  return a.map((v) => (typeof v === 'string' ? Number(v) : (v as number)))
}

/** Inverse of encode. */
export function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(decode)
  const o = value as Record<string, unknown>
  if ('$num' in o) return Number(o.$num)
  if ('$f64' in o) return Float64Array.from(decodeArray(o.$f64, '$f64'))
  if ('$f32' in o) return Float32Array.from(decodeArray(o.$f32, '$f32'))
  if ('$i32' in o) return Int32Array.from(decodeArray(o.$i32, '$i32'))
  if ('$u8' in o) return Uint8Array.from(decodeArray(o.$u8, '$u8'))
  if ('$u32' in o) return Uint32Array.from(decodeArray(o.$u32, '$u32'))
  if ('$matrix' in o) {
    if (!Array.isArray(o.$matrix)) throw new ModelFormatError('fromJSON: $matrix must be an array')
    const rows = (o.$matrix as unknown[]).map((r) => decodeArray(r, '$matrix row'))
    return rows.length === 0 ? new Matrix(0, 0) : new Matrix(rows)
  }
  if ('$estimator' in o) {
    if (!estimatorLoader) throw new ModelFormatError('fromJSON: no estimator registry is loaded')
    return estimatorLoader(o.$estimator as SerializedEstimator)
  }
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(o)) out[k] = decode(x)
  return out
}
