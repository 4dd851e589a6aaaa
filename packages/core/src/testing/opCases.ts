/**
 * One table of example calls per op, shared by the float64 gradient checks (core's tests) and
 * the backend conformance suite. Keyed by the op names of src/ops/names.ts; tests fail when an
 * op has no case, so a new op cannot skip them.
 */

import * as T from '../ops/index.js'
import type { Tensor } from '../tensor/Tensor.js'

export interface OpCase {
  /** Shown in test names. */
  label: string
  /** Shapes of the float inputs, generated uniformly in `domain` (deterministic per case). */
  shapes: number[][]
  /** Value range per input (default [-2, 2]). */
  domain?: [number, number][] | [number, number]
  /** The call under test. */
  fn: (...xs: Tensor[]) => Tensor
  /** Inputs to differentiate (default: all); [] for a forward-only case. */
  grad?: number[]
  /** Also run (forward only) with int32 inputs: checks the integer paths of a backend. */
  int32?: boolean
  /** Too large for finite differences (checked by conformance only): odd sizes that reach SIMD remainder loops. */
  large?: boolean
  /** Finite-difference step and tolerance overrides for the gradient check. */
  eps?: number
  atol?: number
}

const pos: [number, number] = [0.5, 2]
const c = (
  label: string,
  shapes: number[][],
  fn: (...xs: Tensor[]) => Tensor,
  extra: Partial<OpCase> = {},
): OpCase => ({
  label,
  shapes,
  fn,
  ...extra,
})
const unary = (f: (x: Tensor) => Tensor, extra: Partial<OpCase> = {}): OpCase[] => [
  c('[3, 4]', [[3, 4]], f, extra),
  c('scalar', [[]], f, extra),
]
const binary = (f: (a: Tensor, b: Tensor) => Tensor, extra: Partial<OpCase> = {}): OpCase[] => [
  c(
    'same shape',
    [
      [3, 4],
      [3, 4],
    ],
    f,
    extra,
  ),
  c('broadcast [2,3,4] & [4]', [[2, 3, 4], [4]], f, extra),
  c(
    'broadcast [3,1] & [1,4]',
    [
      [3, 1],
      [1, 4],
    ],
    f,
    extra,
  ),
  c('broadcast [] & [2,3]', [[], [2, 3]], f, extra),
]
const fwd = { grad: [] as number[] }
const idx = (v: number[], shape?: number[]) => T.tensor(v, { dtype: 'int32', shape })

