/** Matrix multiplication with NumPy matmul semantics (1-D promotion, batched broadcast). */

import { isFloat, promoteTypes } from '../dtype.js'
import { runOp, tidy } from '../engine/engine.js'
import { DTypeError, ShapeError } from '../errors.js'
import { fmt } from '../internal/shape.js'
import type { Tensor } from '../tensor/Tensor.js'
import { castTo, toTensor } from './elementwise.js'

/** @internal matmul of rank ≥ 2 tensors with optional transposed operands (used by gradients). */
export function matmulT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  return runOp('matmul', [a, b], { transA, transB })
}

/** Options of `matmul`. */
export interface MatmulOptions {
  /** Use the transpose of `a`'s last two axes (`aᵀ @ b` without materialising `aᵀ`). */
  transA?: boolean
  /** Use the transpose of `b`'s last two axes (`a @ bᵀ`, e.g. `dY @ Wᵀ` in a backward pass). */
  transB?: boolean
}

/**
 * a @ b. 1-D operands are promoted (a: [1, K], b: [K, 1]) and the added axis removed; leading
 * batch dims broadcast. `transA`/`transB` transpose the last two axes of a rank ≥ 2 operand
 * inside the GEMM (no copy), so backward passes need no `transpose` op.
 *
 * @example
 * randn([32, 784]).matmul(randn([784, 64])) // [32, 64]
 * matmul(randn([8, 2, 3]), randn([3, 4]))   // [8, 2, 4]
 * matmul(x, dy, { transA: true })            // xᵀ·dy: x [32, 784], dy [32, 64] → [784, 64]
 */
export function matmul(a: Tensor, b: Tensor): Tensor
export function matmul(a: Tensor, b: Tensor, options?: MatmulOptions): Tensor
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const op = 'matmul'
  toTensor(op, a)
  toTensor(op, b)
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(
      op,
      `expected tensors of rank >= 1, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`,
    )
  }
  const ta = options.transA === true
  const tb = options.transB === true
  if ((ta && a.rank < 2) || (tb && b.rank < 2)) {
    throw new ShapeError(
      op,
      `${ta && a.rank < 2 ? `transA needs a of rank >= 2, got shape ${fmt(a.shape)}` : `transB needs b of rank >= 2, got shape ${fmt(b.shape)}`}; a 1-D operand has no axes to transpose`,
    )
  }
  const ka = a.shape[a.rank - (ta ? 2 : 1)]
  const kb = b.rank === 1 ? b.shape[0] : b.shape[b.rank - (tb ? 1 : 2)]
  if (ka !== kb) {
    const lhs = ta ? `${fmt(a.shape)}ᵀ` : fmt(a.shape)
    const rhs = tb ? `${fmt(b.shape)}ᵀ` : fmt(b.shape)
    throw new ShapeError(
      op,
      `inner dimensions differ: ${lhs} @ ${rhs} (${ka} vs ${kb}); expected a [..., M, K] @ [..., K, N]`,
    )
  }
  let dt = promoteTypes(a.dtype, b.dtype)
  if (!isFloat(dt)) {
    if (dt === 'bool')
      throw new DTypeError(op, 'bool tensors cannot be multiplied; cast them first')
    dt = 'int32'
  }
  if (a.rank >= 2 && b.rank >= 2 && a.dtype === dt && b.dtype === dt) return matmulT(a, b, ta, tb)
  return tidy(() => {
    const ac = castTo(a, dt)
    const bc = castTo(b, dt)
    const a2 = a.rank === 1 ? ac.reshape([1, ka]) : ac
    const b2 = b.rank === 1 ? bc.reshape([kb, 1]) : bc
    let out = matmulT(a2, b2, ta, tb)
    if (a.rank === 1) out = out.squeeze(-2)
    if (b.rank === 1) out = out.squeeze(-1)
    return out
  })
}
