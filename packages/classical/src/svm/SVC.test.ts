import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { type DatasetName, loadSplit } from '../../test/datasets.js'
import { loadEstimator } from '../serialization/registry.js'
import { SVC } from './SVC.js'

interface SvcFixture {
  dataset: DatasetName
  prep: 'raw' | 'std'
  params: Record<string, unknown>
  gamma: number
  accuracy: number
  n_support: number[]
  support: number[]
  intercept: number[]
  decision_ovr: number[] | number[][]
  decision_ovo?: number[][]
  predict: number[]
  proba?: number[][]
}

const here = dirname(fileURLToPath(import.meta.url))
const fixtures = JSON.parse(readFileSync(join(here, 'fixtures', 'svm_fixtures.json'), 'utf8')) as {
  svc: SvcFixture[]
  n_dec: number
}

function accuracy(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let ok = 0
  for (let i = 0; i < y.length; i++) if (y[i] === p[i]) ok++
  return ok / y.length
}

function rows(v: Float64Array | Matrix): number[][] | number[] {
  return v instanceof Matrix ? v.to2DArray() : Array.from(v)
}

describe('SVC on hand-checkable problems', () => {
  test('two points, linear kernel, hard margin: w = 1, b = 0, alphas 0.5', () => {
    const clf = new SVC({ kernel: 'linear', C: 10 }).fit([[-1], [1]], [0, 1])
    expect(Array.from(clf.nSupport)).toEqual([1, 1])
    expect(clf.dualCoef.to2DArray()[0]).toEqual([-0.5, 0.5].map((v) => expect.closeTo(v, 12)))
    expect(clf.intercept[0]).toBeCloseTo(0, 12)
    const dec = clf.decisionFunction([[0.5], [-2], [3]]) as Float64Array
    expect(Array.from(dec)).toEqual([0.5, -2, 3].map((v) => expect.closeTo(v, 10)))
    expect(Array.from(clf.predict([[0.2], [-0.2]]))).toEqual([1, 0])
  })

  test('two points with C below the hard-margin alphas: both at the bound C', () => {
    const clf = new SVC({ kernel: 'linear', C: 0.1 }).fit([[-1], [1]], [5, 9])
    expect(clf.dualCoef.to2DArray()[0]).toEqual([-0.1, 0.1].map((v) => expect.closeTo(v, 12)))
    // w = Σ y α x = 0.2; no free SV, so b is the midpoint of LIBSVM's bounds (0 by symmetry).
    const dec = clf.decisionFunction([[1]]) as Float64Array
    expect(dec[0]).toBeCloseTo(0.2, 12)
    expect(Array.from(clf.classes)).toEqual([5, 9])
  })

  test('RBF on XOR: separable with every point a support vector', () => {
    const X = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ]
    const y = [0, 0, 1, 1]
    const clf = new SVC({ kernel: 'rbf', gamma: 2, C: 100 }).fit(X, y)
    expect(Array.from(clf.predict(X))).toEqual(y)
    expect(Array.from(clf.nSupport)).toEqual([2, 2])
    // By symmetry all |alpha| are equal and the bias is 0, up to the solver tolerance (1e-3).
    const a = clf.dualCoef.to2DArray()[0]
    for (const v of a) expect(Math.abs(Math.abs(v) - Math.abs(a[0]))).toBeLessThan(1e-3)
    expect(Math.abs(clf.intercept[0])).toBeLessThan(1e-3)
  })

  test('three classes: one-vs-one voting and the ovo/ovr decision shapes', () => {
    const X = [[0], [0.2], [5], [5.2], [10], [10.2]]
    const y = [1, 1, 2, 2, 3, 3]
    const clf = new SVC({ kernel: 'linear', C: 100, decisionFunctionShape: 'ovo' }).fit(X, y)
    expect(Array.from(clf.predict([[0.1], [5.1], [10.1], [-3], [20]]))).toEqual([1, 2, 3, 1, 3])
    const ovo = clf.decisionFunction([[5.1]]) as Matrix
    expect(ovo.columns).toBe(3) // pairs (1,2), (1,3), (2,3)
    const [d12, d13, d23] = ovo.getRow(0)
    expect(d12).toBeLessThan(0) // favours class 2
    expect(d13).toBeCloseTo(0, 6) // 5.1 is the midpoint between the support vectors 0.2 and 10
    expect(d23).toBeGreaterThan(0)
    const ovr = clf.setParams({ decisionFunctionShape: 'ovr' }).decisionFunction([[5.1]]) as Matrix
    expect(ovr.columns).toBe(3)
    const row = ovr.getRow(0)
    expect(row.indexOf(Math.max(...row))).toBe(1)
  })
})

