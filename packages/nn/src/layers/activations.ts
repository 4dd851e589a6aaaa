/**
 * Activation layers (ReLU, Sigmoid, Tanh, Softmax, LogSoftmax, LeakyReLU, ELU, GELU, Softplus,
 * Identity) and the activation names accepted by `Dense({ activation })`.
 */
import type { Tensor } from '@mlstack/core'
import { ConfigError } from '../errors.js'
import { Module } from '../Module.js'

export type ActivationName =
  | 'linear'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'logSoftmax'
  | 'leakyRelu'
  | 'elu'
  | 'gelu'
  | 'softplus'

/** Returns `x ↦ f(x)` for an activation name (`linear` is the identity). */
export function activationFn(api: string, name: ActivationName): ((x: Tensor) => Tensor) | null {
  switch (name) {
    case 'linear':
      return null
    case 'relu':
      return (x) => x.relu()
    case 'sigmoid':
      return (x) => x.sigmoid()
    case 'tanh':
      return (x) => x.tanh()
    case 'softmax':
      return (x) => x.softmax(-1)
    case 'logSoftmax':
      return (x) => x.logSoftmax(-1)
    case 'leakyRelu':
      return (x) => x.leakyRelu(0.01)
    case 'elu':
      return (x) => x.elu(1)
    case 'gelu':
      return (x) => x.gelu()
    case 'softplus':
      return (x) => x.softplus()
    default:
      throw new ConfigError(
        api,
        `unknown activation '${String(name)}' (expected linear, relu, sigmoid, tanh, softmax, logSoftmax, leakyRelu, elu, gelu or softplus)`,
      )
  }
}

/** Identity (Keras's `linear`). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}

/** max(x, 0) */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu()
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}

/** 1 / (1 + e^-x) */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid()
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}

/** tanh(x) */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh()
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}

/** Softplus: log(1 + e^x). */
export class Softplus extends Module {
  forward(x: Tensor): Tensor {
    return x.softplus()
  }
  override getConfig(): Record<string, unknown> {
    return {}
  }
}

/** softmax along `axis` (default the last). */
export class Softmax extends Module {
  readonly axis: number
  constructor(options: { axis?: number } = {}) {
    super()
    this.axis = options.axis ?? -1
  }
  forward(x: Tensor): Tensor {
    return x.softmax(this.axis)
  }
  override getConfig(): Record<string, unknown> {
    return { axis: this.axis }
  }
}

/** log-softmax along `axis` (default the last). */
export class LogSoftmax extends Module {
  readonly axis: number
  constructor(options: { axis?: number } = {}) {
    super()
    this.axis = options.axis ?? -1
  }
  forward(x: Tensor): Tensor {
    return x.logSoftmax(this.axis)
  }
  override getConfig(): Record<string, unknown> {
    return { axis: this.axis }
  }
}

/** x for x > 0, alpha·x otherwise (default alpha 0.01, as PyTorch). */
export class LeakyReLU extends Module {
  readonly alpha: number
  constructor(options: { alpha?: number } = {}) {
    super()
    this.alpha = options.alpha ?? 0.01
  }
  forward(x: Tensor): Tensor {
    return x.leakyRelu(this.alpha)
  }
  override getConfig(): Record<string, unknown> {
    return { alpha: this.alpha }
  }
}

/** x for x > 0, alpha·(e^x − 1) otherwise (default alpha 1). */
export class ELU extends Module {
  readonly alpha: number
  constructor(options: { alpha?: number } = {}) {
    super()
    this.alpha = options.alpha ?? 1
  }
  forward(x: Tensor): Tensor {
    return x.elu(this.alpha)
  }
  override getConfig(): Record<string, unknown> {
    return { alpha: this.alpha }
  }
}

/** GELU, exact (erf) or the tanh approximation. */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh'
  constructor(options: { approximate?: 'none' | 'tanh' } = {}) {
    super()
    this.approximate = options.approximate ?? 'none'
  }
  forward(x: Tensor): Tensor {
    return x.gelu(this.approximate)
  }
  override getConfig(): Record<string, unknown> {
    return { approximate: this.approximate }
  }
}

/** Activation by name, as a layer (Keras's `Activation('relu')`). */
export class Activation extends Module {
  readonly activation: ActivationName
  private readonly fn: ((x: Tensor) => Tensor) | null
  constructor(activation: ActivationName | { activation: ActivationName }) {
    super()
    this.activation = typeof activation === 'string' ? activation : activation.activation
    this.fn = activationFn('Activation', this.activation)
  }
  forward(x: Tensor): Tensor {
    return this.fn === null ? x : this.fn(x)
  }
  override getConfig(): Record<string, unknown> {
    return { activation: this.activation }
  }
}
