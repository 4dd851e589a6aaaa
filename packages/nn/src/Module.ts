/**
 * `Module`: the PyTorch-style base of every layer and model. It owns parameters (trainable
 * tensors), buffers (state such as BatchNorm's running statistics) and child modules, and
 * gives `parameters()`, `namedParameters()`, `train()`/`eval()`, `stateDict()` /
 * `loadStateDict()` over the whole tree. Keras-style `Sequential` is a Module too, so both
 * styles share one engine.
 */
import { noGrad, ShapeError, type Tensor } from '@mlstack/core'
import { ConfigError } from './errors.js'
import type { Regularizer } from './regularizers.js'

/** A shape with the batch axis (and any unknown axis) as `null`. */
export type ShapeSpec = readonly (number | null)[]

/** Serializable description of a layer: its registered class name and constructor options. */
export interface LayerConfig {
  className: string
  config: Record<string, unknown>
}

export interface LoadStateDictOptions {
  /** Throw when a key is missing or unexpected (default true). */
  strict?: boolean
}

/**
 * Base class of layers and models.
 *
 * @example
 * class Mlp extends Module {
 *   fc1 = this.registerModule('fc1', new Linear(784, 64))
 *   fc2 = this.registerModule('fc2', new Linear(64, 10))
 *   forward(x: Tensor) { return this.fc2.call(this.fc1.call(x).relu()) }
 * }
 */
export abstract class Module {
  /** True in training mode (Dropout drops, BatchNorm uses batch statistics). */
  training = true
  private readonly _params = new Map<string, Tensor>()
  private readonly _buffers = new Map<string, Tensor>()
  private readonly _children = new Map<string, Module>()
  /** Penalties added to the training loss, keyed by parameter name. */
  protected readonly regularizers = new Map<string, Regularizer>()

  /** The computation. Layers take and return one tensor. */
  abstract forward(x: Tensor): Tensor

  /** Same as `forward` (PyTorch's `module(x)`). */
  call(x: Tensor): Tensor {
    return this.forward(x)
  }

  /** Name under which the layer is registered for save/load (the class name by default). */
  get className(): string {
    return this.constructor.name
  }

  /** Registers (and returns) a trainable tensor; marks it `requiresGrad`. */
  protected registerParameter(name: string, t: Tensor, regularizer?: Regularizer): Tensor {
    if (this._params.has(name) || this._buffers.has(name) || this._children.has(name)) {
      this._params.get(name)?.dispose()
    }
    t.requiresGrad_(true)
    this._params.set(name, t)
    if (regularizer) this.regularizers.set(name, regularizer)
    return t
  }

  /** Registers (and returns) a non-trainable state tensor saved in `stateDict()`. */
  protected registerBuffer(name: string, t: Tensor): Tensor {
    this._buffers.get(name)?.dispose()
    this._buffers.set(name, t)
    return t
  }

  /** Registers (and returns) a child module, whose parameters become this module's. */
  registerModule<M extends Module>(name: string, m: M): M {
    if (!(m instanceof Module)) {
      throw new ConfigError('Module.registerModule', `'${name}' is not a Module`)
    }
    this._children.set(name, m)
    return m
  }

  /** Direct children, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this._children]
  }

  /** Every trainable tensor of the tree, parents first, in registration order. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p)
  }

  /** `[dottedName, tensor]` pairs, e.g. `['0.weight', W]` for the first layer of a Sequential. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = []
    for (const [k, p] of this._params) out.push([prefix + k, p])
    for (const [k, c] of this._children) out.push(...c.namedParameters(`${prefix}${k}.`))
    return out
  }

  /** `[dottedName, tensor]` pairs of the buffers (running statistics). */
  namedBuffers(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = []
    for (const [k, b] of this._buffers) out.push([prefix + k, b])
    for (const [k, c] of this._children) out.push(...c.namedBuffers(`${prefix}${k}.`))
    return out
  }

  /** Sets training mode on the whole tree; returns this. */
  train(mode = true): this {
    this.training = mode
    for (const c of this._children.values()) c.train(mode)
    return this
  }

  /** Evaluation mode (`train(false)`); returns this. */
  eval(): this {
    return this.train(false)
  }

  /**
   * Parameters and buffers by dotted name. The tensors are the live ones (not copies): read or
   * save them, do not dispose them.
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {}
    for (const [k, t] of this.namedParameters()) out[k] = t
    for (const [k, t] of this.namedBuffers()) out[k] = t
    return out
  }

  /**
   * Copies values into the parameters and buffers (in place, so optimizers keep working).
   * Everything is checked before anything changes: a wrong shape or (with `strict`) a missing or
   * unexpected key throws and leaves the module as it was.
   */
  loadStateDict(dict: Record<string, Tensor>, options: LoadStateDictOptions = {}): this {
    const strict = options.strict ?? true
    const own = this.stateDict()
    const api = `${this.className}.loadStateDict`
    if (strict) {
      const missing = Object.keys(own).filter((k) => !(k in dict))
      const unexpected = Object.keys(dict).filter((k) => !(k in own))
      if (missing.length > 0 || unexpected.length > 0) {
        throw new ConfigError(
          api,
          `keys do not match: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
        )
      }
    }
    for (const [k, t] of Object.entries(own)) {
      const src = dict[k]
      if (src === undefined) continue
      if (src.shape.join() !== t.shape.join()) {
        throw new ShapeError(
          api,
          `'${k}' has shape [${src.shape.join(', ')}], expected [${t.shape.join(', ')}]`,
        )
      }
    }
    noGrad(() => {
      for (const [k, t] of Object.entries(own)) {
        const src = dict[k]
        if (src !== undefined) t.assign(src)
      }
    })
    return this
  }

  /** Drops the gradients of all parameters. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null
  }

  /** Sum of all regularization penalties of the tree, or null when there are none. */
  regularizationLoss(): Tensor | null {
    let total: Tensor | null = null
    for (const [k, r] of this.regularizers) {
      const p = this._params.get(k)
      if (p === undefined) continue
      const term = r.penalty(p)
      total = total === null ? term : total.add(term)
    }
    for (const c of this._children.values()) {
      const term = c.regularizationLoss()
      if (term !== null) total = total === null ? term : total.add(term)
    }
    return total
  }

  /** Frees parameters and buffers of the whole tree. */
  dispose(): void {
    for (const p of this._params.values()) {
      p.grad = null
      p.dispose()
    }
    for (const b of this._buffers.values()) b.dispose()
    for (const c of this._children.values()) c.dispose()
  }

  /** Output shape for an input shape (batch axis `null`); identity unless a layer overrides. */
  computeOutputShape(inputShape: ShapeSpec): ShapeSpec {
    return inputShape
  }

  /** Creates parameters that depend on the input shape (lazy layers); no-op by default. */
  build(_inputShape: ShapeSpec): void {}

  /** Constructor options for save/load; layers that can be serialized override this. */
  getConfig(): Record<string, unknown> {
    throw new ConfigError(
      `${this.className}.getConfig`,
      'this module has no serializable config; register a layer with registerLayer() and implement getConfig()',
    )
  }
}
