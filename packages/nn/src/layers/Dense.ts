/**
 * Fully connected layer: `y = activation(x · W + b)`. `Dense` is the Keras spelling (units,
 * activation, Glorot-uniform kernel, zero bias, input size inferred on first use); `Linear` is
 * the PyTorch spelling (in/out features, PyTorch's default init). The kernel is stored
 * `[inFeatures, outFeatures]` (Keras's layout, the transpose of PyTorch's `weight`), so the
 * forward pass is one GEMM with no transpose.
 */
import { type DType, ShapeError, type Tensor } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { getInitializer, type Initializer, type InitializerName } from '../initializers.js'
import { linear } from '../internal/linearOp.js'
import { Module, type ShapeSpec } from '../Module.js'
import { type Regularizer, regularizerFromConfig } from '../regularizers.js'
import { type ActivationName, activationFn } from './activations.js'

export interface DenseOptions {
  /** Output features. */
  units: number
  /** Input features; inferred from the first input (or `inputShape`) when left out. */
  inFeatures?: number
  /** Keras-style input shape without the batch axis, e.g. `[784]` (first layer of a model). */
  inputShape?: readonly number[]
  activation?: ActivationName
  useBias?: boolean
  kernelInitializer?: InitializerName | Initializer
  biasInitializer?: InitializerName | Initializer
  kernelRegularizer?: Regularizer
  biasRegularizer?: Regularizer
  /** Seed of the initializers (the bias uses seed + 1); default: core's global generator. */
  seed?: number
  dtype?: DType
}

function positiveInt(api: string, name: string, v: unknown): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v > 0)) {
    throw new ConfigError(api, `invalid ${name} ${String(v)} (expected a positive integer)`)
  }
  return v
}

/**
 * Keras-style dense layer.
 *
 * @example
 * const layer = new Dense({ units: 64, activation: 'relu', inputShape: [784] })
 * layer.call(randn([32, 784])).shape // [32, 64]
 */
export class Dense extends Module {
  readonly units: number
  readonly activation: ActivationName
  readonly useBias: boolean
  inFeatures: number | null
  readonly inputShape: readonly number[] | undefined
  kernel: Tensor | null = null
  bias: Tensor | null = null
  protected readonly options: DenseOptions
  private readonly act: ((x: Tensor) => Tensor) | null

  constructor(options: DenseOptions) {
    super()
    const api = this.className
    if (options === null || typeof options !== 'object') {
      throw new ConfigError(
        api,
        `expected an options object like { units: 64 }, got ${String(options)}`,
      )
    }
    this.options = options
    this.units = positiveInt(api, 'units', options.units)
    this.activation = options.activation ?? 'linear'
    this.act = activationFn(api, this.activation)
    this.useBias = options.useBias ?? true
    this.inputShape = options.inputShape
    const fromShape = options.inputShape?.[options.inputShape.length - 1]
    const inF = options.inFeatures ?? fromShape
    this.inFeatures = inF === undefined ? null : positiveInt(api, 'inFeatures', inF)
    if (this.inFeatures !== null) this.build([null, this.inFeatures])
  }

  /** The kernel (alias of `kernel`, PyTorch's name; layout `[in, out]`). */
  get weight(): Tensor | null {
    return this.kernel
  }

  protected defaultKernelInit(): InitializerName | Initializer {
    return 'glorotUniform'
  }
  protected defaultBiasInit(): InitializerName | Initializer {
    return 'zeros'
  }

