/** Number formatting that reproduces Python's `format(x, '.Nf')` (ties to even on exact values). */

/**
 * `x` with `digits` decimals, as Python formats it. JavaScript's toFixed rounds exact binary ties
 * (0.625 → '0.63') away from zero; Python rounds them to even ('0.62'), and reports must match.
 */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  const away = x.toFixed(digits)
  // A double that sits exactly on a tie has a short exact expansion; 60 extra digits separate
  // it from any double merely close to a tie.
  const long = Math.abs(x).toFixed(Math.min(100, digits + 60))
  const point = long.indexOf('.')
  const tail = long.slice(point + 1 + digits)
  if (!/^50*$/.test(tail)) return away
  const kept = long.slice(0, point + 1 + digits).replace(/\.$/, '')
  const lastDigit = Number(kept[kept.length - 1])
  if (lastDigit % 2 === 0) return (x < 0 ? '-' : '') + kept
  return away
}

/** Python's `str()` of a float (`12.0`, `0.5`) or of an int when `asInt`. */
export function pyNumber(x: number, asInt: boolean): string {
  if (asInt) return String(x)
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`
  return String(x)
}

export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s
}
