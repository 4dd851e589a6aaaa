// Hyperparameter validation shared by optimizers and schedulers: every bad value becomes a
// RangeError (TypeError for non-numbers) that names the API, the option and the value given.

export interface NumberBounds {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number
  minExclusive?: boolean
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number
  maxExclusive?: boolean
  integer?: boolean
}

function describe(b: NumberBounds): string {
  const parts: string[] = []
  if (b.min !== undefined) parts.push(`${b.minExclusive ? '>' : '>='} ${b.min}`)
  if (b.max !== undefined) parts.push(`${b.maxExclusive ? '<' : '<='} ${b.max}`)
  const kind = b.integer ? 'an integer' : 'a finite number'
  return parts.length === 0 ? kind : `${kind} ${parts.join(' and ')}`
}

/** Throws unless `value` is a finite number within `bounds`; returns it otherwise. */
export function checkNumber(api: string, name: string, value: unknown, b: NumberBounds): number {
  if (typeof value !== 'number') {
    throw new TypeError(
      `${api}: ${name} must be a number, got ${value === null ? 'null' : typeof value} (expected ${describe(b)})`,
    )
  }
  const bad =
    !Number.isFinite(value) ||
    (b.integer === true && !Number.isInteger(value)) ||
    (b.min !== undefined && (b.minExclusive ? value <= b.min : value < b.min)) ||
    (b.max !== undefined && (b.maxExclusive ? value >= b.max : value > b.max))
  if (bad) throw new RangeError(`${api}: invalid ${name} ${value} (expected ${describe(b)})`)
  return value
}

/** Throws a TypeError unless `value` is a boolean. */
export function checkBoolean(api: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`${api}: ${name} must be a boolean, got ${typeof value}`)
  }
  return value
}
