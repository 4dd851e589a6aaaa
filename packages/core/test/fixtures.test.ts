import { describe, expect, test } from 'vitest'
import fixtures from '../fixtures/op_fixtures.json' with { type: 'json' }
import type { Tensor } from '../src/index.js'
import * as T from '../src/index.js'

// Forward values and input gradients vs PyTorch (float64), from fixtures/make_op_fixtures.py.
interface Enc {
  shape: number[]
  dtype: 'float64' | 'int32' | 'bool'
  data: number[]
}
interface Case {
  name: string
  // biome-ignore lint/suspicious/noExplicitAny: attrs differ per op.
  attrs: any
  inputs: Enc[]
  output: Enc
  gradWeights?: Enc
  grads?: (Enc | null)[]
}

const idx = (v: number[]) => T.tensor(v, { dtype: 'int32' })
// biome-ignore lint/suspicious/noExplicitAny: attrs differ per op.
type Call = (xs: Tensor[], a: any) => Tensor
const unaryNames = [
  'neg',
  'abs',
  'sign',
  'exp',
  'log',
  'log1p',
  'sqrt',
  'rsqrt',
  'square',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'relu',
  'softplus',
  'gelu',
]
const binaryNames = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'less',
  'greaterEqual',
  'equal',
]
const CALLS: Record<string, Call> = {
  ...Object.fromEntries(
    unaryNames.map((n) => [
      n,
      (xs: Tensor[]) => (T as unknown as Record<string, (x: Tensor) => Tensor>)[n](xs[0] as Tensor),
    ]),
  ),
  ...Object.fromEntries(
    binaryNames.map((n) => [
      n,
      (xs: Tensor[]) =>
        (T as unknown as Record<string, (a: Tensor, b: Tensor) => Tensor>)[n](
          xs[0] as Tensor,
          xs[1] as Tensor,
        ),
    ]),
  ),
  leakyRelu: ([x], a) => T.leakyRelu(x as Tensor, a.alpha),
  elu: ([x], a) => T.elu(x as Tensor, a.alpha),
  geluTanh: ([x]) => T.gelu(x as Tensor, 'tanh'),
  clip: ([x], a) => T.clip(x as Tensor, a.min, a.max),
  where: ([c, a, b]) => T.where((c as Tensor).greater(0), a as Tensor, b as Tensor),
  sum: ([x], a) => T.sum(x as Tensor, a.axis, a.keepDims),
  sumKeep: ([x], a) => T.sum(x as Tensor, a.axis, a.keepDims),
  prod: ([x], a) => T.prod(x as Tensor, a.axis),
  max: ([x], a) => T.max(x as Tensor, a.axis),
  min: ([x], a) => T.min(x as Tensor, a.axis),
  argmax: ([x], a) => T.argmax(x as Tensor, a.axis),
  argmin: ([x], a) => T.argmin(x as Tensor, a.axis),
  mean: ([x], a) => T.mean(x as Tensor, a.axis),
  var: ([x], a) => T.variance(x as Tensor, a.axis, false, a.correction),
  varUnbiased: ([x], a) => T.variance(x as Tensor, a.axis, false, a.correction),
  std: ([x], a) => T.std(x as Tensor, a.axis, a.keepDims, a.correction),
  logsumexp: ([x], a) => T.logsumexp((x as Tensor).mul(20), a.axis),
  matmul: ([a, b]) => T.matmul(a as Tensor, b as Tensor),
  matmulVec: ([a, b]) => T.matmul(a as Tensor, b as Tensor),
  transpose: ([x], a) => T.transpose(x as Tensor, a.perm),
  slice: ([x], a) => T.slice(x as Tensor, a.begin, a.size),
  concat: (xs, a) => T.concat(xs, a.axis),
  stack: (xs, a) => T.stack(xs, a.axis),
  pad: ([x], a) => T.pad(x as Tensor, a.paddings, a.value),
  tile: ([x], a) => T.tile(x as Tensor, a.reps),
  gather: ([x], a) => T.gather(x as Tensor, idx(a.indices), a.axis),
  scatterAdd: ([x, u], a) => T.scatterAdd(x as Tensor, idx(a.indices), u as Tensor, a.axis),
  oneHot: (_xs, a) => T.oneHot(idx(a.indices), a.depth, 'float64'),
  softmax: ([x], a) => T.softmax(x as Tensor, a.axis),
  logSoftmax: ([x], a) => T.logSoftmax(x as Tensor, a.axis),
  conv2d: ([x, w, b], a) =>
    T.conv2d(x as Tensor, w as Tensor, {
      stride: a.stride,
      padding: a.padding,
      groups: a.groups,
      bias: b,
    }),
  conv2dDilated: ([x, w], a) =>
    T.conv2d(x as Tensor, w as Tensor, { dilation: a.dilation, padding: a.padding }),
  maxPool2d: ([x], a) => T.maxPool2d(x as Tensor, a),
  avgPool2d: ([x], a) => T.avgPool2d(x as Tensor, a),
  avgPool2dPadded: ([x], a) => T.avgPool2d(x as Tensor, a),
}

function expectClose(got: Tensor, want: Enc, what: string): void {
  expect(got.shape, what).toEqual(want.shape)
  expect(got.dtype === 'float32' ? 'float64' : got.dtype, what).toBe(want.dtype)
  const g = Array.from(got.dataSync())
  want.data.forEach((w, i) => {
    const tol = 1e-9 + 1e-6 * Math.abs(w)
    if (!(Math.abs((g[i] as number) - w) <= tol))
      expect({ what, i, got: g[i] }).toEqual({ what, i, got: w })
  })
}

// gelu uses an erf approximation accurate to ~1e-7; all other ops match to ~1e-9.
const loose = new Set(['gelu'])

describe('forward values and gradients vs PyTorch (float64)', () => {
  for (const c of (fixtures as { cases: Case[] }).cases) {
    test(c.name, () => {
      const call = CALLS[c.name]
      expect(call, `no call mapped for fixture ${c.name}`).toBeDefined()
      T.tidy(() => {
        const xs = c.inputs.map((e) =>
          T.tensor(e.data, {
            shape: e.shape,
            dtype: 'float64',
            requiresGrad: c.grads !== undefined,
          }),
        )
        const y = (call as Call)(xs, c.attrs)
        if (loose.has(c.name)) {
          const d = y
            .sub(T.tensor(c.output.data, { shape: c.output.shape, dtype: 'float64' }))
            .abs()
            .max()
            .item()
          expect(d).toBeLessThan(2e-7)
        } else expectClose(y, c.output, `${c.name} output`)
        if (c.grads && c.gradWeights) {
          y.mul(T.tensor(c.gradWeights.data, { shape: c.gradWeights.shape, dtype: 'float64' }))
            .sum()
            .backward()
          c.grads.forEach((g, i) => {
            if (g === null) return
            const got = xs[i]?.grad as Tensor
            if (loose.has(c.name)) {
              const d = got
                .sub(T.tensor(g.data, { shape: g.shape, dtype: 'float64' }))
                .abs()
                .max()
                .item()
              expect(d).toBeLessThan(2e-6)
            } else expectClose(got, g, `${c.name} grad ${i}`)
          })
        }
      })
    })
  }
})
