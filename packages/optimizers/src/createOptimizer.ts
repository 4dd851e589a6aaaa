// Optimizers by name, for Keras-style APIs (`compile({ optimizer: 'adam' })`).
import { Adadelta, type AdadeltaOptions } from './Adadelta.js'
import { Adagrad, type AdagradOptions } from './Adagrad.js'
import { Adam, type AdamOptions } from './Adam.js'
import { Adamax, type AdamaxOptions } from './Adamax.js'
import { AdamW } from './AdamW.js'
import { NAdam, type NAdamOptions } from './NAdam.js'
import type { Optimizer, ParamGroupInput } from './Optimizer.js'
import type { Parameter } from './Parameter.js'
import { RMSprop, type RMSpropOptions } from './RMSprop.js'
import { SGD, type SGDOptions } from './SGD.js'

/** Option bags by optimizer name. */
export interface OptimizerOptionsByName {
  sgd: SGDOptions
  rmsprop: RMSpropOptions
  adagrad: AdagradOptions
  adadelta: AdadeltaOptions
  adam: AdamOptions
  adamw: AdamOptions
  adamax: AdamaxOptions
  nadam: NAdamOptions
}

/** The names `createOptimizer` accepts (case-insensitive). */
export type OptimizerName = keyof OptimizerOptionsByName

const REGISTRY = {
  sgd: SGD,
  rmsprop: RMSprop,
  adagrad: Adagrad,
  adadelta: Adadelta,
  adam: Adam,
  adamw: AdamW,
  adamax: Adamax,
  nadam: NAdam,
} as const

/** The registered optimizer names. */
export const OPTIMIZER_NAMES = Object.keys(REGISTRY) as OptimizerName[]

/**
 * Creates an optimizer from its name (case-insensitive: 'adam', 'AdamW', 'sgd', ...).
 * An unknown name is a RangeError listing the known ones.
 *
 * @example
 * ```ts
 * const opt = createOptimizer('adam', model.parameters(), { lr: 1e-3 })
 * ```
 */
export function createOptimizer<N extends OptimizerName>(
  name: N | Uppercase<N> | Capitalize<N> | string,
  params: Iterable<Parameter> | Iterable<ParamGroupInput<OptimizerOptionsByName[N]>>,
  options: Partial<OptimizerOptionsByName[N]> = {},
  // biome-ignore lint/suspicious/noExplicitAny: the concrete option type depends on the name
): Optimizer<any, any, any> {
  const key = typeof name === 'string' ? name.toLowerCase() : ''
  const Ctor = (REGISTRY as Record<string, unknown>)[key] as
    // biome-ignore lint/suspicious/noExplicitAny: see above
    (new (p: any, o: any) => Optimizer<any, any, any>) | undefined
  if (Ctor === undefined || !Object.hasOwn(REGISTRY, key)) {
    throw new RangeError(
      `createOptimizer: unknown optimizer '${String(name)}' (expected one of ${OPTIMIZER_NAMES.join(', ')})`,
    )
  }
  return new Ctor(params, options)
}
