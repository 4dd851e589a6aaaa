/**
 * Weight penalties (Keras's kernel/bias regularizers): `l1`, `l2`, `l1l2`. A layer adds
 * `penalty(w)` to the training loss for every parameter that has one.
 */
import type { Tensor } from '@mlstack/core'
import { ConfigError } from './errors.js'

/** A penalty on one parameter tensor. */
export interface Regularizer {
  penalty(w: Tensor): Tensor
  getConfig(): { name: string; l1: number; l2: number }
}

function check(api: string, name: string, v: number): number {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new ConfigError(api, `invalid ${name} ${v} (expected a finite number >= 0)`)
  }
  return v
}

/**
 * `l1 · Σ|w| + l2 · Σw²` (Keras's definition: no 1/2 factor).
 *
 * @example
 * new Dense({ units: 64, kernelRegularizer: l1l2({ l1: 1e-5, l2: 1e-4 }) })
 */
export function l1l2(options: { l1?: number; l2?: number } = {}): Regularizer {
  const a = check('l1l2', 'l1', options.l1 ?? 0)
  const b = check('l1l2', 'l2', options.l2 ?? 0)
  return {
    penalty(w: Tensor): Tensor {
      if (a > 0 && b > 0) return w.abs().sum().mul(a).add(w.square().sum().mul(b))
      if (a > 0) return w.abs().sum().mul(a)
      return w.square().sum().mul(b)
    },
    getConfig: () => ({ name: 'l1l2', l1: a, l2: b }),
  }
}

/** `factor · Σ|w|` */
export function l1(factor = 0.01): Regularizer {
  return l1l2({ l1: check('l1', 'factor', factor) })
}

/** `factor · Σw²` */
export function l2(factor = 0.01): Regularizer {
  return l1l2({ l2: check('l2', 'factor', factor) })
}

/** @internal rebuilds a regularizer from its config (save/load). */
export function regularizerFromConfig(c: unknown): Regularizer | undefined {
  if (c === undefined || c === null) return undefined
  const o = c as { l1?: number; l2?: number }
  return l1l2({ l1: o.l1, l2: o.l2 })
}