describe('SVC parity with scikit-learn 1.2.1 (LIBSVM)', () => {
  for (const fx of fixtures.svc) {
    const label = `${fx.dataset}/${fx.prep} ${JSON.stringify(fx.params)}`
    test(label, () => {
      const s = loadSplit(fx.dataset, fx.prep)
      const p = { ...fx.params } as Record<string, unknown>
      delete p.random_state
      const clf = new SVC({ ...(p as object), randomState: 0 }).fit(s.Xtrain, s.ytrain)
      const pred = clf.predict(s.Xtest)
      expect(accuracy(s.ytest, pred)).toBe(fx.accuracy)
      const nSupport = Array.from(clf.nSupport)
      nSupport.forEach((c, k) => {
        expect(Math.abs(c - fx.n_support[k])).toBeLessThanOrEqual(1)
      })
      if (nSupport.every((c, k) => c === fx.n_support[k])) {
        expect(Array.from(clf.support)).toEqual(fx.support)
      }
      expect(Array.from(pred)).toEqual(fx.predict)
      const Xd = s.Xtest.slice(0, fixtures.n_dec)
      // SMO stops once the KKT gap is below tol = 1e-3, and the dot products are summed in a
      // different order than scikit-learn's BLAS, so decision values agree to about tol.
      const close = (got: number[][] | number[], want: number[][] | number[]) => {
        const g = got.flat()
        const w = want.flat()
        expect(g.length).toBe(w.length)
        g.forEach((v, i) => {
          expect(Math.abs(v - w[i])).toBeLessThan(1e-3 * (1 + Math.abs(w[i])))
        })
      }
      close(rows(clf.decisionFunction(Xd)), fx.decision_ovr)
      close(Array.from(clf.intercept), fx.intercept)
      if (fx.decision_ovo) {
        const ovo = new SVC({ ...(p as object), decisionFunctionShape: 'ovo' }).fit(
          s.Xtrain,
          s.ytrain,
        )
        close(rows(ovo.decisionFunction(Xd)), fx.decision_ovo)
      }
      if (fx.proba) {
        // Platt scaling runs on a 5-fold split drawn by a different RNG than scikit-learn's, so
        // the sigmoids differ slightly (more on small sets like iris's 112 rows); the probabilities
        // still agree within 0.1 and pick the same most probable class.
        const P = clf.predictProba(Xd).to2DArray()
        P.forEach((r, i) => {
          const want = fx.proba![i]
          expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
          r.forEach((v, k) => {
            expect(Math.abs(v - want[k])).toBeLessThan(0.1)
          })
          expect(r.indexOf(Math.max(...r))).toBe(want.indexOf(Math.max(...want)))
        })
      }
    })
  }

  test('float64 kernel cache finds the same model on iris', () => {
    const s = loadSplit('iris', 'std')
    const a = new SVC().fit(s.Xtrain, s.ytrain)
    const b = new SVC({ cacheDtype: 'float64' }).fit(s.Xtrain, s.ytrain)
    expect(Array.from(b.support)).toEqual(Array.from(a.support))
    expect(Array.from(b.predict(s.Xtest))).toEqual(Array.from(a.predict(s.Xtest)))
  })

  test('multiclass without the shared Gram matrix (cache too small) finds the same model', () => {
    const s = loadSplit('iris', 'raw')
    const ref = new SVC().fit(s.Xtrain, s.ytrain)
    const clf = new SVC({ cacheSize: 0.0005 }).fit(s.Xtrain, s.ytrain)
    expect(Array.from(clf.support)).toEqual(Array.from(ref.support))
    expect(Array.from(clf.nIter)).toEqual(Array.from(ref.nIter))
    expect(Array.from(clf.predict(s.Xtest))).toEqual(Array.from(ref.predict(s.Xtest)))
  })

  test('a tiny cache (rows evicted and recomputed) and no shrinking reach the same solution', () => {
    const s = loadSplit('breast_cancer', 'std')
    const ref = new SVC().fit(s.Xtrain, s.ytrain)
    for (const opts of [{ cacheSize: 0.002 }, { shrinking: false }]) {
      const clf = new SVC(opts).fit(s.Xtrain, s.ytrain)
      expect(Array.from(clf.nSupport)).toEqual(Array.from(ref.nSupport))
      const a = clf.decisionFunction(s.Xtest) as Float64Array
      const b = ref.decisionFunction(s.Xtest) as Float64Array
      a.forEach((v, i) => {
        expect(v).toBeCloseTo(b[i], 2)
      })
    }
  })
})

