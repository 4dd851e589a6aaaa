// Validation shared by LambdaLR and MultiplicativeLR: one lrLambda function per group.
import type { LrLambda } from '../schedulers/LambdaLR.js'

/** Checks and expands lrLambda to one function per group. */
export function lambdasFor(api: string, groups: number, f: LrLambda | LrLambda[]): LrLambda[] {
  const list = Array.isArray(f) ? f : Array.from({ length: groups }, () => f)
  if (list.length !== groups) {
    throw new RangeError(
      `${api}: expected ${groups} lrLambda functions (one per param group), got ${list.length}`,
    )
  }
  list.forEach((fn, i) => {
    if (typeof fn !== 'function')
      throw new TypeError(`${api}: lrLambda[${i}] must be a function, got ${typeof fn}`)
  })
  return list
}
