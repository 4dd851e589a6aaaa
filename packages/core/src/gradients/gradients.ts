/**
 * The gradient rules: one per differentiable primitive, all in this file. Each rule gets the
 * upstream gradient, the values it saved and the op's attrs, and returns one gradient per
 * input, reduced over broadcast axes to the input's shape. Rules run with recording off.
 */

import { UNARY } from '../backends/cpu/ts/elementwise.js'
import { runOp } from '../engine/engine.js'
import { registerGradient } from '../engine/registry.js'
import { broadcastedAxes, shapesEqual } from '../internal/shape.js'
import { zeros } from '../ops/creation.js'
import { castTo, where } from '../ops/elementwise.js'
import { matmulT } from '../ops/linalg.js'
import type { Tensor } from '../tensor/Tensor.js'

type Shape = readonly number[]

/** Sums `g` over the axes along which an input of `shape` was broadcast. */
function unbroadcast(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g.detach()
  const axes = broadcastedAxes(shape, g.shape)
  return g.sum(axes, true).reshape(shape)
}

const keepShape = (shape: Shape, axes: readonly number[]) =>
  shape.map((d, i) => (axes.includes(i) ? 1 : d))
const none = () => []

// Unary ops share one fused backward kernel: dx = dy · f'(x, y).
for (const [op, [, deriv]] of Object.entries(UNARY)) {
  if (deriv === null) continue
  if (op === 'clone') continue
  registerGradient({
    op,
    save: (inputs, out) => [inputs[0], out],
    grad: (dy, [x, y], attrs) => [runOp('unaryGrad', [dy, x, y], { ...attrs, op })],
  })
}

registerGradient({ op: 'clone', save: none, grad: (dy) => [dy.detach()] })

// Binary ops: each side's gradient (and its broadcast reduction) only when that side needs it.
registerGradient({
  op: 'add',
  save: none,
  grad: (dy, _s, _a, [a, b], [na, nb]) => [
    na ? unbroadcast(dy, a.shape) : null,
    nb ? unbroadcast(dy, b.shape) : null,
  ],
})
registerGradient({
  op: 'sub',
  save: none,
  grad: (dy, _s, _a, [a, b], [na, nb]) => [
    na ? unbroadcast(dy, a.shape) : null,
    nb ? unbroadcast(dy.neg(), b.shape) : null,
  ],
})
registerGradient({
  op: 'mul',
  grad: (dy, [a, b], _a, _i, [na, nb]) => [
    na ? unbroadcast(dy.mul(b), a.shape) : null,
    nb ? unbroadcast(dy.mul(a), b.shape) : null,
  ],
})
registerGradient({
  op: 'div',
  grad: (dy, [a, b], _a, _i, [na, nb]) => [
    na ? unbroadcast(dy.div(b), a.shape) : null,
    nb ? unbroadcast(dy.mul(a).div(b.square()).neg(), b.shape) : null,
  ],
})
registerGradient({
  op: 'pow',
  save: (inputs, out) => [inputs[0], inputs[1], out],
  grad: (dy, [a, b, y], _a, _i, [na, nb]) => [
    na ? unbroadcast(dy.mul(b).mul(a.pow(b.sub(1))), a.shape) : null,
    // d/db a^b = a^b·log(a); taken as 0 at a = 0 (as PyTorch) instead of 0·(−inf) = NaN.
    nb ? unbroadcast(dy.mul(where(a.equal(0), 0, y.mul(a.log()))), b.shape) : null,
  ],
})
registerGradient({
  op: 'maximum',
  grad: (dy, [a, b], _a, _i, [na, nb]) => {
    const m = a.greaterEqual(b)
    return [
      na ? unbroadcast(where(m, dy, 0), a.shape) : null,
      nb ? unbroadcast(where(m, 0, dy), b.shape) : null,
    ]
  },
})
registerGradient({
  op: 'minimum',
  grad: (dy, [a, b], _a, _i, [na, nb]) => {
    const m = a.lessEqual(b)
    return [
      na ? unbroadcast(where(m, dy, 0), a.shape) : null,
      nb ? unbroadcast(where(m, 0, dy), b.shape) : null,
    ]
  },
})
registerGradient({
  op: 'where',
  save: (inputs) => [inputs[0]],
  grad: (dy, [c], _a, [, a, b], [, na, nb]) => [
    null,
    na ? unbroadcast(where(c, dy, 0), a.shape) : null,
    nb ? unbroadcast(where(c, 0, dy), b.shape) : null,
  ],
})
registerGradient({
  op: 'cast',
  save: none,
  grad: (dy, _s, _a, [x]) => [
    x.dtype === 'float32' || x.dtype === 'float64' ? castTo(dy, x.dtype) : null,
  ],
})

// Reductions.
registerGradient({
  op: 'sum',
  save: none,
  grad: (dy, _s, attrs: { axes: number[] }, [x]) => [
    dy.reshape(keepShape(x.shape, attrs.axes)).broadcastTo(x.shape),
  ],
})
registerGradient({
  op: 'prod',
  save: (inputs) => [inputs[0]],
  // d/dx_i = product of the others, computed without dividing by zero: with no zero in the
  // slice it is prod/x_i; with one zero only that position gets the product of the rest.
  grad: (dy, [x], attrs: { axes: number[] }) => {
    const k = keepShape(x.shape, attrs.axes)
    const isZero = x.equal(0)
    const safe = where(isZero, 1, x)
    const prodNonZero = safe.prod(attrs.axes, true)
    const zeros = castTo(isZero, 'int32').sum(attrs.axes, true)
    const others = where(
      zeros.equal(0),
      prodNonZero.div(safe),
      where(zeros.equal(1).logicalAnd(isZero), prodNonZero, 0),
    )
    return [dy.reshape(k).mul(others)]
  },
})
for (const op of ['max', 'min']) {
  registerGradient({
    op,
    save: (inputs, out) => [inputs[0], out],
    // The gradient is shared equally among tied extremes (as PyTorch's amax/amin).
    grad: (dy, [x, y], attrs: { axes: number[] }) => {
      const k = keepShape(x.shape, attrs.axes)
      const mask = castTo(x.equal(y.reshape(k)), dy.dtype)
      const n = mask.sum(attrs.axes, true)
      return [mask.mul(dy.reshape(k).div(n))]
    },
  })
}

