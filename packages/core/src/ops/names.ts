/**
 * The op table: every op's name, whether it is a primitive (has kernels and a gradient rule)
 * or a composite (written from primitives, gradient for free), whether it is differentiable,
 * and its signature. Tests are generated from this table: every differentiable op must have a
 * gradient-check case and every primitive a conformance case, so a new op cannot skip them.
 */

export type OpKind = 'primitive' | 'composite'

export interface OpInfo {
  kind: OpKind
  differentiable: boolean
  /** Internal primitives (gradient kernels) are not part of the public API. */
  internal?: boolean
  signature: string
}

const U = '(x: Tensor) => Tensor'
const B = '(a: TensorLike, b: TensorLike) => Tensor'
const p = (signature: string, differentiable = true): OpInfo => ({
  kind: 'primitive',
  differentiable,
  signature,
})
const c = (signature: string, differentiable = true): OpInfo => ({
  kind: 'composite',
  differentiable,
  signature,
})
const internal = (signature: string): OpInfo => ({
  kind: 'primitive',
  differentiable: false,
  internal: true,
  signature,
})

export const OPS = {
  // Elementwise unary.
  neg: p(U),
  abs: p(U),
  sign: p(U, false),
  exp: p(U),
  log: p(U),
  log1p: p(U),
  sqrt: p(U),
  rsqrt: p(U),
  square: p(U),
  sin: p(U),
  cos: p(U),
  tanh: p(U),
  sigmoid: p(U),
  relu: p(U),
  leakyRelu: p('(x: Tensor, alpha = 0.01) => Tensor'),
  elu: p('(x: Tensor, alpha = 1) => Tensor'),
  gelu: p("(x: Tensor, approximate: 'none' | 'tanh' = 'none') => Tensor"),
  softplus: p(U),
  clip: p('(x: Tensor, min: number, max: number) => Tensor'),
  logicalNot: p(U, false),
  clone: p(U),
  // Elementwise binary, NumPy broadcasting.
  add: p(B),
  sub: p(B),
  mul: p(B),
  div: p(B),
  pow: p(B),
  maximum: p(B),
  minimum: p(B),
  equal: p(B, false),
  notEqual: p(B, false),
  less: p(B, false),
  lessEqual: p(B, false),
  greater: p(B, false),
  greaterEqual: p(B, false),
  logicalAnd: p(B, false),
  logicalOr: p(B, false),
  logicalXor: p(B, false),
  where: p('(cond: TensorLike, a: TensorLike, b: TensorLike) => Tensor'),
  cast: p('(x: Tensor, dtype: DType) => Tensor'),
  // Reductions (axis: number | number[] | undefined = all).
  sum: p('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  prod: p('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  max: p('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  min: p('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  argmax: p('(x: Tensor, axis?: number, keepDims = false) => Tensor<int32>', false),
  argmin: p('(x: Tensor, axis?: number, keepDims = false) => Tensor<int32>', false),
  mean: c('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  var: c('(x: Tensor, axis?: Axis, keepDims = false, correction = 0) => Tensor'),
  std: c('(x: Tensor, axis?: Axis, keepDims = false, correction = 0) => Tensor'),
  logsumexp: c('(x: Tensor, axis?: Axis, keepDims = false) => Tensor'),
  // Linear algebra.
  matmul: p('(a: Tensor, b: Tensor) => Tensor  // batched, broadcast batch dims'),
  // Movement and shape.
  reshape: p('(x: Tensor, shape: number[]) => Tensor  // one -1 allowed; shares the buffer'),
  transpose: p('(x: Tensor, perm?: number[]) => Tensor  // default: reverse axes'),
  slice: p('(x: Tensor, begin: number[], size?: number[]) => Tensor  // size -1: to the end'),
  concat: p('(xs: Tensor[], axis = 0) => Tensor'),
  pad: p('(x: Tensor, paddings: [number, number][], value = 0) => Tensor'),
  tile: p('(x: Tensor, reps: number[]) => Tensor'),
  broadcastTo: p('(x: Tensor, shape: number[]) => Tensor'),
  permute: c('(x: Tensor, ...axes: number[]) => Tensor'),
  flatten: c('(x: Tensor, startAxis = 0, endAxis = -1) => Tensor'),
  expandDims: c('(x: Tensor, axis = 0) => Tensor'),
  squeeze: c('(x: Tensor, axis?: Axis) => Tensor'),
  stack: c('(xs: Tensor[], axis = 0) => Tensor'),
  split: c('(x: Tensor, sections: number | number[], axis = 0) => Tensor[]'),
  // Indexing.
  gather: p('(x: Tensor, indices: Tensor<int32> | number[], axis = 0) => Tensor  // numpy.take'),
  scatterAdd: p(
    '(x: Tensor, indices: Tensor<int32> | number[], updates: Tensor, axis = 0) => Tensor',
  ),
  oneHot: c(
    "(indices: Tensor<int32> | number[], depth: number, dtype = 'float32') => Tensor",
    false,
  ),
  // Neural-network ops.
  // Primitives: fused kernels measured ~5x faster than the ~20-op composite (logSoftmax forward
  // + backward at [32, 10]: ~175 µs composite vs ~30 µs fused, noisy shared machine).
  softmax: p('(x: Tensor, axis = -1) => Tensor'),
  logSoftmax: p('(x: Tensor, axis = -1) => Tensor'),
  conv2d: p('(x: Tensor[N,C,H,W], w: Tensor[O,C/groups,kH,kW], opts?: Conv2dOptions) => Tensor'),
  maxPool2d: p('(x: Tensor[N,C,H,W], opts: Pool2dOptions) => Tensor'),
  avgPool2d: p('(x: Tensor[N,C,H,W], opts: Pool2dOptions) => Tensor'),
  // Gradient kernels (internal).
  unaryGrad: internal('(dy, x, y, {op, ...attrs}) => dx'),
  conv2dBackpropInput: internal('(dy, w, {inputShape, ...conv}) => dx'),
  conv2dBackpropFilter: internal('(x, dy, {filterShape, ...conv}) => dw'),
  maxPool2dBackward: internal('(dy, x, pool) => dx'),
  avgPool2dBackward: internal('(dy, pool & {inputShape}) => dx'),
  softmaxGrad: internal('(dy, y, {axis}) => dx'),
  logSoftmaxGrad: internal('(dy, y, {axis}) => dx'),
  // Fused forward kernels (internal): the callers own the gradient (nn's Dense layer).
  linear: internal('(x[m,k], w[k,n], b?[n], {relu}) => act(x·w + b)'),
} satisfies Record<string, OpInfo>

export type OpName = keyof typeof OPS

/** Whether `op` is differentiable according to the table (unknown ops are not). */
export function differentiable(op: string): boolean {
  return (OPS as Record<string, OpInfo>)[op]?.differentiable ?? false
}
