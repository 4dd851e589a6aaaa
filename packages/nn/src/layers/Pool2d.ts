/** Max and average pooling layers over NCHW inputs (PyTorch's `MaxPool2d` / `AvgPool2d`). */
import { avgPool2d, maxPool2d, type Pool2dOptions, type Tensor } from '@mlstack/core'
import { Module, type ShapeSpec } from '../Module.js'

const pair = (v: number | readonly [number, number]): [number, number] =>
  typeof v === 'number' ? [v, v] : [v[0], v[1]]

abstract class Pool2d extends Module {
  readonly options: Pool2dOptions
  constructor(options: Pool2dOptions | number) {
    super()
    this.options = typeof options === 'number' ? { kernelSize: options } : { ...options }
  }
  override computeOutputShape(s: ShapeSpec): ShapeSpec {
    const k = pair(this.options.kernelSize)
    const st = pair(this.options.stride ?? this.options.kernelSize)
    const p = pair(this.options.padding ?? 0)
    const out = (n: number | null, i: 0 | 1) =>
      n === null ? null : Math.floor((n + 2 * p[i] - k[i]) / st[i]) + 1
    return [s[0], s[1], out(s[2], 0), out(s[3], 1)]
  }
  override getConfig(): Record<string, unknown> {
    return { ...this.options }
  }
}

/**
 * @example
 * new MaxPool2d({ kernelSize: 2 }).call(x) // [N, C, H/2, W/2]
 */
export class MaxPool2d extends Pool2d {
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.options)
  }
}

/**
 * Average pooling; zero padding counts in the mean (PyTorch's default).
 *
 * @example
 * new AvgPool2d(2).call(x)
 */
export class AvgPool2d extends Pool2d {
  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.options)
  }
}
