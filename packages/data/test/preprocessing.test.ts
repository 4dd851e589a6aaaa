// Parity with scikit-learn 1.2.1 (fixtures/make_preprocessing.py): fitted statistics and
// transforms of every preprocessor on the shared iris / breast_cancer / diabetes copies.
import { readFileSync } from 'node:fs'
import { Matrix } from 'ml-matrix'
import { describe, expect, it } from 'vitest'
import fx from '../fixtures/preprocessing.json' with { type: 'json' }
import {
  InvalidDataError,
  InvalidOptionError,
  LabelBinarizer,
  LabelEncoder,
  loadPreprocessor,
  MaxAbsScaler,
  MinMaxScaler,
  Normalizer,
  NotFittedError,
  OneHotEncoder,
  OrdinalEncoder,
  RobustScaler,
  ShapeMismatchError,
  SimpleImputer,
  StandardScaler,
  UnknownCategoryError,
} from '../src/index.js'

function loadX(name: string, part: string): number[][] {
  const text = readFileSync(new URL(`../fixtures/${name}_${part}.csv`, import.meta.url), 'utf8')
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, -1).map(Number))
}

function masked(name: string, part: 'train' | 'test'): number[][] {
  const X = loadX(name, part)
  const masks = fx.masks as Record<string, { train: number[][]; test: number[][] }>
  for (const [i, j] of masks[name]![part]) X[i!]![j!] = Number.NaN
  return X
}

const CTORS = {
  StandardScaler,
  MinMaxScaler,
  RobustScaler,
  SimpleImputer,
  MaxAbsScaler,
  Normalizer,
} as const

/** |a - b| <= 1e-12 * max(1, |b|); null in the fixture stands for NaN. */
function expectClose(actual: ArrayLike<number>, expected: (number | null)[], what: string) {
  expect(actual.length, what).toBe(expected.length)
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]
    const a = actual[k]!
    if (e === null) {
      expect(Number.isNaN(a), `${what}[${k}] should be NaN, got ${a}`).toBe(true)
      continue
    }
    if (Math.abs(a - e) > 1e-12 * Math.max(1, Math.abs(e))) {
      throw new Error(`${what}[${k}]: got ${a}, scikit-learn ${e}`)
    }
  }
}

function colStats(m: Matrix): [number[], number[]] {
  const sum = new Array<number>(m.columns).fill(0)
  const sq = new Array<number>(m.columns).fill(0)
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) {
      const v = m.get(i, j)
      if (Number.isNaN(v)) continue
      sum[j]! += v
      sq[j]! += v * v
    }
  }
  return [sum, sq]
}

interface Summary {
  shape: number[]
  colsum: (number | null)[]
  colsumsq: (number | null)[]
  rows: (number | null)[][]
}
interface PCase {
  dataset: string
  nan?: boolean
  kind: keyof typeof CTORS
  params: Record<string, unknown>
  attrs: Record<string, (number | null)[]>
  transform: Summary
  X?: (number | null)[][]
}

function checkSummary(Z: Matrix, s: Summary, what: string) {
  expect([Z.rows, Z.columns], what).toEqual(s.shape)
  s.rows.forEach((r, i) => {
    expectClose(Z.getRow(i), r, `${what} row ${i}`)
  })
  const [sum, sq] = colStats(Z)
  // Column sums accumulate rounding over all rows, so allow a little more than 1e-12 there.
  sum.forEach((v, j) => {
    const e = s.colsum[j]!
    expect(Math.abs(v - e), `${what} colsum ${j}`).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(e)),
    )
  })
  sq.forEach((v, j) => {
    const e = s.colsumsq[j]!
    expect(Math.abs(v - e), `${what} colsumsq ${j}`).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(e)),
    )
  })
}

