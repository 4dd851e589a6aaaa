/**
 * Neural-network ops: softmax and logSoftmax (fused, stable), conv2d and 2-D pooling, all
 * primitives with dedicated backward kernels.
 */
import type { ConvAttrs, PoolAttrs } from '../backends/cpu/ts/conv.js'
import { isFloat } from '../dtype.js'
import { runOp, tidy } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { fmt, normAxis } from '../internal/shape.js'
import type { Tensor } from '../tensor/Tensor.js'
import type { Conv2dOptions, Pool2dOptions } from './types.js'

/**
 * exp(x) / sum(exp(x)) along `axis` (default last), computed stably (max subtracted). A fused
 * primitive: one kernel forward, one backward.
 *
 * @example
 * logits.softmax()
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  x.check('softmax')
  if (!isFloat(x.dtype)) throw new DTypeError('softmax', `expected a float tensor, got ${x.dtype}`)
  if (x.rank === 0) throw new ShapeError('softmax', 'expected a tensor of rank >= 1, got a scalar')
  return runOp('softmax', [x], { axis: normAxis('softmax', axis, x.rank) })
}

/**
 * log(softmax(x)) = x − logsumexp(x) along `axis` (default last), computed stably; the input of
 * a cross-entropy loss.
 *
 * @example
 * logits.logSoftmax().mul(oneHotLabels).sum(-1).neg().mean()
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  x.check('logSoftmax')
  if (!isFloat(x.dtype))
    throw new DTypeError('logSoftmax', `expected a float tensor, got ${x.dtype}`)
  if (x.rank === 0)
    throw new ShapeError('logSoftmax', 'expected a tensor of rank >= 1, got a scalar')
  return runOp('logSoftmax', [x], { axis: normAxis('logSoftmax', axis, x.rank) })
}

function pair(
  op: string,
  name: string,
  v: number | readonly number[] | undefined,
  def: number,
): [number, number] {
  const p = v === undefined ? [def, def] : typeof v === 'number' ? [v, v] : [v[0], v[1]]
  if (p.length !== 2 || p.some((n) => n === undefined || !Number.isInteger(n) || n < 0)) {
    throw new ShapeError(
      op,
      `${name} must be a non-negative integer or a pair of them, got ${JSON.stringify(v)}`,
    )
  }
  return p as [number, number]
}

function check4d(op: string, x: Tensor, what: string): void {
  x.check(op)
  if (x.rank !== 4)
    throw new ShapeError(op, `expected ${what} of rank 4 (NCHW), got shape ${fmt(x.shape)}`)
  if (!isFloat(x.dtype)) throw new DTypeError(op, `expected a float tensor, got ${x.dtype}`)
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with w [O, C/groups, kH, kW].
 *
 * @example
 * conv2d(x, w, { stride: 1, padding: 1 })          // 'same' size for 3×3
 * conv2d(x, w, { padding: 'same', dilation: 2, bias: b })
 */
export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  const op = 'conv2d'
  check4d(op, x, 'input')
  check4d(op, w, 'weight')
  const groups = options.groups ?? 1
  const [, C, H, W] = x.shape
  const [O, Cg, KH, KW] = w.shape
  if (!Number.isInteger(groups) || groups < 1 || C % groups !== 0 || O % groups !== 0) {
    throw new ShapeError(
      op,
      `groups=${groups} must divide both input channels ${C} and output channels ${O}`,
    )
  }
  if (Cg * groups !== C) {
    throw new ShapeError(
      op,
      `weight ${fmt(w.shape)} expects ${Cg * groups} input channels (C/groups=${Cg}), input ${fmt(x.shape)} has ${C}`,
    )
  }
  if (x.dtype !== w.dtype) throw new DTypeError(op, `input is ${x.dtype} but weight is ${w.dtype}`)
  const stride = pair(op, 'stride', options.stride, 1)
  const dilation = pair(op, 'dilation', options.dilation, 1)
  if (stride.includes(0) || dilation.includes(0))
    throw new ShapeError(op, 'stride and dilation must be >= 1')
  let pad: [number, number, number, number]
  const p = options.padding ?? 0
  if (p === 'valid') pad = [0, 0, 0, 0]
  else if (p === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1)
      throw new ShapeError(op, "padding 'same' needs stride 1")
    const th = dilation[0] * (KH - 1)
    const tw = dilation[1] * (KW - 1)
    pad = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)]
  } else if (typeof p !== 'number' && p.length === 4) {
    pad = [p[0], p[1], p[2], p[3]] as [number, number, number, number]
    if (pad.some((v) => !Number.isInteger(v) || v < 0))
      throw new ShapeError(op, `bad padding ${JSON.stringify(p)}`)
  } else {
    const [ph, pw] = pair(op, 'padding', p as number | readonly number[], 0)
    pad = [ph, ph, pw, pw]
  }
  const oh = Math.floor((H + pad[0] + pad[1] - dilation[0] * (KH - 1) - 1) / stride[0]) + 1
  const ow = Math.floor((W + pad[2] + pad[3] - dilation[1] * (KW - 1) - 1) / stride[1]) + 1
  if (oh <= 0 || ow <= 0) {
    throw new ShapeError(
      op,
      `kernel ${KH}×${KW} (dilation ${dilation.join('×')}) does not fit input ${H}×${W} with padding ${pad.join(',')}`,
    )
  }
  const attrs: ConvAttrs = { stride, pad, dilation, groups }
  const y = runOp(op, [x, w], attrs)
  if (options.bias === undefined) return y
  const b = options.bias
  if (b.rank !== 1 || b.shape[0] !== O)
    throw new ShapeError(op, `bias must have shape [${O}], got ${fmt(b.shape)}`)
  return tidy(() => {
    const out = y.add(b.reshape([1, O, 1, 1]))
    y.dispose()
    return out
  })
}

function poolAttrs(op: string, x: Tensor, options: Pool2dOptions): PoolAttrs {
  check4d(op, x, 'input')
  if (options === undefined || options.kernelSize === undefined)
    throw new ShapeError(op, 'options.kernelSize is required')
  const kernel = pair(op, 'kernelSize', options.kernelSize, 1)
  const stride = pair(op, 'stride', options.stride, 0)
  const s: [number, number] = options.stride === undefined ? kernel : stride
  const padding = pair(op, 'padding', options.padding, 0)
  if (kernel.includes(0) || s.includes(0))
    throw new ShapeError(op, 'kernelSize and stride must be >= 1')
  if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
    throw new ShapeError(
      op,
      `padding ${padding.join('×')} must be at most half the kernel ${kernel.join('×')}`,
    )
  }
  const [, , H, W] = x.shape
  if (H + 2 * padding[0] < kernel[0] || W + 2 * padding[1] < kernel[1]) {
    throw new ShapeError(
      op,
      `kernel ${kernel.join('×')} is larger than the padded input ${fmt(x.shape)}`,
    )
  }
  return { kernel, stride: s, pad: padding }
}

/** Max pooling over kH×kW windows of x [N, C, H, W]. @example x.maxPool2d({ kernelSize: 2 }) */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  return runOp('maxPool2d', [x], poolAttrs('maxPool2d', x, options))
}

/** Average pooling (zero padding counted in the mean, as PyTorch's default). */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  return runOp('avgPool2d', [x], poolAttrs('avgPool2d', x, options))
}
