import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../../test/datasets.js'
import { SVC } from '../SVC.js'
import { SVR } from '../SVR.js'

/** Runs f with the WebAssembly paths disabled (MLSTACK_SVM_WASM=0). */
function withoutWasm<T>(f: () => T): T {
  const before = process.env.MLSTACK_SVM_WASM
  process.env.MLSTACK_SVM_WASM = '0'
  try {
    return f()
  } finally {
    if (before === undefined) delete process.env.MLSTACK_SVM_WASM
    else process.env.MLSTACK_SVM_WASM = before
  }
}

const rows = (M: Float64Array | { to2DArray(): number[][] }): number[][] =>
  M instanceof Float64Array ? Array.from(M, (v) => [v]) : M.to2DArray()

describe('SvKernel (RBF predict in WebAssembly)', () => {
  for (const [name, C] of [
    ['digits', 1],
    ['iris', 1],
    ['breast_cancer', 10],
  ] as const) {
    test(`${name}: decision values match the TypeScript path, any batch size gives the same rows`, () => {
      const d = loadSplit(name, 'std')
      const clf = new SVC({ C, decisionFunctionShape: 'ovo' }).fit(d.Xtrain, d.ytrain)
      const full = rows(clf.decisionFunction(d.Xtest))
      const ts = rows(withoutWasm(() => clf.decisionFunction(d.Xtest)))
      // The dot products sum in another order without WebAssembly: equal to rounding.
      for (let r = 0; r < full.length; r++) {
        for (let p = 0; p < full[r].length; p++) expect(full[r][p]).toBeCloseTo(ts[r][p], 10)
      }
      expect(Array.from(clf.predict(d.Xtest))).toEqual(
        Array.from(withoutWasm(() => clf.predict(d.Xtest))),
      )
      // Row blocks of four lanes: 1, 2, 3, 5 and 7 rows hit every partial block.
      for (const cnt of [1, 2, 3, 5, 7]) {
        const at = 11
        const part = rows(clf.decisionFunction(d.Xtest.slice(at, at + cnt)))
        expect(part).toEqual(full.slice(at, at + cnt))
      }
    })
  }

  test('SVR on diabetes: predictions match the TypeScript path, any batch size the same rows', () => {
    const d = loadSplit('diabetes', 'raw')
    const reg = new SVR({ C: 100, epsilon: 5 }).fit(d.Xtrain, d.ytrain)
    const full = reg.predict(d.Xtest)
    const ts = withoutWasm(() => reg.predict(d.Xtest))
    for (let r = 0; r < full.length; r++) expect(full[r]).toBeCloseTo(ts[r], 8)
    for (const cnt of [1, 3, 6]) {
      expect(Array.from(reg.predict(d.Xtest.slice(5, 5 + cnt)))).toEqual(
        Array.from(full.subarray(5, 5 + cnt)),
      )
    }
  })

  test('a refit model (new support vectors) is not served by the previous kernel', () => {
    const d = loadSplit('iris', 'std')
    const clf = new SVC({ C: 1 }).fit(d.Xtrain, d.ytrain)
    const a = rows(clf.decisionFunction(d.Xtest))
    clf.setParams({ C: 0.1 }).fit(d.Xtrain, d.ytrain)
    const b = rows(clf.decisionFunction(d.Xtest))
    const fresh = rows(new SVC({ C: 0.1 }).fit(d.Xtrain, d.ytrain).decisionFunction(d.Xtest))
    expect(b).toEqual(fresh)
    expect(b).not.toEqual(a)
  })

  test('models taking turns in the one shared instance give the values each gives alone', () => {
    // A large model first (digits: its leftovers fill the memory), then smaller ones, and back.
    const sets = (['digits', 'iris', 'breast_cancer'] as const).map((name) => {
      const d = loadSplit(name, 'std')
      const clf = new SVC({ decisionFunctionShape: 'ovo' }).fit(d.Xtrain, d.ytrain)
      return { d, clf, alone: rows(withoutWasm(() => clf.decisionFunction(d.Xtest))) }
    })
    for (const round of [0, 1]) {
      for (const { d, clf, alone } of round === 0 ? sets : [...sets].reverse()) {
        const got = rows(clf.decisionFunction(d.Xtest))
        for (let r = 0; r < got.length; r++) {
          for (let p = 0; p < got[r].length; p++) expect(got[r][p]).toBeCloseTo(alone[r][p], 10)
        }
        expect(rows(clf.decisionFunction(d.Xtest.slice(0, 3)))).toEqual(got.slice(0, 3))
      }
    }
  })
})
