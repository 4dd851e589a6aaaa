// Gathers the gradients of a parameter or an iterable of parameters, for the clipping helpers.
import type { Parameter } from '../Parameter.js'
import { ParameterError } from '../ParameterError.js'
import type { FloatArray } from './FloatArray.js'
import { checkParameter, gradOf, isParameter } from './paramAccess.js'

export function collectGrads(api: string, params: Parameter | Iterable<Parameter>): FloatArray[] {
  if (typeof params !== 'object' || params === null) {
    throw new ParameterError(
      `${api}: expected a parameter or an iterable of parameters, got ${params === null ? 'null' : typeof params}`,
    )
  }
  const list: unknown[] =
    Symbol.iterator in params && !isParameter(params)
      ? Array.from(params as Iterable<unknown>)
      : [params]
  const grads: FloatArray[] = []
  list.forEach((p, i) => {
    checkParameter(api, p, `parameter ${i}`)
    const g = gradOf(p)
    if (g !== null) grads.push(g)
  })
  return grads
}
