// Builds the optimizer of a fixture case over ArrayParameters of the fixed problem.
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  type ArrayParameter,
  NAdam,
  type Optimizer,
  RMSprop,
  SGD,
} from '../src/index.js'
import { camel } from './camel.js'
import { type cases, type Names, ORDER, type Params } from './fixtureProblem.js'

// biome-ignore lint/suspicious/noExplicitAny: the constructors differ in their option types
export type AnyOptimizer = Optimizer<any, any, any>

// biome-ignore lint/suspicious/noExplicitAny: the constructors differ in their option types
export const CTORS: Record<string, new (params: any, options?: any) => AnyOptimizer> = {
  SGD,
  RMSprop,
  Adagrad,
  Adadelta,
  Adam,
  AdamW,
  Adamax,
  NAdam,
}

export type Case = (typeof cases)[number] & {
  groups?: { names: string[]; options: Record<string, unknown> }[]
  maximize_negated_loss?: boolean
  scheduler?: { type: string; step_size: number; gamma: number }
}

export function wrap(values: Params): Record<Names, ArrayParameter> {
  return {
    w1: { data: values.w1, grad: null },
    b1: { data: values.b1, grad: null },
    w2: { data: values.w2, grad: null },
    b2: { data: values.b2, grad: null },
  }
}

export function makeOptimizer(c: Case, params: Record<Names, ArrayParameter>): AnyOptimizer {
  const Ctor = CTORS[c.optimizer]
  if (Ctor === undefined) throw new Error(`no optimizer ${c.optimizer}`)
  const input = c.groups
    ? c.groups.map((g) => ({ params: g.names.map((n) => params[n as Names]), ...camel(g.options) }))
    : ORDER.map((n) => params[n])
  return new Ctor(input, camel(c.options))
}
