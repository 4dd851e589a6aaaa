// Finite-difference checks of a module's parameter (and input) gradients, float64.
import { noGrad, Random, type Tensor, tensor, tidy } from '@mlstack/core'
import type { Module } from '../src/index.js'

/** Worst relative error between backward() and central differences of Σ r ⊙ f(x). */
export function moduleGradError(
  m: Module,
  x: Tensor,
  options: { wrtInput?: boolean; maxPerTensor?: number; eps?: number } = {},
): number {
  const eps = options.eps ?? 1e-6
  const maxPer = options.maxPerTensor ?? 24
  const probe = noGrad(() => tidy(() => m.call(x).detach()))
  const rng = new Random(7)
  const r = tensor(
    Array.from({ length: probe.size }, () => rng.uniform() + 0.5),
    { shape: probe.shape, dtype: 'float64' },
  )
  probe.dispose()
  const lossOf = (): number => noGrad(() => tidy(() => m.call(x).mul(r).sum().item()))
  const xin = options.wrtInput ? x.detach().requiresGrad_() : x
  m.zeroGrad()
  tidy(() => m.call(xin).mul(r).sum().backward())
  const targets: [Tensor, Tensor | null][] = m.parameters().map((p) => [p, p.grad])
  if (options.wrtInput) targets.push([xin, xin.grad])
  let worst = 0
  for (const [t, g] of targets) {
    const analytic = g === null ? new Float64Array(t.size) : g.dataSync()
    const base = Float64Array.from(t.dataSync())
    const step = Math.max(1, Math.floor(t.size / maxPer))
    for (let i = 0; i < t.size; i += step) {
      const set = (v: number) => {
        const c = Float64Array.from(base)
        c[i] = v
        noGrad(() => t.assign(tensor(c, { shape: t.shape, dtype: 'float64' })))
      }
      set(base[i] + eps)
      // Use the model on the same input handle (x for inputs is the leaf being perturbed).
      const lp = t === xin ? lossWith(m, t, r) : lossOf()
      set(base[i] - eps)
      const lm = t === xin ? lossWith(m, t, r) : lossOf()
      set(base[i])
      const numeric = (lp - lm) / (2 * eps)
      worst = Math.max(worst, Math.abs(numeric - analytic[i]) / (1e-3 + Math.abs(numeric)))
    }
  }
  return worst
}

function lossWith(m: Module, x: Tensor, r: Tensor): number {
  return noGrad(() => tidy(() => m.call(x).mul(r).sum().item()))
}