export const OP_CASES: Record<string, OpCase[]> = {
  neg: unary(T.neg),
  abs: unary(T.abs),
  sign: unary(T.sign, fwd),
  exp: unary(T.exp),
  log: unary(T.log, { domain: pos }),
  log1p: unary(T.log1p, { domain: [-0.5, 2] }),
  sqrt: unary(T.sqrt, { domain: pos }),
  rsqrt: unary(T.rsqrt, { domain: pos }),
  square: unary(T.square),
  sin: unary(T.sin),
  cos: unary(T.cos),
  tanh: unary(T.tanh),
  sigmoid: unary((x) => T.sigmoid(x.mul(3))),
  relu: unary(T.relu),
  leakyRelu: unary((x) => T.leakyRelu(x, 0.1)),
  elu: unary((x) => T.elu(x, 0.7)),
  gelu: [
    ...unary((x) => T.gelu(x), { atol: 1e-5 }),
    c('tanh approximation', [[3, 4]], (x) => T.gelu(x, 'tanh')),
  ],
  softplus: unary((x) => T.softplus(x.mul(5))),
  clip: unary((x) => T.clip(x, -1, 0.5)),
  logicalNot: unary((x) => T.logicalNot(x.greater(0)), fwd),
  clone: unary(T.clone),
  add: [...binary(T.add), c('tensor + number', [[2, 3]], (a) => T.add(a, 1.5))],
  sub: [...binary(T.sub), c('number - tensor', [[2, 3]], (a) => T.sub(2, a))],
  mul: [...binary(T.mul), c('tensor * number', [[2, 3]], (a) => a.mul(-3))],
  div: [
    ...binary(T.div, { domain: [[-2, 2], pos] }),
    c('number / tensor', [[2, 3]], (a) => T.div(1, a), { domain: pos }),
  ],
  pow: [
    ...binary(T.pow, { domain: [pos, [-1.5, 2]] }),
    c('tensor ** 2', [[2, 3]], (a) => a.pow(2)),
  ],
  maximum: binary(T.maximum),
  minimum: binary(T.minimum),
  equal: binary((a, b) => T.equal(a.greater(0), b.greater(0)), fwd),
  notEqual: binary((a, b) => T.notEqual(a.greater(0), b.greater(0)), fwd),
  less: binary(T.less, fwd),
  lessEqual: binary(T.lessEqual, fwd),
  greater: binary(T.greater, fwd),
  greaterEqual: binary(T.greaterEqual, fwd),
  logicalAnd: binary((a, b) => T.logicalAnd(a.greater(0), b.greater(0)), fwd),
  logicalOr: binary((a, b) => T.logicalOr(a.greater(0), b.greater(0)), fwd),
  logicalXor: binary((a, b) => T.logicalXor(a.greater(0), b.greater(0)), fwd),
  where: [
    c(
      'broadcast cond [3,1], a [3,4], b [4]',
      [[3, 1], [3, 4], [4]],
      (cond, a, b) => T.where(cond.greater(0), a, b),
      {
        grad: [1, 2],
      },
    ),
    c(
      'scalar branch',
      [
        [2, 3],
        [2, 3],
      ],
      (cond, a) => T.where(cond.greater(0), a, 0),
      { grad: [1] },
    ),
  ],
  cast: [
    c('to float32 and back', [[3, 4]], (x) => x.cast('float32').cast(x.dtype), {
      eps: 1e-2,
      atol: 1e-4,
    }),
    c('to int32', [[3, 4]], (x) => x.mul(3).cast('int32'), fwd),
    c('to bool', [[3, 4]], (x) => x.greater(0).cast('float32'), fwd),
  ],
  sum: [
    c('all', [[3, 4]], (x) => T.sum(x)),
    c('axis 1 keepDims', [[3, 4]], (x) => T.sum(x, 1, true)),
    c('axes [0, 2]', [[2, 3, 4]], (x) => T.sum(x, [0, 2])),
    c('axis -1 of [2,3,4]', [[2, 3, 4]], (x) => T.sum(x, -1)),
  ],
  prod: [
    c('all', [[2, 3]], (x) => T.prod(x), { domain: pos }),
    c('axis 0', [[3, 4]], (x) => T.prod(x, 0), { domain: pos }),
    c('with zeros', [[3, 4]], (x) =>
      T.prod(
        x.mul(
          T.tensor(
            [
              [1, 0, 1, 0],
              [1, 1, 1, 0],
              [1, 1, 1, 1],
            ],
            { dtype: x.dtype },
          ),
        ),
        1,
      ),
    ),
  ],
  max: [
    c('all', [[3, 4]], (x) => T.max(x)),
    c('axis 1 keepDims', [[3, 4]], (x) => T.max(x, 1, true)),
    c('axes [0, 2]', [[2, 3, 4]], (x) => T.max(x, [0, 2])),
  ],
  min: [c('all', [[3, 4]], (x) => T.min(x)), c('axis 0', [[3, 4]], (x) => T.min(x, 0))],
  argmax: [
    c('flat', [[3, 4]], (x) => T.argmax(x), fwd),
    c('axis 1', [[2, 3, 4]], (x) => T.argmax(x, 1), fwd),
  ],
  argmin: [
    c('flat', [[3, 4]], (x) => T.argmin(x), fwd),
    c('axis 0', [[3, 4]], (x) => T.argmin(x, 0, true), fwd),
  ],
  mean: [c('all', [[3, 4]], (x) => T.mean(x)), c('axis 0', [[3, 4]], (x) => T.mean(x, 0))],
  var: [
    c('all', [[3, 4]], (x) => T.variance(x)),
    c('axis 1 unbiased', [[3, 4]], (x) => T.variance(x, 1, false, 1)),
  ],
  std: [
    c('all', [[3, 4]], (x) => T.std(x)),
    c('axis 0 keepDims', [[3, 4]], (x) => T.std(x, 0, true)),
  ],
  logsumexp: [
    c('all', [[3, 4]], (x) => T.logsumexp(x)),
    c('axis 1', [[3, 4]], (x) => T.logsumexp(x.mul(10), 1)),
  ],
  matmul: [
    c(
      '[3,4] @ [4,5]',
      [
        [3, 4],
        [4, 5],
      ],
      T.matmul,
    ),
    c(
      'batched [2,3,4] @ [4,5]',
      [
        [2, 3, 4],
        [4, 5],
      ],
      T.matmul,
    ),
    c(
      'broadcast batch [2,1,3,4] @ [3,4,2]',
      [
        [2, 1, 3, 4],
        [3, 4, 2],
      ],
      T.matmul,
    ),
    c('vector [4] @ [4,5]', [[4], [4, 5]], T.matmul),
    c('[3,4] @ vector [4]', [[3, 4], [4]], T.matmul),
  ],
  reshape: [c('[3,4] -> [2,-1]', [[3, 4]], (x) => x.reshape([2, -1]).mul(x.reshape([2, 6])))],
  transpose: [
    c('default', [[3, 4]], (x) => x.transpose()),
    c('perm [2,0,1]', [[2, 3, 4]], (x) => x.transpose([2, 0, 1])),
  ],
  slice: [
    c('[1,1] size [2,3]', [[4, 5]], (x) => x.slice([1, 1], [2, 3])),
    c('to end', [[4, 5]], (x) => x.slice([2], [-1])),
  ],
  concat: [
    c(
      'axis 1',
      [
        [2, 3],
        [2, 1],
        [2, 2],
      ],
      (a, b, d) => T.concat([a, b, d], 1),
    ),
    c(
      'axis 0',
      [
        [1, 3],
        [2, 3],
      ],
      (a, b) => T.concat([a, b]),
    ),
  ],
  pad: [
    c('[[1,0],[0,2]] value 0.5', [[2, 3]], (x) =>
      x.pad(
        [
          [1, 0],
          [0, 2],
        ],
        0.5,
      ),
    ),
  ],
  tile: [c('[2,3] reps [2,1,2]', [[2, 3]], (x) => x.tile([2, 1, 2]))],
  broadcastTo: [c('[3,1] -> [2,3,4]', [[3, 1]], (x) => x.broadcastTo([2, 3, 4]))],
  permute: [c('(1, 0, 2)', [[2, 3, 4]], (x) => x.permute(1, 0, 2))],
  flatten: [
    c('all', [[2, 3, 4]], (x) => x.flatten()),
    c('axes 1..2', [[2, 3, 4]], (x) => x.flatten(1)),
  ],
  expandDims: [c('axis 1', [[2, 3]], (x) => x.expandDims(1).mul(x.expandDims(-1)))],
  squeeze: [
    c('all', [[2, 1, 3, 1]], (x) => x.squeeze()),
    c('axis 1', [[2, 1, 3, 1]], (x) => x.squeeze(1)),
  ],
  stack: [
    c(
      'axis 1',
      [
        [2, 3],
        [2, 3],
      ],
      (a, b) => T.stack([a, b], 1),
    ),
  ],
  split: [
    c('sizes [1, 3] on axis 1 (second part)', [[2, 4]], (x) => T.split(x, [1, 3], 1)[1] as Tensor),
    c('2 equal parts', [[4, 3]], (x) => T.split(x, 2)[0] as Tensor),
  ],
  gather: [
    c('rows', [[4, 3]], (x) => x.gather(idx([2, 0, 2, -1]))),
    c('axis 1, 2-D indices', [[2, 4]], (x) => x.gather(idx([0, 3, 1, 1], [2, 2]), 1)),
  ],
  scatterAdd: [
    c(
      'rows with duplicates',
      [
        [4, 3],
        [3, 3],
      ],
      (x, u) => x.scatterAdd(idx([0, 2, 0]), u),
    ),
    c(
      'axis 1',
      [
        [2, 3],
        [2, 2],
      ],
      (x, u) => x.scatterAdd(idx([2, 2]), u, 1),
    ),
  ],
  oneHot: [c('depth 4', [], () => T.oneHot(idx([0, 3, 1, 5]), 4), fwd)],
  softmax: [
    c('last axis', [[3, 4]], (x) => T.softmax(x.mul(3))),
    c('axis 0', [[3, 4]], (x) => T.softmax(x, 0)),
  ],
  logSoftmax: [
    c('last axis', [[3, 4]], (x) => T.logSoftmax(x.mul(3))),
    c('axis 0', [[3, 4]], (x) => T.logSoftmax(x, 0)),
  ],
  conv2d: [
    c(
      'stride 2, padding 1, groups 2',
      [
        [2, 4, 5, 5],
        [6, 2, 3, 3],
      ],
      (x, w) => T.conv2d(x, w, { stride: 2, padding: 1, groups: 2 }),
    ),
    c("dilation 2, padding 'same', bias", [[1, 2, 6, 6], [3, 2, 3, 3], [3]], (x, w, b) =>
      T.conv2d(x, w, { dilation: 2, padding: 'same', bias: b }),
    ),
    c(
      '1x1 valid, non-square',
      [
        [2, 3, 4, 3],
        [2, 3, 1, 2],
      ],
      (x, w) => T.conv2d(x, w),
    ),
  ],
  maxPool2d: [
    c('2x2 stride 2', [[2, 2, 4, 4]], (x) => T.maxPool2d(x, { kernelSize: 2 })),
    c('3x3 stride 2 padding 1', [[1, 2, 5, 5]], (x) =>
      T.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
    ),
  ],
  avgPool2d: [
    c('2x2 stride 2', [[2, 2, 4, 4]], (x) => T.avgPool2d(x, { kernelSize: 2 })),
    c('3x3 stride 1 padding 1', [[1, 2, 4, 5]], (x) =>
      T.avgPool2d(x, { kernelSize: [3, 3], stride: 1, padding: 1 }),
    ),
  ],
}

