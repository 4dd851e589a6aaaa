/**
 * The linear classifiers' raw scores `X coefᵀ + intercept` (rows × k, row-major) on the
 * WebAssembly kernel (internal/wasm/sqDistWat.ts, affineRows): bit-identical to linearScores,
 * which it falls back to where the kernels are unavailable. An array of rows is copied straight
 * into kernel memory; a non-finite input shows as a non-finite score, and only then is the input
 * validated in full (which names the bad value).
 */
import { linearScores } from '../../internal/linearModel.js'
import { type Dense, type MatrixLike, toDenseFitted } from '../../internal/validation.js'
import { copyRowsInto, denseKernels } from '../../internal/wasm/DenseKernels.js'

interface Transposed {
  kp: number
  /** nFeatures × kp weights and kp intercepts (zero padding when k is odd). */
  WT: Float64Array
  bias: Float64Array
}

const transposedCache = new WeakMap<Float64Array, Transposed>()

function transposed(coef: Float64Array, intercept: Float64Array, d: number): Transposed {
  let t = transposedCache.get(coef)
  if (t !== undefined) return t
  const k = coef.length / d
  const kp = k + (k & 1)
  const WT = new Float64Array(d * kp)
  for (let r = 0; r < k; r++) for (let j = 0; j < d; j++) WT[j * kp + r] = coef[r * d + j] as number
  const bias = new Float64Array(kp)
  bias.set(intercept)
  t = { kp, WT, bias }
  transposedCache.set(coef, t)
  return t
}

/** linearScores with the same arguments and results, on the WebAssembly kernel when available. */
export function classifierScores(
  X: MatrixLike,
  nFeatures: number,
  coef: Float64Array,
  intercept: Float64Array,
  api: string,
): Dense {
  const kern = denseKernels()
  if (kern === null) return linearScores(X, nFeatures, coef, intercept, api)
  const d = nFeatures
  const k = coef.length / d
  const rows = Array.isArray(X) ? X.length : 0
  const Q = rows > 0 ? null : toDenseFitted(X, d, api)
  const n = Q === null ? rows : Q.rows
  const { kp, WT, bias } = transposed(coef, intercept, d)
  // Layout (bytes): Wᵀ, bias, X, scores; kp is even, so every block stays 16-aligned.
  const aB = d * kp * 8
  const aX = aB + kp * 8
  const aZ = (aX + n * d * 8 + 15) & ~15
  const mem = kern.reserve(aZ + n * kp * 8)
  if (mem === null) return linearScores(X, d, coef, intercept, api)
  if (Q !== null) mem.set(Q.data, aX / 8)
  else if (copyRowsInto(X, d, mem, aX / 8) !== n) return linearScores(X, d, coef, intercept, api)
  mem.set(WT, 0)
  mem.set(bias, aB / 8)
  kern.ex.affineRows(aX, n, d, 0, aB, kp, aZ)
  const out = new Float64Array(n * k)
  const zb = aZ / 8
  let finite = true
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) {
      const v = mem[zb + i * kp + r] as number
      out[i * k + r] = v
      if (!Number.isFinite(v)) finite = false
    }
  }
  if (!finite && Q === null) toDenseFitted(X, d, api)
  return { data: out, rows: n, cols: k }
}
