/**
 * Lookup table (PyTorch's `nn.Embedding`): integer indices of any shape → vectors, weights
 * N(0, 1) by default. The gradient flows into the looked-up rows only (gather → scatterAdd).
 */
import { type DType, IndexError, randn, type Tensor } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { getInitializer, type Initializer, type InitializerName } from '../initializers.js'
import { Module, type ShapeSpec } from '../Module.js'

export interface EmbeddingOptions {
  numEmbeddings: number
  embeddingDim: number
  initializer?: InitializerName | Initializer
  seed?: number
  dtype?: DType
}

/**
 * @example
 * const emb = new Embedding({ numEmbeddings: 1000, embeddingDim: 16, seed: 0 })
 * emb.call(tensor([[1, 2, 3]], { dtype: 'int32' })).shape // [1, 3, 16]
 */
export class Embedding extends Module {
  readonly weight: Tensor
  readonly options: EmbeddingOptions

  constructor(options: EmbeddingOptions) {
    super()
    for (const k of ['numEmbeddings', 'embeddingDim'] as const) {
      if (!(Number.isInteger(options[k]) && options[k] > 0)) {
        throw new ConfigError(
          'Embedding',
          `invalid ${k} ${options[k]} (expected a positive integer)`,
        )
      }
    }
    this.options = options
    const shape = [options.numEmbeddings, options.embeddingDim]
    const w = options.initializer
      ? getInitializer('Embedding', options.initializer)(shape, {
          fanIn: options.numEmbeddings,
          fanOut: options.embeddingDim,
          seed: options.seed,
          dtype: options.dtype,
        })
      : randn(shape, { seed: options.seed, dtype: options.dtype ?? 'float32' })
    this.weight = this.registerParameter('weight', w)
  }

  forward(indices: Tensor): Tensor {
    const idx = indices.dtype === 'int32' ? indices : indices.cast('int32')
    const flat = idx.reshape([idx.size])
    const n = this.options.numEmbeddings
    const v = flat.dataSync()
    for (let i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] >= n) {
        throw new IndexError('Embedding', `index ${v[i]} is out of range [0, ${n})`)
      }
    }
    return this.weight.gather(flat, 0).reshape([...idx.shape, this.options.embeddingDim])
  }

  override computeOutputShape(s: ShapeSpec): ShapeSpec {
    return [...s, this.options.embeddingDim]
  }

  override getConfig(): Record<string, unknown> {
    const o = this.options
    return {
      numEmbeddings: o.numEmbeddings,
      embeddingDim: o.embeddingDim,
      seed: o.seed,
      dtype: o.dtype,
    }
  }
}
