/**
 * Inverted dropout: in training, zeroes each element with probability `rate` and scales the
 * rest by 1/(1 − rate); identity in eval mode. Masks come from a seeded generator, so a seeded
 * run drops the same units every time.
 */
import { Random, type Tensor, tensor } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { Module } from '../Module.js'

/**
 * @example
 * const drop = new Dropout({ rate: 0.5, seed: 0 })
 */
export class Dropout extends Module {
  readonly rate: number
  readonly seed: number | undefined
  private readonly rng: Random

  constructor(options: { rate: number; seed?: number } | number) {
    super()
    const o = typeof options === 'number' ? { rate: options } : options
    if (!(o.rate >= 0 && o.rate < 1)) {
      throw new ConfigError('Dropout', `invalid rate ${o.rate} (expected 0 <= rate < 1)`)
    }
    this.rate = o.rate
    this.seed = o.seed
    this.rng = new Random(o.seed ?? Math.floor(Math.random() * 2 ** 31))
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.rate === 0) return x
    const keep = 1 - this.rate
    const scale = 1 / keep
    const m = x.dtype === 'float64' ? new Float64Array(x.size) : new Float32Array(x.size)
    for (let i = 0; i < m.length; i++) m[i] = this.rng.uniform() < keep ? scale : 0
    const mask = tensor(m, { shape: x.shape })
    const y = x.mul(mask)
    mask.dispose()
    return y
  }

  override getConfig(): Record<string, unknown> {
    return { rate: this.rate, seed: this.seed }
  }
}
