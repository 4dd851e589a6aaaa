/** Flattens every axis after the batch axis: `[N, ...] → [N, prod(...)]`. */
import type { Tensor } from '@mlstack/core'
import { Module, type ShapeSpec } from '../Module.js'

/**
 * @example
 * new Flatten().call(zeros([2, 1, 28, 28])).shape // [2, 784]
 */
export class Flatten extends Module {
  forward(x: Tensor): Tensor {
    return x.reshape([x.shape[0], x.size / Math.max(1, x.shape[0])])
  }
  override computeOutputShape(s: ShapeSpec): ShapeSpec {
    const rest = s.slice(1)
    return [
      s[0],
      rest.some((v) => v === null) ? null : rest.reduce((a, b) => (a as number) * (b as number), 1),
    ]
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}
