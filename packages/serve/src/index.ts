// @mlstack/serve: a model server speaking the KServe v2 / Open Inference Protocol, with dynamic
// batching, Prometheus metrics, model repository management and a web page.
export { Batcher, type BatcherOptions, type BatchResult } from './Batcher.js'
export { createServer, type ServeHandle, type ServeOptions } from './createServer.js'
export {
  DATATYPES,
  type Datatype,
  type InferTensor,
  type TensorData,
  type TensorMetadata,
} from './Datatype.js'
export {
  InferenceError,
  InferenceTimeoutError,
  InvalidInputError,
  ModelFormatError,
  ModelNotFoundError,
  ModelNotReadyError,
  QueueFullError,
  ServeConfigError,
  ServeError,
  type ServeErrorClass,
  UnauthorizedError,
} from './errors.js'
export {
  type LoadContext,
  type LoadedModel,
  LoaderRegistry,
  type ModelLoader,
} from './LoaderRegistry.js'
export { classicalLoader } from './loaders/classicalLoader.js'
export { nnLoader } from './loaders/nnLoader.js'
export { onnxLoader } from './loaders/onnxLoader.js'
export { type ModelConfig, parseModelConfig, type VersionPolicy } from './ModelConfig.js'
export { ModelRepository, type ServedVersion } from './ModelRepository.js'
export { ServerMetrics } from './ServerMetrics.js'
