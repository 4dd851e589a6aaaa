import { Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../test/datasets.js'
import { InputError } from '../errors.js'
import { denseKernels } from '../internal/wasm/DenseKernels.js'
import { GaussianNB } from './GaussianNB.js'

/** Runs `f` with the WebAssembly kernel (default) and with MLSTACK_DENSE_WASM=0 (TypeScript). */
function both<T>(f: () => T): { wasm: T; ts: T } {
  const wasm = f()
  const before = process.env.MLSTACK_DENSE_WASM
  process.env.MLSTACK_DENSE_WASM = '0'
  try {
    return { wasm, ts: f() }
  } finally {
    if (before === undefined) delete process.env.MLSTACK_DENSE_WASM
    else process.env.MLSTACK_DENSE_WASM = before
  }
}

describe('GaussianNB prediction paths', () => {
  test('the WebAssembly kernel is available on this Node', () => {
    expect(denseKernels()).not.toBeNull()
  })

  // digits: 10 classes (blocks of four class pairs plus one), iris: 3 (a padding class),
  // breast_cancer: 2; the odd test-row counts exercise the single-row tail.
  for (const ds of ['digits', 'iris', 'breast_cancer'] as const) {
    test(`${ds}: kernel log-likelihoods bit-identical to the TypeScript loop, for every input form`, () => {
      const s = loadSplit(ds)
      const m = new GaussianNB().fit(s.Xtrain, s.ytrain)
      const rows = s.Xtest.slice(0, s.Xtest.length % 2 === 0 ? -1 : undefined)
      const forms = {
        plain: rows,
        typed: rows.map((r) => Float64Array.from(r)),
        matrix: new Matrix(rows),
      }
      for (const X of Object.values(forms)) {
        const r = both(() => ({
          jll: m.jointLogLikelihood(X).to1DArray(),
          proba: m.predictProba(X).to1DArray(),
          pred: Array.from(m.predict(X)),
        }))
        expect(r.wasm.jll.length).toBe(rows.length * m.classes.length)
        expect(r.wasm.jll).toEqual(r.ts.jll)
        expect(r.wasm.proba).toEqual(r.ts.proba)
        expect(r.wasm.pred).toEqual(r.ts.pred)
      }
    })
  }

  test('a non-finite value in rows copied straight to the kernel is still reported by position', () => {
    const s = loadSplit('iris')
    const m = new GaussianNB().fit(s.Xtrain, s.ytrain)
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const X = s.Xtest.slice(0, 5).map((r) => r.slice())
      ;(X[3] as number[])[2] = bad
      for (const form of [X, X.map((r) => Float64Array.from(r))]) {
        for (const call of [() => m.predict(form), () => m.predictProba(form)]) {
          expect(call).toThrow(InputError)
          expect(call).toThrow(/row 3, column 2/)
        }
      }
    }
  })

  test('wrong feature counts and ragged rows get the validation errors', () => {
    const s = loadSplit('iris')
    const m = new GaussianNB().fit(s.Xtrain, s.ytrain)
    expect(() => m.predict([[1, 2, 3]])).toThrow(/3 features, but the estimator was fitted with 4/)
    expect(() =>
      m.predict([
        [1, 2, 3, 4],
        [1, 2, 3],
      ]),
    ).toThrow(/ragged/)
    expect(() => m.predict([])).toThrow(/empty/)
  })

  test('finite inputs whose likelihood overflows are predicted, not rejected', () => {
    const m = new GaussianNB().fit(
      [
        [0, 0],
        [1, 1],
        [10, 10],
        [11, 12],
      ],
      [0, 0, 1, 1],
    )
    const r = both(() => Array.from(m.predict([[1e200, 0]])))
    expect(r.wasm).toEqual(r.ts)
    expect(m.jointLogLikelihood([[1e200, 0]]).to1DArray()).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ])
  })
})