describe('SVC options and errors', () => {
  const X = [
    [0, 0],
    [0, 1],
    [3, 3],
    [3, 4],
  ]
  const y = [0, 0, 1, 1]

  test('bad options are ParameterErrors raised by fit', () => {
    expect(() => new SVC({ gamma: -1 }).fit(X, y)).toThrow(/gamma/)
    expect(() => new SVC({ kernel: 'cubic' as 'rbf' }).fit(X, y)).toThrow(/kernel/)
    expect(() => new SVC({ C: 0 }).fit(X, y)).toThrow(/option C/)
    expect(() => new SVC({ classWeight: { 7: 2 } }).fit(X, y)).toThrow(/classWeight/)
    try {
      new SVC({ gamma: 'big' as 'scale' }).fit(X, y)
    } catch (e) {
      expect((e as Error).name).toBe('ParameterError')
    }
  })

  test('predictProba without probability=true explains how to enable it', () => {
    const clf = new SVC().fit(X, y)
    expect(() => clf.predictProba(X)).toThrow(/probability: true/)
  })

  test('bad input: NaN, wrong feature count, single class', () => {
    expect(() =>
      new SVC().fit(
        [
          [0, Number.NaN],
          [1, 1],
        ],
        [0, 1],
      ),
    ).toThrow(expect.objectContaining({ name: 'InputError' }))
    const clf = new SVC().fit(X, y)
    expect(() => clf.predict([[1, 2, 3]])).toThrow(expect.objectContaining({ name: 'InputError' }))
    expect(() => new SVC().fit(X, [1, 1, 1, 1])).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    )
  })

  test("classWeight 'balanced' and per-label weights shift the boundary", () => {
    const Xi = [[0], [1], [2], [3], [4], [5], [5.5]]
    const yi = [0, 0, 0, 0, 0, 1, 1]
    const plain = new SVC({ kernel: 'linear', C: 0.05 }).fit(Xi, yi)
    const heavy = new SVC({ kernel: 'linear', C: 0.05, classWeight: { 1: 20 } }).fit(Xi, yi)
    const at = [[4.6]]
    expect((heavy.decisionFunction(at) as Float64Array)[0]).toBeGreaterThan(
      (plain.decisionFunction(at) as Float64Array)[0],
    )
    const bal = new SVC({ kernel: 'linear', C: 0.05, classWeight: 'balanced' }).fit(Xi, yi)
    expect(bal.isFitted).toBe(true)
  })

  test('JSON round trip predicts identically, through loadEstimator too', () => {
    const s = loadSplit('iris', 'std')
    const clf = new SVC({ probability: true, randomState: 3 }).fit(s.Xtrain, s.ytrain)
    const json = JSON.stringify(clf.toJSON())
    const back = SVC.fromJSON(json)
    expect(Array.from(back.predict(s.Xtest))).toEqual(Array.from(clf.predict(s.Xtest)))
    expect(back.predictProba(s.Xtest).to2DArray()).toEqual(clf.predictProba(s.Xtest).to2DArray())
    const any = loadEstimator(JSON.parse(json)) as SVC
    expect(any).toBeInstanceOf(SVC)
    expect(Array.from(any.nSupport)).toEqual(Array.from(clf.nSupport))
  })

  test('probabilities are reproducible with a seed', () => {
    const s = loadSplit('iris', 'raw')
    const a = new SVC({ probability: true, randomState: 7 }).fit(s.Xtrain, s.ytrain)
    const b = new SVC({ probability: true, randomState: 7 }).fit(s.Xtrain, s.ytrain)
    expect(a.predictProba(s.Xtest).to2DArray()).toEqual(b.predictProba(s.Xtest).to2DArray())
  })
})
