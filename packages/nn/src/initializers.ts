/**
 * Weight initializers: Glorot/Xavier, He/Kaiming, LeCun, PyTorch's default Linear/Conv init,
 * zeros, ones, constant, uniform, normal. Every initializer is seeded: pass `seed` for a fixed
 * draw, or leave it out to draw from core's global generator (`manualSeed`).
 */
import { type DType, rand, randn, type Tensor, tidy, zeros } from '@mlstack/core'
import { ConfigError } from './errors.js'

export interface InitContext {
  fanIn: number
  fanOut: number
  dtype?: DType
  seed?: number
}

/** Makes a tensor of `shape` given the layer's fan-in/fan-out. */
export type Initializer = (shape: readonly number[], ctx: InitContext) => Tensor

/** Names accepted wherever an initializer is expected. */
export type InitializerName =
  | 'glorotUniform'
  | 'glorotNormal'
  | 'xavierUniform'
  | 'xavierNormal'
  | 'heUniform'
  | 'heNormal'
  | 'kaimingUniform'
  | 'kaimingNormal'
  | 'lecunUniform'
  | 'lecunNormal'
  | 'torchDefault'
  | 'torchDefaultBias'
  | 'zeros'
  | 'ones'

function uniformInit(bound: number, shape: readonly number[], ctx: InitContext): Tensor {
  return tidy(() =>
    rand(shape, { seed: ctx.seed, dtype: ctx.dtype ?? 'float32' })
      .mul(2 * bound)
      .sub(bound),
  )
}

function normalInit(std: number, shape: readonly number[], ctx: InitContext): Tensor {
  return tidy(() => randn(shape, { seed: ctx.seed, dtype: ctx.dtype ?? 'float32' }).mul(std))
}

/** U(-a, a) with a = √(6 / (fanIn + fanOut)) (Keras's Dense default). */
export const glorotUniform: Initializer = (s, c) =>
  uniformInit(Math.sqrt(6 / (c.fanIn + c.fanOut)), s, c)
/** N(0, 2 / (fanIn + fanOut)) (plain normal, as PyTorch's xavier_normal_). */
export const glorotNormal: Initializer = (s, c) =>
  normalInit(Math.sqrt(2 / (c.fanIn + c.fanOut)), s, c)
/** U(-a, a) with a = √(6 / fanIn) (kaiming_uniform_, ReLU gain). */
export const heUniform: Initializer = (s, c) => uniformInit(Math.sqrt(6 / c.fanIn), s, c)
/** N(0, 2 / fanIn). */
export const heNormal: Initializer = (s, c) => normalInit(Math.sqrt(2 / c.fanIn), s, c)
/** U(-a, a) with a = √(3 / fanIn). */
export const lecunUniform: Initializer = (s, c) => uniformInit(Math.sqrt(3 / c.fanIn), s, c)
/** N(0, 1 / fanIn). */
export const lecunNormal: Initializer = (s, c) => normalInit(Math.sqrt(1 / c.fanIn), s, c)
/**
 * PyTorch's default weight init of Linear and Conv2d: kaiming_uniform_(a=√5), which is
 * U(-1/√fanIn, 1/√fanIn).
 */
export const torchDefault: Initializer = (s, c) => uniformInit(1 / Math.sqrt(c.fanIn), s, c)
/** PyTorch's default bias init: U(-1/√fanIn, 1/√fanIn) (same bound as the weight). */
export const torchDefaultBias: Initializer = torchDefault
export const zerosInit: Initializer = (s, c) => zeros(s, { dtype: c.dtype ?? 'float32' })
export const onesInit: Initializer = (s, c) => constant(1)(s, c)

/** Every element = value. */
export function constant(value: number): Initializer {
  return (s, c) => tidy(() => zeros(s, { dtype: c.dtype ?? 'float32' }).add(value))
}
/** U(min, max). */
export function uniform(min = -0.05, max = 0.05): Initializer {
  return (s, c) =>
    tidy(() =>
      rand(s, { seed: c.seed, dtype: c.dtype ?? 'float32' })
        .mul(max - min)
        .add(min),
    )
}
/** N(mean, std²). */
export function normal(mean = 0, std = 0.05): Initializer {
  return (s, c) =>
    tidy(() =>
      randn(s, { seed: c.seed, dtype: c.dtype ?? 'float32' })
        .mul(std)
        .add(mean),
    )
}

const BY_NAME: Record<InitializerName, Initializer> = {
  glorotUniform,
  glorotNormal,
  xavierUniform: glorotUniform,
  xavierNormal: glorotNormal,
  heUniform,
  heNormal,
  kaimingUniform: heUniform,
  kaimingNormal: heNormal,
  lecunUniform,
  lecunNormal,
  torchDefault,
  torchDefaultBias,
  zeros: zerosInit,
  ones: onesInit,
}

/** The initializer for a name, or the function itself. */
export function getInitializer(api: string, init: InitializerName | Initializer): Initializer {
  if (typeof init === 'function') return init
  const f = BY_NAME[init as InitializerName]
  if (f === undefined) {
    throw new ConfigError(
      api,
      `unknown initializer '${String(init)}' (expected one of ${Object.keys(BY_NAME).join(', ')} or a function)`,
    )
  }
  return f
}