// Odd, larger sizes: SIMD kernels have main and remainder loops; these reach both.
const big = { large: true }
const extra: Record<string, OpCase[]> = {
  add: [
    c('large [37, 29] + [29]', [[37, 29], [29]], T.add, big),
    c('large same shape [1031]', [[1031], [1031]], T.add, big),
  ],
  sub: [
    c(
      'large [37, 29] - [37, 29]',
      [
        [37, 29],
        [37, 29],
      ],
      T.sub,
      big,
    ),
  ],
  mul: [c('large [37, 29] * scalar', [[37, 29]], (a) => a.mul(1.7), big)],
  div: [c('large [37, 29] / [29]', [[37, 29], [29]], T.div, { ...big, domain: [[-2, 2], pos] })],
  relu: [c('large [1031]', [[1031]], T.relu, big)],
  sqrt: [c('large [1031]', [[1031]], T.sqrt, { ...big, domain: pos })],
  sum: [
    c('large all [67, 33]', [[67, 33]], (x) => T.sum(x), big),
    c('large axis 0 [67, 33]', [[67, 33]], (x) => T.sum(x, 0), big),
    c('large axis 1 [67, 33]', [[67, 33]], (x) => T.sum(x, 1), big),
  ],
  matmul: [
    c(
      'large [33, 65] @ [65, 17]',
      [
        [33, 65],
        [65, 17],
      ],
      T.matmul,
      big,
    ),
    c(
      'large batched [3, 17, 9] @ [3, 9, 31]',
      [
        [3, 17, 9],
        [3, 9, 31],
      ],
      T.matmul,
      big,
    ),
    c(
      'large [1, 129] @ [129, 67] (one row)',
      [
        [1, 129],
        [129, 67],
      ],
      T.matmul,
      big,
    ),
  ],
  conv2d: [
    c(
      'large [2, 3, 17, 13] * [5, 3, 3, 3] stride 1 pad 1',
      [
        [2, 3, 17, 13],
        [5, 3, 3, 3],
      ],
      (x, w) => T.conv2d(x, w, { padding: 1 }),
      big,
    ),
  ],
}
for (const [op, cases] of Object.entries(extra)) OP_CASES[op]?.push(...cases)

