/**
 * @mlstack/core: tensors, autograd, pluggable backends and CPU kernels.
 *
 * @example
 * import { randn } from '@mlstack/core'
 * const x = randn([32, 784], { seed: 1 })
 * const w = randn([784, 64], { seed: 0, requiresGrad: true })
 * x.matmul(w).relu().sum().backward() // w.grad
 */
import './backends/cpu/register.js'
import './gradients/gradients.js'

export {
  type BackwardOptions,
  type CustomGradResult,
  customGrad,
  grad,
  isGradEnabled,
  noGrad,
  valueAndGrad,
} from './autograd/autograd.js'
export type { Backend, BackendFactory, BackendMemory, DataBuffer } from './backends/Backend.js'
export { type FusedAdamOptions, fusedAdamStepF32 } from './backends/cpu/wasm/fusedAdam.js'
export { type FusedRmspropOptions, fusedRmspropStepF32 } from './backends/cpu/wasm/fusedRmsprop.js'
export { type FusedSgdOptions, fusedSgdStepF32 } from './backends/cpu/wasm/fusedSgd.js'
export type { DType, TypedArray } from './dtype.js'
export { bytesPerElement, isFloat, promoteTypes } from './dtype.js'
export {
  getBackend,
  keep,
  type MemoryInfo,
  memory,
  runOp,
  setBackend,
  tidy,
} from './engine/engine.js'
export {
  type GradientConfig,
  getKernel,
  hasOwnKernel,
  type KernelConfig,
  type KernelContext,
  type KernelInput,
  type KernelRun,
  listBackends,
  type RegisterBackendOptions,
  registerBackend,
  registerGradient,
  registerKernel,
} from './engine/registry.js'
export * from './errors.js'
export { broadcastShapes } from './internal/shape.js'
export { wasmKernelInfo } from './internal/wasm/kernels.js'
export { WasmHeap, WasmHeapError } from './internal/wasm/WasmHeap.js'
export {
  loadSafetensors,
  saveSafetensors,
  tensorsFromSafetensors,
  tensorsToSafetensors,
} from './io/safetensors.js'
export type {
  SafetensorsArray,
  SafetensorsContents,
  SafetensorsDType,
  SafetensorsEntry,
} from './io/safetensorsCodec.js'
export { decodeSafetensors, encodeSafetensors } from './io/safetensorsCodec.js'
export { hostView } from './ops/assign.js'
export type { CreateOptions, NestedArray, RandomOptions } from './ops/creation.js'
export {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from './ops/creation.js'
export {
  abs,
  add,
  cast,
  clip,
  clone,
  cos,
  div,
  elu,
  equal,
  exp,
  gelu,
  greater,
  greaterEqual,
  leakyRelu,
  less,
  lessEqual,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  logicalXor,
  maximum,
  minimum,
  mul,
  neg,
  notEqual,
  pow,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  sub,
  tanh,
  where,
} from './ops/elementwise.js'
export { gather, oneHot, scatterAdd } from './ops/indexing.js'
export { type MatmulOptions, matmul } from './ops/linalg.js'
export {
  broadcastTo,
  concat,
  expandDims,
  flatten,
  pad,
  permute,
  reshape,
  slice,
  split,
  squeeze,
  stack,
  tile,
  transpose,
} from './ops/movement.js'
export { OPS, type OpInfo, type OpKind, type OpName } from './ops/names.js'
export { avgPool2d, conv2d, logSoftmax, maxPool2d, softmax } from './ops/nn.js'
export {
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  prod,
  std,
  sum,
  variance,
} from './ops/reduce.js'
export { reluGrad } from './ops/reluGrad.js'
export type { Axis, Conv2dOptions, Pool2dOptions, TensorLike } from './ops/types.js'
export { manualSeed, Random } from './random/Random.js'
export { setLeakGuard, Tensor } from './tensor/Tensor.js'
