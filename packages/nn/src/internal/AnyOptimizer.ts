/** The optimizer type nn works with: any @mlstack/optimizers optimizer. */
import type { Optimizer, OptimizerState } from '@mlstack/optimizers'

// biome-ignore lint/suspicious/noExplicitAny: any optimizer's options and state
export type AnyOptimizer = Optimizer<{ lr: number }, OptimizerState, any>