// Integer variants (the values are truncated to -1, 0, 1): kernels that accelerate float32 only
// must hand these to a correct integer path.
const intCases: Record<string, OpCase[]> = {
  add: [c('int32 broadcast [37, 29] + [29]', [[37, 29], [29]], T.add, { int32: true, grad: [] })],
  mul: [
    c(
      'int32 [3, 4] * [3, 4]',
      [
        [3, 4],
        [3, 4],
      ],
      T.mul,
      { int32: true, grad: [] },
    ),
  ],
  maximum: [c('int32 [3, 4] & [4]', [[3, 4], [4]], T.maximum, { int32: true, grad: [] })],
  sum: [c('int32 axis 1', [[5, 7]], (x) => T.sum(x, 1), { int32: true, grad: [] })],
  max: [c('int32 all', [[5, 7]], (x) => T.max(x), { int32: true, grad: [] })],
  argmax: [c('int32 axis 0', [[5, 7]], (x) => T.argmax(x, 0), { int32: true, grad: [] })],
  matmul: [
    c(
      'int32 [5, 7] @ [7, 3]',
      [
        [5, 7],
        [7, 3],
      ],
      T.matmul,
      { int32: true, grad: [] },
    ),
  ],
  relu: [c('int32 [1031]', [[1031]], T.relu, { int32: true, grad: [] })],
  gather: [c('int32 rows', [[4, 3]], (x) => x.gather(idx([3, 1])), { int32: true, grad: [] })],
}
for (const [op, cases] of Object.entries(intCases)) OP_CASES[op]?.push(...cases)
