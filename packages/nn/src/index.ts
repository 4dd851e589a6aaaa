/**
 * @mlstack/nn: layers, initializers, losses, PyTorch-style `Module` and Keras-style
 * `Sequential` (compile/fit/evaluate/predict/summary), callbacks and safetensors save/load.
 *
 * @example
 * import { Dense, Sequential } from '@mlstack/nn'
 * const model = new Sequential([
 *   new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ])
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
 */
import './internal/builtinLayers.js'

export { Callback, type FitParams, type Logs, type TrainingModel } from './callbacks/Callback.js'
export { EarlyStopping, type EarlyStoppingOptions } from './callbacks/EarlyStopping.js'
export { CSVLogger, JSONLogger } from './callbacks/HistoryLogger.js'
export { LearningRateScheduler, type LrSchedule } from './callbacks/LearningRateScheduler.js'
export { ModelCheckpoint, type ModelCheckpointOptions } from './callbacks/ModelCheckpoint.js'
export type { MonitorMode } from './callbacks/monitor.js'
export { ProgressBar, type ProgressBarOptions } from './callbacks/ProgressBar.js'
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './callbacks/ReduceLROnPlateau.js'
export { ConfigError, InvalidInputError, LabelError, NotCompiledError } from './errors.js'
export { History } from './History.js'
export {
  constant,
  getInitializer,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type InitContext,
  type Initializer,
  type InitializerName,
  lecunNormal,
  lecunUniform,
  normal,
  onesInit,
  torchDefault,
  torchDefaultBias,
  uniform,
  zerosInit,
} from './initializers.js'
export type { DataInput } from './internal/hostData.js'
export type { MetricFn, MetricName } from './internal/metrics.js'
export {
  type LayerFactory,
  layerFromConfig,
  registeredLayers,
  registerLayer,
} from './layerRegistry.js'
export {
  Activation,
  type ActivationName,
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  LogSoftmax,
  ReLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from './layers/activations.js'
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './layers/BatchNorm.js'
export { Conv2d, type Conv2dLayerOptions } from './layers/Conv2d.js'
export { Dense, type DenseOptions, Linear, type LinearOptions } from './layers/Dense.js'
export { Dropout } from './layers/Dropout.js'
export { Embedding, type EmbeddingOptions } from './layers/Embedding.js'
export { Flatten } from './layers/Flatten.js'
export { LayerNorm, type LayerNormOptions } from './layers/LayerNorm.js'
export { AvgPool2d, MaxPool2d } from './layers/Pool2d.js'
export { type LoadedModelInfo, loadModel, loadModelWithInfo, modelFromBytes } from './loadModel.js'
export {
  BinaryCrossentropy,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  CategoricalCrossentropy,
  crossEntropy,
  getLoss,
  Huber,
  huberLoss,
  KLDivergence,
  klDivergence,
  Loss,
  type LossFunction,
  type LossName,
  MeanAbsoluteError,
  MeanSquaredError,
  maeLoss,
  mseLoss,
  SparseCategoricalCrossentropy,
} from './losses/Loss.js'
export { type SparseCrossEntropyOptions, sparseCrossEntropy } from './losses/sparseCrossEntropy.js'
export { type LayerConfig, type LoadStateDictOptions, Module, type ShapeSpec } from './Module.js'
export { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelFormat.js'
export { l1, l1l2, l2, type Regularizer } from './regularizers.js'
export {
  type Batch,
  type BatchSource,
  type CompileOptions,
  type EvaluateOptions,
  type FitOptions,
  type OptimizerSpec,
  type PredictOptions,
  Sequential,
  type SequentialOptions,
} from './Sequential.js'
export { modelToBytes, type SaveModelOptions, saveModel } from './saveModel.js'
