import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../../test/datasets.js'
import { Random } from '../../internal/random.js'
import type { Dense } from '../../internal/validation.js'
import { denseKernels } from '../../internal/wasm/DenseKernels.js'
import { LogisticRegression } from '../LogisticRegression.js'
import {
  binaryObjective,
  binaryObjectiveWasm,
  multinomialObjective,
  multinomialObjectiveWasm,
} from './logisticObjectives.js'

function dense(X: number[][], rows = X.length): Dense {
  const d = (X[0] as number[]).length
  const data = new Float64Array(rows * d)
  for (let i = 0; i < rows; i++) data.set(X[i] as number[], i * d)
  return { data, rows, cols: d }
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let scale = 0
  let diff = 0
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i] as number))
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)))
  }
  return diff / scale
}

describe('multinomial log loss on the WebAssembly kernels', () => {
  // Sample counts that are and are not multiples of the kernels' block of 4; 3 classes (a
  // single-class tail in every block loop), 10 classes (4 + 4 + 2).
  for (const [ds, rows] of [
    ['iris', 112],
    ['iris', 37],
    ['digits', 1347],
    ['digits', 203],
  ] as const) {
    test(`${ds}, ${rows} samples: same loss, gradient within 1e-12 of the TypeScript objective`, () => {
      const s = loadSplit(ds, 'std')
      const X = dense(s.Xtrain, rows)
      const K = Math.max(...s.ytrain) + 1
      const y = Int32Array.from(s.ytrain.slice(0, rows))
      const rng = new Random(rows)
      const sw = Float64Array.from({ length: rows }, () => 0.5 + rng.next())
      for (const fi of [true, false]) {
        for (const weights of [null, sw]) {
          const st = X.cols + (fi ? 1 : 0)
          const wasm = multinomialObjectiveWasm(X, y, weights, K, 0.7, fi)
          const ts = multinomialObjective(X, y, weights, K, 0.7, fi)
          expect(wasm).not.toBeNull()
          for (const scale of [0, 0.1, 3]) {
            const w = Float64Array.from({ length: K * st }, () => scale * rng.normal())
            const ga = new Float64Array(K * st)
            const gb = new Float64Array(K * st)
            const fa = (wasm as NonNullable<typeof wasm>)(w, ga)
            const fb = ts(w, gb)
            // Scores, softmax and the loss sum are the same operations in the same order.
            expect(fa).toBe(fb)
            expect(maxRel(ga, gb)).toBeLessThan(1e-12)
          }
        }
      }
    })
  }

  test('exp inside the softmax kernel is bit-identical to Math.exp (x = z − max ≤ 0)', () => {
    const kern = denseKernels()
    expect(kern).not.toBeNull()
    const rng = new Random(7)
    const xs = [0, -0, -1e-300, -(2 ** -29), -(2 ** -28), -0.3, -0.34657359, -0.35, -1.0397, -1.04]
    xs.push(-1.5, -20, -700, -707.9, -708, -708.5, -745.1, -746, -1e5, Number.NEGATIVE_INFINITY)
    for (let t = 0; t < 4000; t++) xs.push(-750 * rng.next() ** 3)
    if (xs.length % 2 === 1) xs.push(-1)
    const np = xs.length
    // Two classes: class 0 scores 0 (the max), class 1 scores x; labels 0, weights 1.
    const aL = 2 * np * 8
    const aS = aL + 3 * np * 8
    const aY = aS + np * 8
    const mem = kern!.reserve(aY + np * 4)!
    mem.fill(0, 0, np)
    mem.set(xs, np)
    mem.fill(1, aS / 8, aS / 8 + np)
    new Int32Array(mem.buffer, aY, np).fill(0)
    kern!.ex.lrSoftmax(0, np, 2, aY, aS, aL)
    for (let i = 0; i < np; i++) {
      const e = Math.exp(xs[i] as number)
      const sum = 1 + e
      expect(mem[aL / 8 + np + i]).toBe(sum)
      expect(mem[np + i]).toBe(e * (1 / sum))
      expect(mem[i]).toBe(1 * (1 / sum) - 1)
    }
  })

  test('LogisticRegression on digits: 93 L-BFGS iterations either way, same predictions', () => {
    const s = loadSplit('digits', 'std')
    const wasm = new LogisticRegression().fit(s.Xtrain, s.ytrain)
    process.env.MLSTACK_DENSE_WASM = '0'
    let ts: LogisticRegression
    try {
      ts = new LogisticRegression().fit(s.Xtrain, s.ytrain)
    } finally {
      delete process.env.MLSTACK_DENSE_WASM
    }
    expect(wasm.nIter).toBe(93)
    expect(ts.nIter).toBe(93)
    expect(Array.from(wasm.predict(s.Xtest))).toEqual(Array.from(ts.predict(s.Xtest)))
    const a = wasm.coef.to1DArray()
    const b = ts.coef.to1DArray()
    expect(maxRel(Float64Array.from(a), Float64Array.from(b))).toBeLessThan(1e-6)
  })
})

describe('binary log loss on the WebAssembly kernels', () => {
  // breast_cancer: 30 features (eight-feature blocks, then two); iris with a feature dropped: 3
  // (one pair and an odd last feature); sample counts with and without padding.
  for (const [ds, rows, cols] of [
    ['breast_cancer', 426, 30],
    ['breast_cancer', 101, 30],
    ['iris', 37, 3],
  ] as const) {
    test(`${ds}, ${rows} × ${cols}: loss and gradient bit-identical to the TypeScript objective`, () => {
      const s = loadSplit(ds, 'std')
      const X = dense(
        s.Xtrain.map((r) => r.slice(0, cols)),
        rows,
      )
      const y = Int32Array.from(s.ytrain.slice(0, rows), (v) => (v === 1 ? 1 : 0))
      const rng = new Random(rows + cols)
      const sw = Float64Array.from({ length: rows }, () => 0.5 + rng.next())
      for (const fi of [true, false]) {
        for (const weights of [null, sw]) {
          const st = cols + (fi ? 1 : 0)
          const wasm = binaryObjectiveWasm(X, y, weights, 0.3, fi)
          const ts = binaryObjective(X, y, weights, 0.3, fi)
          expect(wasm).not.toBeNull()
          for (const scale of [0, 0.2, 4]) {
            const w = Float64Array.from({ length: st }, () => scale * rng.normal())
            const ga = new Float64Array(st)
            const gb = new Float64Array(st)
            expect((wasm as NonNullable<typeof wasm>)(w, ga)).toBe(ts(w, gb))
            expect(Array.from(ga)).toEqual(Array.from(gb))
          }
        }
      }
    })
  }
})
