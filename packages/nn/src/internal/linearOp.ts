/**
 * The Dense layer's forward/backward as one autograd node: `y = act(x · W + b)` with act
 * identity or ReLU. Written with core's `customGrad` so the backward computes only what is
 * needed: the input gradient `dY · Wᵀ` is skipped when x does not require grad (the first
 * layer of a model, whose input is data). For the 784-64 first layer of the seed MLP that
 * GEMM is as large as the forward one, so this is ~20 % of a batch-32 training step; it also
 * replaces three graph nodes (matmul, add, relu) by one, and the forward is core's fused
 * `linear` kernel (one dispatch instead of three).
 */
import { customGrad, isGradEnabled, runOp, type Tensor } from '@mlstack/core'

/** The op's attributes, shared (kernels only read them): no object per call. */
const RELU = { relu: true }
const IDENTITY = { relu: false }

function linearImpl(relu: boolean, hasBias: boolean) {
  return customGrad((...inputs: Tensor[]) => {
    const [x, w] = inputs
    // The forward runs without grad: core's fused kernel (GEMM, then bias and ReLU in one pass).
    const out = runOp('linear', inputs, relu ? RELU : IDENTITY)
    return { value: out, save: relu ? [x, w, out] : [x, w], grad: backward }

    function backward(dy: Tensor, saved: readonly Tensor[]): (Tensor | null)[] {
      const [sx, sw, sout] = saved
      const dz = relu ? runOp('unaryGrad', [dy, sout, sout], { op: 'relu' }) : dy
      const dw = runOp('matmul', [sx, dz], { transA: true, transB: false })
      const dx = x.requiresGrad ? runOp('matmul', [dz, sw], { transA: false, transB: true }) : null
      const grads: (Tensor | null)[] = [dx, dw]
      if (hasBias) grads.push(dz.sum(0))
      if (dz !== dy) dz.dispose()
      return grads
    }
  })
}

const IMPLS = [
  linearImpl(false, false),
  linearImpl(false, true),
  linearImpl(true, false),
  linearImpl(true, true),
]

/** `relu?(x · w + b)` for x [n, in], w [in, out], b [out] | null, as one autograd node. */
export function linear(x: Tensor, w: Tensor, b: Tensor | null, relu: boolean): Tensor {
  const inputs = b === null ? [x, w] : [x, w, b]
  // Inference: the fused kernel alone, no graph node or closures (batch-1 serving is
  // dispatch-bound).
  if (!isGradEnabled()) return runOp('linear', inputs, relu ? RELU : IDENTITY)
  return IMPLS[(relu ? 2 : 0) + (b === null ? 0 : 1)](...inputs)
}