describe(`scikit-learn ${fx.sklearn} parity`, () => {
  const cases = fx.cases as unknown as PCase[]
  it.each(cases.map((c) => [c.kind, c.dataset, JSON.stringify(c.params), c.nan ? 'NaN' : '', c]))(
    '%s %s %s %s',
    (_k, _d, _p, _n, c) => {
      const pc = c as PCase
      const Ctor = CTORS[pc.kind] as unknown as new (
        o: Record<string, unknown>,
      ) => {
        fit(X: number[][]): unknown
        transform(X: number[][]): Matrix
        inverseTransform?(X: Matrix): Matrix
      } & Record<string, unknown>
      const est = new Ctor(pc.params)
      let train: number[][]
      let test: number[][]
      if (pc.X) {
        train = test = pc.X.map((r) => r.map((v) => (v === null ? Number.NaN : v)))
      } else if (pc.nan) {
        train = masked(pc.dataset, 'train')
        test = masked(pc.dataset, 'test')
      } else {
        train = loadX(pc.dataset, 'train')
        test = loadX(pc.dataset, 'test')
      }
      est.fit(train)
      for (const [attr, expected] of Object.entries(pc.attrs)) {
        expectClose(est[attr] as Float64Array, expected, attr)
      }
      const Z = est.transform(test)
      checkSummary(Z, pc.transform, 'transform')
      if (est.inverseTransform) {
        const back = est.inverseTransform(Z)
        test.forEach((r, i) => {
          r.forEach((v, j) => {
            const b = back.get(i, j)
            if (Number.isNaN(v)) expect(b).toBeNaN()
            else if (!(pc.params.clip && Number.isFinite(v))) {
              expect(Math.abs(b - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)))
            }
          })
        })
      }
    },
  )

  it.each(fx.onehot.map((c) => [JSON.stringify(c.params), c]))('OneHotEncoder %s', (_p, c) => {
    const oc = c as (typeof fx.onehot)[number]
    const enc = new OneHotEncoder(oc.params as never).fit(oc.train)
    expect(enc.categories).toEqual(oc.categories)
    expect(enc.transform(oc.test).to2DArray()).toEqual(oc.transform)
    expect(enc.getFeatureNamesOut(['a', 'b', 'species'])).toEqual(oc.names)
    expect(enc.inverseTransform(enc.transform(oc.test))).toEqual(oc.inverse)
  })

  it.each(fx.ordinal.map((c) => [JSON.stringify(c.params), c]))('OrdinalEncoder %s', (_p, c) => {
    const oc = c as (typeof fx.ordinal)[number]
    const enc = new OrdinalEncoder(oc.params as never).fit(oc.train)
    expect(enc.categories).toEqual(oc.categories)
    const Z = enc.transform(oc.test)
    expect(Z.to2DArray()).toEqual(oc.transform)
    const back = enc.inverseTransform(Z)
    back.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBe(oc.transform[i]![j] === -1 ? null : oc.test[i]![j])
      })
    })
  })

  it.each(fx.binarizer.map((c) => [JSON.stringify(c.fit), c]))('LabelBinarizer %s', (_p, c) => {
    const bc = c as (typeof fx.binarizer)[number]
    const lb = new LabelBinarizer(bc.params).fit(bc.fit)
    expect(lb.classes).toEqual(bc.classes)
    const Y = lb.transform(bc.y)
    expect(Y.to2DArray()).toEqual(bc.transform)
    const known = bc.y.filter((v) => (bc.classes as unknown[]).includes(v))
    expect(lb.inverseTransform(lb.transform(known))).toEqual(known)
  })

  it('LabelEncoder', () => {
    const enc = new LabelEncoder().fit(fx.label.fit)
    expect(enc.classes).toEqual(fx.label.classes)
    expect(Array.from(enc.transform(['versicolor', 'virginica', 'setosa']))).toEqual(
      fx.label.transform,
    )
    expect(enc.inverseTransform(enc.transform(fx.label.fit))).toEqual(fx.label.fit)
  })
})

