/**
 * The internal `linear` op (`act(x·w + b)`, nn's dense layer) for backends that have no kernel
 * of their own: the same result from the backend's matmul, add and relu. Registered for the
 * generic backend '*', which ends every backend's kernel chain, so a new backend runs nn's
 * dense layers before it adds a fused kernel.
 */
import { tidy } from '../engine/engine.js'
import type { KernelRun } from '../engine/registry.js'
import type { LinearAttrs } from './cpu/ts/linalg.js'

export const linearComposite: KernelRun = (inputs, attrs: LinearAttrs) => {
  const [x, w, b] = inputs
  return tidy(() => {
    let y = x.matmul(w)
    if (b !== undefined) y = y.add(b)
    return attrs.relu ? y.relu() : y
  })
}
