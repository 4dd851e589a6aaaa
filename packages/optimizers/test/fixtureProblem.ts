// The fixed problem of fixtures/optimizers.json, with its gradient written out by hand in
// float64 so optimizer parity does not depend on any autograd:
//   h = tanh(X w1^T + b1); pred = h w2 + b2; loss = mean((pred - Y)^2) + 0.5 (b2 - 0.3)^2
import fixture from '../fixtures/optimizers.json' with { type: 'json' }

export type Names = 'w1' | 'b1' | 'w2' | 'b2'
export const ORDER: Names[] = ['w1', 'b1', 'w2', 'b2']
export const problem = fixture.problem
export const cases = fixture.cases

export interface Params {
  w1: Float64Array
  b1: Float64Array
  w2: Float64Array
  b2: Float64Array
}

/** Writes the gradient of the loss at `p` into `g` and returns the loss. */
export function lossAndGrad(p: Params, g: Params): number {
  const { N, D, H } = problem
  const X = problem.X
  const Y = problem.Y
  for (const k of ORDER) g[k].fill(0)
  const h = new Float64Array(H)
  let loss = 0
  for (let n = 0; n < N; n++) {
    let pred = p.b2[0]
    for (let j = 0; j < H; j++) {
      let z = p.b1[j]
      for (let d = 0; d < D; d++) z += X[n * D + d] * p.w1[j * D + d]
      h[j] = Math.tanh(z)
      pred += h[j] * p.w2[j]
    }
    const r = pred - Y[n]
    loss += (r * r) / N
    const dpred = (2 * r) / N
    g.b2[0] += dpred
    for (let j = 0; j < H; j++) {
      g.w2[j] += dpred * h[j]
      const dz = dpred * p.w2[j] * (1 - h[j] * h[j])
      g.b1[j] += dz
      for (let d = 0; d < D; d++) g.w1[j * D + d] += dz * X[n * D + d]
    }
  }
  const c = p.b2[0] - 0.3
  g.b2[0] += c
  return loss + 0.5 * c * c
}

export function initParams(): Params {
  const i = problem.init
  return {
    w1: Float64Array.from(i.w1),
    b1: Float64Array.from(i.b1),
    w2: Float64Array.from(i.w2),
    b2: Float64Array.from(i.b2),
  }
}

export function zeroParams(): Params {
  const i = problem.init
  return {
    w1: new Float64Array(i.w1.length),
    b1: new Float64Array(i.b1.length),
    w2: new Float64Array(i.w2.length),
    b2: new Float64Array(i.b2.length),
  }
}

/** Largest |a - b| / max(|b|, floor) over all entries. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY
  let worst = 0
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor)
    if (!(e <= worst)) worst = e
  }
  return worst
}