describe('contract', () => {
  const X = [
    [1, 10],
    [2, 20],
    [4, 70],
  ]
  it('fit returns this, transform returns a Matrix, input is not mutated', () => {
    for (const Ctor of Object.values(CTORS)) {
      const copy = X.map((r) => [...r])
      const est = new Ctor()
      expect(est.fit(copy)).toBe(est)
      expect(est.isFitted).toBe(true)
      const Z = est.transform(new Matrix(copy))
      expect(Matrix.isMatrix(Z)).toBe(true)
      expect(copy).toEqual(X)
      expect(est.fitTransform(copy).to2DArray()).toEqual(Z.to2DArray())
    }
  })
  it('transform before fit throws NotFittedError', () => {
    expect(() => new StandardScaler().transform(X)).toThrow(NotFittedError)
    expect(() => new OneHotEncoder().transform([['a']])).toThrow(/not fitted yet/)
    expect(() => new LabelEncoder().transform([1])).toThrow(NotFittedError)
    expect(() => new MinMaxScaler().dataMin).toThrow(NotFittedError)
  })
  it('toJSON / fromJSON round-trips to identical output', () => {
    const Xn = [
      [1, Number.NaN],
      [3, 4],
      [5, 8],
    ]
    const models = [
      new StandardScaler().fit(Xn),
      new MinMaxScaler({ featureRange: [-1, 1] }).fit(Xn),
      new RobustScaler().fit(Xn),
      new SimpleImputer({ strategy: 'median' }).fit(Xn),
    ]
    for (const m of models) {
      const text = JSON.stringify(m)
      const Ctor = m.constructor as typeof StandardScaler
      const back = Ctor.fromJSON(text)
      expect(back.transform(Xn).to2DArray()).toEqual(m.transform(Xn).to2DArray())
      expect(back.getParams()).toEqual(m.getParams())
    }
    const enc = new OneHotEncoder({ drop: 'first' }).fit([
      ['a', 1],
      ['b', 2],
    ])
    expect(
      OneHotEncoder.fromJSON(JSON.stringify(enc))
        .transform([['b', 1]])
        .to2DArray(),
    ).toEqual([[1, 0]])
    expect(() => StandardScaler.fromJSON(JSON.stringify(enc))).toThrow(/kind is "OneHotEncoder"/)
    expect(() => StandardScaler.fromJSON('{"format":"other"}')).toThrow(/format/)
  })
  it('loadPreprocessor revives every kind by its tag', () => {
    const X = [
      [1, 2],
      [3, 5],
      [4, 9],
    ]
    const cats = [
      ['a', 1],
      ['b', 2],
    ]
    const fitted = [
      new StandardScaler().fit(X),
      new MinMaxScaler().fit(X),
      new MaxAbsScaler().fit(X),
      new RobustScaler().fit(X),
      new Normalizer({ norm: 'l1' }).fit(X),
      new SimpleImputer({ strategy: 'median' }).fit(X),
    ]
    for (const m of fitted) {
      const back = loadPreprocessor(JSON.stringify(m))
      expect(back.constructor).toBe(m.constructor)
      expect((back.transform(X) as Matrix).to2DArray()).toEqual(m.transform(X).to2DArray())
    }
    const oh = new OneHotEncoder().fit(cats)
    expect((loadPreprocessor(oh.toJSON()).transform(cats) as Matrix).to2DArray()).toEqual(
      oh.transform(cats).to2DArray(),
    )
    const od = new OrdinalEncoder().fit(cats)
    expect((loadPreprocessor(od.toJSON()).transform(cats) as Matrix).to2DArray()).toEqual([
      [0, 0],
      [1, 1],
    ])
    const le = new LabelEncoder().fit(['x', 'y'])
    expect(Array.from(loadPreprocessor(le.toJSON()).transform(['y']) as Int32Array)).toEqual([1])
    const lb = new LabelBinarizer().fit([0, 1, 2])
    expect((loadPreprocessor(lb.toJSON()).transform([2]) as Matrix).to2DArray()).toEqual([
      [0, 0, 1],
    ])
    expect(() => loadPreprocessor({ format: 'mlstack.data', version: 1, kind: 'Nope' })).toThrow(
      /unknown kind "Nope"/,
    )
    expect(() => loadPreprocessor({ format: 'mlstack.classical', kind: 'Ridge' })).toThrow(
      /expected 'mlstack.data'/,
    )
    expect(() => loadPreprocessor('{oops')).toThrow(/not valid JSON/)
    expect(() => loadPreprocessor({ ...le.toJSON(), version: 2 })).toThrow(
      /version is 2; expected 1/,
    )
  })
  it('partialFit equals fit on the concatenated data', () => {
    const A = loadX('diabetes', 'train')
    const full = new StandardScaler().fit(A)
    const inc = new StandardScaler()
      .partialFit(A.slice(0, 100))
      .partialFit(A.slice(100, 250))
      .partialFit(A.slice(250))
    expectClose(inc.mean, Array.from(full.mean), 'mean')
    expectClose(inc.variance, Array.from(full.variance), 'variance')
    const mm = new MinMaxScaler().partialFit(A.slice(0, 10)).partialFit(A.slice(10))
    expect(mm.dataMin).toEqual(new MinMaxScaler().fit(A).dataMin)
  })
  it('clone copies options, not state; setParams validates', () => {
    const s = new MinMaxScaler({ featureRange: [2, 3] }).fit(X)
    const c = s.clone()
    expect(c.isFitted).toBe(false)
    expect(c.getParams()).toEqual({ featureRange: [2, 3], clip: false })
    expect(() => c.setParams({ nope: 1 } as never)).toThrow(InvalidOptionError)
    expect(() => new StandardScaler({ withMeans: true } as never)).toThrow(
      /unknown option 'withMeans'/,
    )
  })
})

