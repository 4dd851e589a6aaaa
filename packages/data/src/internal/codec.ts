/** JSON encoding of preprocessor state (typed arrays, non-finite numbers) that round-trips exactly. */
import { FileFormatError } from '../errors.js'

export function encode(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) }
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Float64Array) {
    return { $f64: Array.from(value, (v) => (Number.isFinite(v) ? v : String(v))) }
  }
  if (value instanceof Int32Array) return { $i32: Array.from(value) }
  if (Array.isArray(value)) return value.map(encode)
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v)
    return out
  }
  throw new FileFormatError(`toJSON: cannot encode a value of type ${typeof value}`)
}

export function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(decode)
  const o = value as Record<string, unknown>
  if ('$num' in o) return Number(o.$num)
  if ('$f64' in o) return Float64Array.from(o.$f64 as (number | string)[], (v) => Number(v))
  if ('$i32' in o) return Int32Array.from(o.$i32 as number[])
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) out[k] = decode(v)
  return out
}
