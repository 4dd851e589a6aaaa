/** Layer normalization over the trailing `normalizedShape` axes (PyTorch's `nn.LayerNorm`). */
import { type DType, ones, ShapeError, type Tensor, zeros } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { Module } from '../Module.js'

export interface LayerNormOptions {
  normalizedShape: number | readonly number[]
  eps?: number
  elementwiseAffine?: boolean
  dtype?: DType
}

/**
 * @example
 * new LayerNorm({ normalizedShape: 64 }).call(randn([8, 64]))
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[]
  readonly eps: number
  readonly weight: Tensor | null
  readonly bias: Tensor | null
  private readonly dtype: DType | undefined

  constructor(options: LayerNormOptions | number) {
    super()
    const o = typeof options === 'number' ? { normalizedShape: options } : options
    const ns = typeof o.normalizedShape === 'number' ? [o.normalizedShape] : [...o.normalizedShape]
    if (ns.length === 0 || ns.some((d) => !(Number.isInteger(d) && d > 0))) {
      throw new ConfigError(
        'LayerNorm',
        `invalid normalizedShape [${ns.join(', ')}] (expected positive integers)`,
      )
    }
    this.normalizedShape = ns
    this.eps = o.eps ?? 1e-5
    this.dtype = o.dtype
    const dtype = o.dtype ?? 'float32'
    const affine = o.elementwiseAffine ?? true
    this.weight = affine ? this.registerParameter('weight', ones(ns, { dtype })) : null
    this.bias = affine ? this.registerParameter('bias', zeros(ns, { dtype })) : null
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length
    const tail = x.shape.slice(x.rank - k)
    if (x.rank < k || tail.join() !== this.normalizedShape.join()) {
      throw new ShapeError(
        'LayerNorm',
        `input shape [${x.shape.join(', ')}] does not end with normalizedShape [${this.normalizedShape.join(', ')}]`,
      )
    }
    const axes = Array.from({ length: k }, (_, i) => x.rank - k + i)
    const mean = x.mean(axes, true)
    const c = x.sub(mean)
    let y = c.mul(c.square().mean(axes, true).add(this.eps).rsqrt())
    if (this.weight !== null && this.bias !== null) y = y.mul(this.weight).add(this.bias)
    return y
  }

  override getConfig(): Record<string, unknown> {
    return {
      normalizedShape: this.normalizedShape,
      eps: this.eps,
      elementwiseAffine: this.weight !== null,
      dtype: this.dtype,
    }
  }
}
