// @mlstack/optimizers: PyTorch-style optimizers, learning-rate schedulers and gradient clipping.
export { Adadelta, type AdadeltaOptions, type AdadeltaState } from './Adadelta.js'
export { Adagrad, type AdagradOptions, type AdagradState } from './Adagrad.js'
export { Adam, AdamBase, type AdamOptions, type AdamState } from './Adam.js'
export { Adamax, type AdamaxOptions, type AdamaxState } from './Adamax.js'
export { AdamW } from './AdamW.js'
export { type ClipGradNormOptions, clipGradNorm } from './clipGradNorm.js'
export { clipGradValue } from './clipGradValue.js'
export {
  createOptimizer,
  OPTIMIZER_NAMES,
  type OptimizerName,
  type OptimizerOptionsByName,
} from './createOptimizer.js'
export type { FloatArray } from './internal/FloatArray.js'
export { NAdam, NAdam as Nadam, type NAdamOptions, type NAdamState } from './NAdam.js'
export { NonFiniteGradientError } from './NonFiniteGradientError.js'
export {
  Optimizer,
  type OptimizerState,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamGroupInput,
  type ScheduleKeys,
  type StateSchema,
} from './Optimizer.js'
export { OptimizerStateError } from './OptimizerStateError.js'
export type { ArrayParameter, Parameter } from './Parameter.js'
export { ParameterError } from './ParameterError.js'
export { RMSprop, type RMSpropOptions, type RMSpropState } from './RMSprop.js'
export { SchedulerError } from './SchedulerError.js'
export { SGD, type SGDOptions, type SGDState } from './SGD.js'
export { ChainedScheduler } from './schedulers/ChainedScheduler.js'
export { ConstantLR, type ConstantLROptions } from './schedulers/ConstantLR.js'
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './schedulers/CosineAnnealingLR.js'
export {
  CosineAnnealingWarmRestarts,
  type CosineAnnealingWarmRestartsOptions,
} from './schedulers/CosineAnnealingWarmRestarts.js'
export { ExponentialLR, type ExponentialLROptions } from './schedulers/ExponentialLR.js'
export { LambdaLR, type LambdaLROptions, type LrLambda } from './schedulers/LambdaLR.js'
export { LinearLR, type LinearLROptions } from './schedulers/LinearLR.js'
export {
  LRScheduler,
  type SchedulableGroup,
  type SchedulableOptimizer,
  type SchedulerStateDict,
} from './schedulers/LRScheduler.js'
export { MultiplicativeLR, type MultiplicativeLROptions } from './schedulers/MultiplicativeLR.js'
export { MultiStepLR, type MultiStepLROptions } from './schedulers/MultiStepLR.js'
export { OneCycleLR, type OneCycleLROptions } from './schedulers/OneCycleLR.js'
export { PolynomialLR, type PolynomialLROptions } from './schedulers/PolynomialLR.js'
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './schedulers/ReduceLROnPlateau.js'
export { SequentialLR, type SequentialLROptions } from './schedulers/SequentialLR.js'
export { StepLR, type StepLROptions } from './schedulers/StepLR.js'
