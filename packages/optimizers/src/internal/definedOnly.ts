/** A copy of `o` without its undefined entries, so `{ lr: undefined }` keeps the default lr. */
export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {}
  if (o === undefined || o === null || typeof o !== 'object') return out
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v
  return out
}