describe('bad input', () => {
  it('typed errors naming the API', () => {
    const s = new StandardScaler().fit([
      [1, 2],
      [3, 4],
    ])
    expect(() => s.transform([[1, 2, 3]])).toThrow(ShapeMismatchError)
    expect(() => s.transform([[1, 2, 3]])).toThrow(
      /StandardScaler.transform: X has 3 features .* fitted with 2/,
    )
    expect(() => new StandardScaler().fit([])).toThrow(InvalidDataError)
    expect(() => new StandardScaler().fit([1, 2] as never)).toThrow(/must be 2-D/)
    expect(() => new StandardScaler().fit([[1], [2, 3]])).toThrow(/rectangular/)
    expect(() => new StandardScaler().fit([[1], [Number.POSITIVE_INFINITY]])).toThrow(
      InvalidDataError,
    )
    expect(() => new MinMaxScaler({ featureRange: [1, 0] }).fit([[1]])).toThrow(InvalidOptionError)
    expect(() => new RobustScaler({ quantileRange: [80, 20] }).fit([[1]])).toThrow(
      InvalidOptionError,
    )
    expect(() => new SimpleImputer({ strategy: 'mode' as never }).fit([[1]])).toThrow(
      InvalidOptionError,
    )
    expect(() => new SimpleImputer({ missingValues: -1 }).fit([[Number.NaN]])).toThrow(
      /missingValues is -1/,
    )
    const enc = new OneHotEncoder().fit([['a'], ['b']])
    expect(() => enc.transform([['c']])).toThrow(UnknownCategoryError)
    expect(
      new OneHotEncoder({ handleUnknown: 'ignore' })
        .fit([['a'], ['b']])
        .transform([['c']])
        .to2DArray(),
    ).toEqual([[0, 0]])
    expect(() =>
      new OneHotEncoder().fit([
        ['a', 1],
        [2, 'b'],
      ]),
    ).toThrow(/mixes numbers and strings/)
    expect(() => new LabelEncoder().fit([1, 2]).transform([3])).toThrow(UnknownCategoryError)
    expect(() => new LabelEncoder().fit([1, 2]).inverseTransform([2])).toThrow(/out of range/)
    expect(() => new LabelEncoder().fit([1, Number.NaN])).toThrow(InvalidDataError)
    expect(() => new Normalizer({ norm: 'l3' as never }).fit([[1]])).toThrow(InvalidOptionError)
    expect(() => new Normalizer().fit([[1, Number.NaN]])).toThrow(InvalidDataError)
    expect(() => new OrdinalEncoder().fit([['a'], ['b']]).transform([['c']])).toThrow(
      UnknownCategoryError,
    )
    expect(() =>
      new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 0 }).fit([
        ['a'],
        ['b'],
      ]),
    ).toThrow(/already the code/)
    expect(() => new LabelBinarizer({ negLabel: 1, posLabel: 0 }).fit([1, 2])).toThrow(
      InvalidOptionError,
    )
    expect(
      new Normalizer({ norm: 'max' })
        .fitTransform([
          [0, 0],
          [-4, 2],
        ])
        .to2DArray(),
    ).toEqual([
      [0, 0],
      [-1, 0.5],
    ])
  })
})