registerGradient({
  op: 'matmul',
  // dA is a GEMM as large as the forward one: skipped for data inputs (an MLP's first layer).
  grad: (dy, [a, b], attrs: { transA: boolean; transB: boolean }, _i, [na, nb]) => {
    const { transA: ta, transB: tb } = attrs
    const da = na ? (ta ? matmulT(b, dy, tb, true) : matmulT(dy, b, false, !tb)) : null
    const db = nb ? (tb ? matmulT(dy, a, true, ta) : matmulT(a, dy, !ta, false)) : null
    return [
      da === null ? null : unbroadcast(da, a.shape),
      db === null ? null : unbroadcast(db, b.shape),
    ]
  },
})

// Movement.
registerGradient({ op: 'reshape', save: none, grad: (dy, _s, _a, [x]) => [dy.reshape(x.shape)] })
registerGradient({
  op: 'transpose',
  save: none,
  grad: (dy, _s, attrs: { perm: number[] }) => {
    const inv = new Array<number>(attrs.perm.length)
    attrs.perm.forEach((p, i) => {
      inv[p] = i
    })
    return [dy.transpose(inv)]
  },
})
registerGradient({
  op: 'slice',
  save: none,
  grad: (dy, _s, attrs: { begin: number[]; size: number[] }, [x]) => [
    dy.pad(
      x.shape.map(
        (d, i) => [attrs.begin[i], d - attrs.begin[i] - attrs.size[i]] as [number, number],
      ),
    ),
  ],
})
registerGradient({
  op: 'concat',
  save: none,
  grad: (dy, _s, attrs: { axis: number }, inputs, needs) => {
    // One slice per needed input; a run of unneeded inputs is never copied out.
    const out: (Tensor | null)[] = []
    let begin = 0
    for (let i = 0; i < inputs.length; i++) {
      const shape = inputs[i].shape
      if (needs[i]) {
        const start = shape.map((_, k) => (k === attrs.axis ? begin : 0))
        out.push(dy.slice(start, shape))
      } else out.push(null)
      begin += shape[attrs.axis]
    }
    return out
  },
})
registerGradient({
  op: 'pad',
  save: none,
  grad: (dy, _s, attrs: { paddings: [number, number][] }, [x]) => [
    dy.slice(
      attrs.paddings.map((p) => p[0]),
      x.shape,
    ),
  ],
})
registerGradient({
  op: 'tile',
  save: none,
  grad: (dy, _s, attrs: { reps: number[] }, [x]) => {
    const big: number[] = []
    const axes: number[] = []
    attrs.reps.forEach((r, i) => {
      axes.push(big.length)
      big.push(r, x.shape[i])
    })
    return [dy.reshape(big).sum(axes).reshape(x.shape)]
  },
})
registerGradient({
  op: 'broadcastTo',
  save: none,
  grad: (dy, _s, _a, [x]) => [unbroadcast(dy, x.shape)],
})

// Indexing.
registerGradient({
  op: 'gather',
  save: (inputs) => [inputs[1]],
  grad: (dy, [idx], attrs: { axis: number }, [x]) => [
    zeros(x.shape, { dtype: dy.dtype }).scatterAdd(idx, dy, attrs.axis),
    null,
  ],
})
registerGradient({
  op: 'scatterAdd',
  save: (inputs) => [inputs[1]],
  grad: (dy, [idx], attrs: { axis: number }, _i, [nx, , nsrc]) => [
    nx ? dy.detach() : null,
    null,
    nsrc ? dy.gather(idx, attrs.axis) : null,
  ],
})

// Convolution and pooling: dedicated backward kernels.
registerGradient({
  op: 'conv2d',
  // dx is skipped for a first conv layer (data input): it costs as much as the forward conv.
  grad: (dy, [x, w], attrs, _i, [nx, nw]) => [
    nx ? runOp('conv2dBackpropInput', [dy, w], { ...attrs, inputShape: x.shape }) : null,
    nw ? runOp('conv2dBackpropFilter', [x, dy], { ...attrs, filterShape: w.shape }) : null,
  ],
})
registerGradient({
  op: 'maxPool2d',
  grad: (dy, [x], attrs) => [runOp('maxPool2dBackward', [dy, x], attrs)],
})
registerGradient({
  op: 'avgPool2d',
  save: none,
  grad: (dy, _s, attrs, [x]) => [
    runOp('avgPool2dBackward', [dy], { ...attrs, inputShape: x.shape }),
  ],
})

registerGradient({
  op: 'softmax',
  save: (_inputs, out) => [out],
  grad: (dy, [y], attrs) => [runOp('softmaxGrad', [dy, y], attrs)],
})
registerGradient({
  op: 'logSoftmax',
  save: (_inputs, out) => [out],
  grad: (dy, [y], attrs) => [runOp('logSoftmaxGrad', [dy, y], attrs)],
})
