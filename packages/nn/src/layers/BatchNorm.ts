/**
 * Batch normalization (PyTorch's `BatchNorm1d` / `BatchNorm2d`): in training, normalizes with
 * the batch statistics and updates running mean/variance (momentum 0.1, unbiased variance, as
 * PyTorch); in eval mode, uses the running statistics.
 */
import { type DType, noGrad, ones, ShapeError, type Tensor, tidy, zeros } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { Module } from '../Module.js'

export interface BatchNormOptions {
  numFeatures: number
  eps?: number
  momentum?: number
  affine?: boolean
  trackRunningStats?: boolean
  dtype?: DType
}

abstract class BatchNormBase extends Module {
  readonly numFeatures: number
  readonly eps: number
  readonly momentum: number
  readonly affine: boolean
  readonly trackRunningStats: boolean
  readonly weight: Tensor | null
  readonly bias: Tensor | null
  readonly runningMean: Tensor | null
  readonly runningVar: Tensor | null
  private readonly dtype: DType | undefined

  constructor(options: BatchNormOptions | number) {
    super()
    const o = typeof options === 'number' ? { numFeatures: options } : options
    if (!(Number.isInteger(o.numFeatures) && o.numFeatures > 0)) {
      throw new ConfigError(
        this.className,
        `invalid numFeatures ${o.numFeatures} (expected a positive integer)`,
      )
    }
    this.numFeatures = o.numFeatures
    this.eps = o.eps ?? 1e-5
    this.momentum = o.momentum ?? 0.1
    this.affine = o.affine ?? true
    this.trackRunningStats = o.trackRunningStats ?? true
    this.dtype = o.dtype
    const dtype = o.dtype ?? 'float32'
    const c = [o.numFeatures]
    this.weight = this.affine ? this.registerParameter('weight', ones(c, { dtype })) : null
    this.bias = this.affine ? this.registerParameter('bias', zeros(c, { dtype })) : null
    this.runningMean = this.trackRunningStats
      ? this.registerBuffer('runningMean', zeros(c, { dtype }))
      : null
    this.runningVar = this.trackRunningStats
      ? this.registerBuffer('runningVar', ones(c, { dtype }))
      : null
  }

  /** Ranks the layer accepts. */
  protected abstract ranks(): number[]

  forward(x: Tensor): Tensor {
    if (!this.ranks().includes(x.rank) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        this.className,
        `input shape [${x.shape.join(', ')}], expected rank ${this.ranks().join(' or ')} with ${this.numFeatures} channels on axis 1`,
      )
    }
    const axes = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)]
    const bshape = x.shape.map((d, i) => (i === 1 ? d : 1))
    let y: Tensor
    if (this.training || !this.trackRunningStats) {
      const mean = x.mean(axes, true)
      const centered = x.sub(mean)
      const v = centered.square().mean(axes, true)
      y = centered.mul(v.add(this.eps).rsqrt())
      if (this.training && this.trackRunningStats) {
        const n = x.size / this.numFeatures
        const m = this.momentum
        noGrad(() =>
          tidy(() => {
            const rm = this.runningMean as Tensor
            const rv = this.runningVar as Tensor
            rm.assign(rm.mul(1 - m).add(mean.detach().reshape([this.numFeatures]).mul(m)))
            const unbiased = v
              .detach()
              .reshape([this.numFeatures])
              .mul(n / Math.max(1, n - 1))
            rv.assign(rv.mul(1 - m).add(unbiased.mul(m)))
          }),
        )
      }
    } else {
      const rm = (this.runningMean as Tensor).reshape(bshape)
      const rv = (this.runningVar as Tensor).reshape(bshape)
      y = x.sub(rm).mul(rv.add(this.eps).rsqrt())
    }
    if (this.weight !== null && this.bias !== null) {
      y = y.mul(this.weight.reshape(bshape)).add(this.bias.reshape(bshape))
    }
    return y
  }

  override getConfig(): Record<string, unknown> {
    return {
      numFeatures: this.numFeatures,
      eps: this.eps,
      momentum: this.momentum,
      affine: this.affine,
      trackRunningStats: this.trackRunningStats,
      dtype: this.dtype,
    }
  }
}

/**
 * Over `[N, C]` or `[N, C, L]`.
 *
 * @example
 * new BatchNorm1d({ numFeatures: 64 })
 */
export class BatchNorm1d extends BatchNormBase {
  protected ranks(): number[] {
    return [2, 3]
  }
}

/**
 * Over `[N, C, H, W]`.
 *
 * @example
 * new BatchNorm2d(16)
 */
export class BatchNorm2d extends BatchNormBase {
  protected ranks(): number[] {
    return [4]
  }
}
