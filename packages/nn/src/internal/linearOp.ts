/**
 * The Dense layer's forward/backward as one autograd node: `y = act(x · W + b)` with act
 * identity or ReLU. Written with core's `customGrad` so the backward computes only what is
 * needed: the input gradient `dY · Wᵀ` is skipped when x does not require grad (the first
 * layer of a model, whose input is data). For the 784-64 first layer of the seed MLP that
 * GEMM is as large as the forward one, so this is ~20 % of a batch-32 training step; it also
 * replaces three graph nodes (matmul, add, relu) by one.
 */
import { customGrad, hostView, isGradEnabled, runOp, type Tensor } from '@mlstack/core'

function linearImpl(relu: boolean, hasBias: boolean) {
  return customGrad((...inputs: Tensor[]) => {
    const [x, w, b] = inputs
    const z0 = x.matmul(w)
    let z = z0
    // The forward runs without grad, so z0 is a fresh graph-free tensor: small outputs get
    // bias + ReLU in one JS pass (two fewer dispatches and buffers per layer and step).
    if (z0.size <= SMALL && (hasBias || relu) && biasReluInPlace(z0, hasBias ? b : null, relu)) {
      return { value: z0, save: relu ? [x, w, z0] : [x, w], grad: backward }
    }
    if (hasBias) {
      z = z0.add(b)
      z0.dispose()
    }
    let out = z
    if (relu) {
      out = z.relu()
      z.dispose()
    }
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

/** Outputs up to this size get bias and ReLU in one JS pass instead of two op dispatches. */
const SMALL = 2048

/**
 * Adds the bias and applies ReLU in place on a fresh, graph-free CPU tensor (one loop instead
 * of two ~1 µs dispatches, which is most of a batch-1 layer). False when the storage is not
 * host-visible (another backend): the caller falls back to ops.
 */
function biasReluInPlace(z: Tensor, b: Tensor | null, relu: boolean): boolean {
  let zv: ArrayLike<number> & { [i: number]: number }
  let bv: ArrayLike<number> | null = null
  try {
    zv = hostView(z) as Float32Array
    if (b !== null) bv = hostView(b)
  } catch {
    return false
  }
  const n = z.shape[z.shape.length - 1]
  // Row by row, so the bias index needs no modulo (an integer division per element).
  for (let r = 0; r < zv.length; r += n) {
    if (bv === null) {
      for (let j = r; j < r + n; j++) if (zv[j] < 0) zv[j] = 0
    } else if (relu) {
      for (let j = 0; j < n; j++) {
        const v = zv[r + j] + bv[j]
        zv[r + j] = v < 0 ? 0 : v
      }
    } else {
      for (let j = 0; j < n; j++) zv[r + j] += bv[j]
    }
  }
  return true
}

/** `relu?(x · w + b)` for x [n, in], w [in, out], b [out] | null, as one autograd node. */
export function linear(x: Tensor, w: Tensor, b: Tensor | null, relu: boolean): Tensor {
  if (!isGradEnabled()) {
    // Inference: plain ops, no graph node or closures (batch-1 serving is dispatch-bound).
    const z0 = x.matmul(w)
    if (z0.size <= SMALL && (b !== null || relu) && biasReluInPlace(z0, b, relu)) return z0
    if (b === null) return relu ? z0.relu() : z0
    const z = z0.add(b)
    z0.dispose()
    if (!relu) return z
    const out = z.relu()
    z.dispose()
    return out
  }
  return IMPLS[(relu ? 2 : 0) + (b === null ? 0 : 1)](...(b === null ? [x, w] : [x, w, b]))
}
