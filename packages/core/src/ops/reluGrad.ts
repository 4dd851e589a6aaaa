/** The backward of relu as one fused kernel, for hand-written gradients (customGrad, layers). */

import { isFloat } from '../dtype.js'
import { ENGINE, runOp, tidy } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { fmt, shapesEqual } from '../internal/shape.js'
import type { Tensor } from '../tensor/Tensor.js'
import { where } from './elementwise.js'

/**
 * `dy · relu'(y)`: the upstream gradient where the relu's output (or, equivalently, its
 * input) is positive, 0 elsewhere. One kernel instead of `where(y.greater(0), dy, 0)`'s two.
 * When recording and an input requires grad, it runs as that composite so it stays
 * differentiable in `dy`.
 *
 * @example
 * const y = relu(z)
 * const dz = reluGrad(dy, y) // = dy · (z > 0)
 */
export function reluGrad(dy: Tensor, y: Tensor): Tensor {
  const op = 'reluGrad'
  dy.check(op)
  y.check(op)
  if (!shapesEqual(dy.shape, y.shape)) {
    throw new ShapeError(
      op,
      `dy ${fmt(dy.shape)} and y ${fmt(y.shape)} must have the same shape (no broadcasting)`,
    )
  }
  if (!isFloat(dy.dtype) || dy.dtype !== y.dtype) {
    throw new DTypeError(
      op,
      `expected float tensors of one dtype, got dy ${dy.dtype} and y ${y.dtype}`,
    )
  }
  if (ENGINE.gradEnabled && (dy.requiresGrad || y.requiresGrad)) {
    return tidy(() => where(y.greater(0), dy, 0))
  }
  // The relu derivative only tests the sign, and relu(x) > 0 exactly where x > 0.
  return runOp('unaryGrad', [dy, y, y], { op: 'relu' })
}
