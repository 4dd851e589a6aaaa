/**
 * Central finite-difference gradient checking: compares the gradients backward() computes
 * with (f(x + h) − f(x − h)) / 2h for every element of every input, on a random projection of
 * the output (so non-scalar outputs are checked in every component).
 */
import { noGrad } from '../autograd/autograd.js'
import { tidy } from '../engine/engine.js'
import { hostView } from '../ops/assign.js'
import { tensor } from '../ops/creation.js'
import { Random } from '../random/Random.js'
import type { Tensor } from '../tensor/Tensor.js'

export interface GradcheckOptions {
  /** Inputs to check (default all). */
  wrt?: readonly number[]
  /** Step (default 1e-6). */
  eps?: number
  /** Pass when |analytic − numeric| ≤ atol + rtol·|numeric| (defaults 1e-6, 1e-4). */
  atol?: number
  rtol?: number
}

export interface GradcheckResult {
  ok: boolean
  /** Largest violation, for messages. */
  worst: { input: number; index: number; analytic: number; numeric: number } | null
  checked: number
}

/**
 * Checks the gradients of `fn` at `inputs` (use float64 inputs). The inputs are modified
 * temporarily and restored.
 *
 * @example
 * const r = gradcheck((x) => x.tanh(), [randn([3], { dtype: 'float64' })])
 * expect(r.ok).toBe(true)
 */
export function gradcheck(
  fn: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const eps = options.eps ?? 1e-6
  const atol = options.atol ?? 1e-6
  const rtol = options.rtol ?? 1e-4
  const wrt = options.wrt ?? inputs.map((_, i) => i)
  const params = inputs.map((x, i) =>
    wrt.includes(i) ? x.detach().requiresGrad_(true) : x.detach(),
  )
  let worst: GradcheckResult['worst'] = null
  let worstExcess = 0
  let checked = 0
  try {
    const probe = noGrad(() => tidy(() => fn(...params).detach()))
    const rng = new Random(12345)
    const weights = tensor(
      Array.from({ length: probe.size }, () => rng.uniform() + 0.5),
      { dtype: 'float64', shape: probe.shape },
    )
    probe.dispose()
    const loss = (): number =>
      noGrad(() =>
        tidy(() =>
          fn(...params)
            .cast('float64')
            .mul(weights)
            .sum()
            .item(),
        ),
      )
    tidy(() => {
      const y = fn(...params)
      y.cast('float64').mul(weights).sum().backward()
    })
    for (const i of wrt) {
      const p = params[i] as Tensor
      const g = p.grad
      const analytic = g === null ? new Float64Array(p.size) : Float64Array.from(g.dataSync())
      for (let k = 0; k < p.size; k++) {
        const v = hostView(p)
        const orig = v[k]
        v[k] = orig + eps
        const fp = loss()
        hostView(p)[k] = orig - eps
        const fm = loss()
        hostView(p)[k] = orig
        const numeric = (fp - fm) / (2 * eps)
        const excess = Math.abs(analytic[k] - numeric) - (atol + rtol * Math.abs(numeric))
        checked++
        if (!(excess <= 0) && (worst === null || excess > worstExcess || Number.isNaN(excess))) {
          worstExcess = excess
          worst = { input: i, index: k, analytic: analytic[k], numeric }
        }
      }
    }
    weights.dispose()
  } finally {
    for (const p of params) p.dispose()
  }
  return { ok: worst === null, worst, checked }
}
