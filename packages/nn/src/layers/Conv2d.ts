/**
 * 2-D convolution layer over NCHW inputs (PyTorch's `nn.Conv2d`): weight
 * `[outChannels, inChannels/groups, kH, kW]`, PyTorch's default init, optional bias.
 */
import { conv2d, type DType, ShapeError, type Tensor } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { getInitializer, type Initializer, type InitializerName } from '../initializers.js'
import { Module, type ShapeSpec } from '../Module.js'

export interface Conv2dLayerOptions {
  inChannels: number
  outChannels: number
  kernelSize: number | readonly [number, number]
  stride?: number | readonly [number, number]
  padding?: number | readonly [number, number] | 'valid' | 'same'
  dilation?: number | readonly [number, number]
  groups?: number
  bias?: boolean
  weightInitializer?: InitializerName | Initializer
  biasInitializer?: InitializerName | Initializer
  seed?: number
  dtype?: DType
}

const pair = (v: number | readonly [number, number]): [number, number] =>
  typeof v === 'number' ? [v, v] : [v[0], v[1]]

/**
 * @example
 * const conv = new Conv2d({ inChannels: 1, outChannels: 8, kernelSize: 3, padding: 1, seed: 0 })
 * conv.call(randn([2, 1, 28, 28])).shape // [2, 8, 28, 28]
 */
export class Conv2d extends Module {
  readonly weight: Tensor
  readonly bias: Tensor | null
  readonly options: Conv2dLayerOptions
  private readonly kernel: [number, number]
  private readonly stride: [number, number]
  private readonly dilation: [number, number]

  constructor(options: Conv2dLayerOptions) {
    super()
    const api = 'Conv2d'
    for (const k of ['inChannels', 'outChannels'] as const) {
      const v = options[k]
      if (!(Number.isInteger(v) && v > 0)) {
        throw new ConfigError(api, `invalid ${k} ${v} (expected a positive integer)`)
      }
    }
    const groups = options.groups ?? 1
    if (options.inChannels % groups !== 0 || options.outChannels % groups !== 0) {
      throw new ConfigError(
        api,
        `groups ${groups} must divide inChannels ${options.inChannels} and outChannels ${options.outChannels}`,
      )
    }
    this.options = options
    this.kernel = pair(options.kernelSize)
    this.stride = pair(options.stride ?? 1)
    this.dilation = pair(options.dilation ?? 1)
    const [kh, kw] = this.kernel
    const fanIn = (options.inChannels / groups) * kh * kw
    const ctx = {
      fanIn,
      fanOut: (options.outChannels / groups) * kh * kw,
      dtype: options.dtype,
      seed: options.seed,
    }
    const wInit = getInitializer(api, options.weightInitializer ?? 'torchDefault')
    this.weight = this.registerParameter(
      'weight',
      wInit([options.outChannels, options.inChannels / groups, kh, kw], ctx),
    )
    if (options.bias ?? true) {
      const bInit = getInitializer(api, options.biasInitializer ?? 'torchDefaultBias')
      const seed = options.seed === undefined ? undefined : options.seed + 1
      this.bias = this.registerParameter('bias', bInit([options.outChannels], { ...ctx, seed }))
    } else this.bias = null
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[1] !== this.options.inChannels) {
      throw new ShapeError(
        'Conv2d',
        `input shape [${x.shape.join(', ')}], expected [N, ${this.options.inChannels}, H, W]`,
      )
    }
    return conv2d(x, this.weight, {
      stride: this.stride,
      padding: this.options.padding ?? 0,
      dilation: this.dilation,
      groups: this.options.groups ?? 1,
      bias: this.bias ?? undefined,
    })
  }

  override computeOutputShape(s: ShapeSpec): ShapeSpec {
    const pad = this.options.padding ?? 0
    const out = (n: number | null, i: 0 | 1): number | null => {
      if (n === null) return null
      if (pad === 'same') return n
      const p = pad === 'valid' ? 0 : pair(pad as number | [number, number])[i]
      const eff = this.dilation[i] * (this.kernel[i] - 1) + 1
      return Math.floor((n + 2 * p - eff) / this.stride[i]) + 1
    }
    return [s[0], this.options.outChannels, out(s[2], 0), out(s[3], 1)]
  }

  override getConfig(): Record<string, unknown> {
    const o = this.options
    return {
      inChannels: o.inChannels,
      outChannels: o.outChannels,
      kernelSize: o.kernelSize,
      stride: o.stride,
      padding: o.padding,
      dilation: o.dilation,
      groups: o.groups,
      bias: o.bias,
      seed: o.seed,
      dtype: o.dtype,
    }
  }
}