  override build(inputShape: ShapeSpec): void {
    if (this.kernel !== null) return
    const api = this.className
    const inF = positiveInt(api, 'input features', inputShape[inputShape.length - 1])
    this.inFeatures = inF
    const o = this.options
    const ctx = { fanIn: inF, fanOut: this.units, dtype: o.dtype, seed: o.seed }
    const kInit = getInitializer(api, o.kernelInitializer ?? this.defaultKernelInit())
    this.kernel = this.registerParameter(
      'weight',
      kInit([inF, this.units], ctx),
      o.kernelRegularizer,
    )
    if (this.useBias) {
      const bInit = getInitializer(api, o.biasInitializer ?? this.defaultBiasInit())
      const bctx = { ...ctx, seed: o.seed === undefined ? undefined : o.seed + 1 }
      this.bias = this.registerParameter('bias', bInit([this.units], bctx), o.biasRegularizer)
    }
  }

  private checkInput(x: Tensor): Tensor {
    if (this.kernel === null) this.build(x.shape)
    const k = this.kernel as Tensor
    if (x.shape[x.shape.length - 1] !== k.shape[0]) {
      throw new ShapeError(
        this.className,
        `input has ${x.shape[x.shape.length - 1]} features (shape [${x.shape.join(', ')}]), expected ${k.shape[0]}`,
      )
    }
    return k
  }

  /** x · W + b, before the activation (the logits when the activation is softmax). */
  preActivation(x: Tensor): Tensor {
    return this.affine(x, false)
  }

  private affine(x: Tensor, relu: boolean): Tensor {
    const k = this.checkInput(x)
    if (x.rank === 2 && x.dtype === k.dtype) return linear(x, k, this.bias, relu)
    const y = x.matmul(k)
    const z = this.bias === null ? y : y.add(this.bias)
    return relu ? z.relu() : z
  }

  forward(x: Tensor): Tensor {
    if (this.activation === 'relu') return this.affine(x, true)
    const z = this.affine(x, false)
    return this.act === null ? z : this.act(z)
  }

  override computeOutputShape(inputShape: ShapeSpec): ShapeSpec {
    return [...inputShape.slice(0, -1), this.units]
  }

  override getConfig(): Record<string, unknown> {
    const o = this.options
    return {
      units: this.units,
      inFeatures: this.inFeatures ?? undefined,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: typeof o.kernelInitializer === 'string' ? o.kernelInitializer : undefined,
      biasInitializer: typeof o.biasInitializer === 'string' ? o.biasInitializer : undefined,
      kernelRegularizer: o.kernelRegularizer?.getConfig(),
      biasRegularizer: o.biasRegularizer?.getConfig(),
      seed: o.seed,
      dtype: o.dtype,
    }
  }

  /** @internal rebuilds from `getConfig()` output. */
  static fromConfig(c: Record<string, unknown>): Dense {
    return new Dense({
      ...(c as unknown as DenseOptions),
      kernelRegularizer: regularizerFromConfig(c.kernelRegularizer),
      biasRegularizer: regularizerFromConfig(c.biasRegularizer),
    })
  }
}

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean
  seed?: number
  dtype?: DType
  weightInitializer?: InitializerName | Initializer
  biasInitializer?: InitializerName | Initializer
}

/**
 * PyTorch-style fully connected layer, initialized like `torch.nn.Linear` (weights and bias
 * U(±1/√inFeatures)). `weight` has shape `[inFeatures, outFeatures]` (transposed vs PyTorch).
 *
 * @example
 * const fc = new Linear(784, 64, { seed: 0 })
 */
export class Linear extends Dense {
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    positiveInt('Linear', 'inFeatures', inFeatures)
    super({
      units: outFeatures,
      inFeatures,
      useBias: options.bias ?? true,
      seed: options.seed,
      dtype: options.dtype,
      kernelInitializer: options.weightInitializer ?? 'torchDefault',
      biasInitializer: options.biasInitializer ?? 'torchDefaultBias',
    })
  }
  get outFeatures(): number {
    return this.units
  }
  static override fromConfig(c: Record<string, unknown>): Linear {
    return new Linear(c.inFeatures as number, c.units as number, {
      bias: c.useBias as boolean,
      seed: c.seed as number | undefined,
      dtype: c.dtype as DType | undefined,
    })
  }
}
