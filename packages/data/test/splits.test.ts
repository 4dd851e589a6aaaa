// Splits: KFold / StratifiedKFold equal scikit-learn's folds exactly (no shuffling); stratified
// train/test splits keep scikit-learn's sizes and per-class counts (fixtures/make_splits.py).
import { Matrix } from 'ml-matrix'
import { describe, expect, it } from 'vitest'
import fx from '../fixtures/splits.json' with { type: 'json' }
import {
  GroupKFold,
  InvalidDataError,
  InvalidOptionError,
  KFold,
  ShapeMismatchError,
  ShuffleSplit,
  StratifiedKFold,
  StratifiedShuffleSplit,
  takeRows,
  trainTestSplit,
  trainTestSplitIndices,
} from '../src/index.js'

const labels = fx.labels as Record<string, number[]>

describe('KFold (scikit-learn parity)', () => {
  it.each(fx.kfold.map((c) => [c.n, c.k, c]))('n=%i k=%i', (_n, _k, c) => {
    const folds = [...new KFold({ nSplits: c.k }).split(c.n)].map((f) => [f.train, f.test])
    expect(folds).toEqual(c.folds)
  })
  it('shuffled folds partition the samples and depend only on the seed', () => {
    const a = [...new KFold({ nSplits: 4, shuffle: true, seed: 7 }).split(30)]
    const b = [...new KFold({ nSplits: 4, shuffle: true, seed: 7 }).split(30)]
    const c = [...new KFold({ nSplits: 4, shuffle: true, seed: 8 }).split(30)]
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    const all = a.flatMap((f) => f.test).sort((x, y) => x - y)
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => i))
    for (const f of a) {
      expect(f.train.length + f.test.length).toBe(30)
      expect(f.test.length === 7 || f.test.length === 8).toBe(true)
      expect(new Set([...f.train, ...f.test]).size).toBe(30)
    }
    // Shuffling actually moves samples: fold 0 is not the first contiguous block.
    expect(a[0]!.test).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })
})

describe('StratifiedKFold (scikit-learn parity)', () => {
  it.each(fx.stratified_kfold.map((c) => [c.labels, c.k, c]))('%s k=%i', (name, _k, c) => {
    const y = labels[name as string]!
    const folds = [...new StratifiedKFold({ nSplits: c.k }).split(y.length, y)].map((f) => [
      f.train,
      f.test,
    ])
    expect(folds).toEqual(c.folds)
  })
  it('shuffled stratified folds keep per-class counts and are seeded', () => {
    const y = labels.iris!
    const plain = [...new StratifiedKFold({ nSplits: 5 }).split(y.length, y)]
    const shuf = [...new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 1 }).split(y.length, y)]
    const again = [
      ...new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 1 }).split(y.length, y),
    ]
    expect(shuf).toEqual(again)
    expect(shuf).not.toEqual(plain)
    const count = (idx: number[]) => [0, 1, 2].map((c) => idx.filter((i) => y[i] === c).length)
    for (let f = 0; f < 5; f++) expect(count(shuf[f]!.test)).toEqual(count(plain[f]!.test))
  })
  it('accepts string labels', () => {
    const y = ['a', 'b', 'a', 'b', 'a', 'b']
    const folds = [...new StratifiedKFold({ nSplits: 3 }).split(6, y)]
    for (const f of folds) expect(f.test.map((i) => y[i]).sort()).toEqual(['a', 'b'])
  })
})

describe('trainTestSplit', () => {
  it.each(fx.sizes.map((c) => [c.n, c.test_size, c.train_size, c]))(
    'sizes n=%i testSize=%s trainSize=%s match scikit-learn',
    (_n, _t, _tr, c) => {
      const r = trainTestSplitIndices(c.n, {
        testSize: c.test_size ?? undefined,
        trainSize: c.train_size ?? undefined,
        seed: 0,
      })
      expect([r.train.length, r.test.length]).toEqual([c.n_train, c.n_test])
      expect(new Set([...r.train, ...r.test]).size).toBe(c.n_train + c.n_test)
    },
  )
  it.each(fx.stratified_split.map((c) => [c.labels, c.test_size, c]))(
    'stratified %s testSize=%s keeps scikit-learn per-class counts',
    (name, _t, c) => {
      const y = labels[name as string]!
      const r = trainTestSplitIndices(y.length, { testSize: c.test_size, seed: 3, stratify: y })
      expect([r.train.length, r.test.length]).toEqual([c.n_train, c.n_test])
      const classes = [...new Set(y)].sort((a, b) => a - b)
      const count = (idx: number[]) => classes.map((k) => idx.filter((i) => y[i] === k).length)
      // Remainder ties are broken at random (differently from NumPy), so allow one sample.
      const tr = count(r.train)
      const te = count(r.test)
      tr.forEach((v, i) => {
        expect(Math.abs(v - c.train_counts[i]!)).toBeLessThanOrEqual(1)
      })
      te.forEach((v, i) => {
        expect(Math.abs(v - c.test_counts[i]!)).toBeLessThanOrEqual(1)
      })
      expect(new Set([...r.train, ...r.test]).size).toBe(c.n_train + c.n_test)
    },
  )
  it('keeps the input kind and pairs x with y', () => {
    const X = Array.from({ length: 20 }, (_, i) => [i, i * 10])
    const y = Float64Array.from({ length: 20 }, (_, i) => i)
    const r = trainTestSplit(X, y, { testSize: 0.25, seed: 5 })
    expect(r.xTest.length).toBe(5)
    expect(r.yTest).toBeInstanceOf(Float64Array)
    r.xTrain.forEach((row, k) => {
      expect(row[0]).toBe(r.yTrain[k])
    })
    const m = trainTestSplit(new Matrix(X), undefined, { testSize: 5, seed: 5 })
    expect(Matrix.isMatrix(m.xTest)).toBe(true)
    expect(m.xTest.to2DArray()).toEqual(r.xTest)
    expect(m.yTest).toBeUndefined()
    const nd = trainTestSplit(
      { data: new Uint8Array(20 * 4).map((_, i) => i), shape: [20, 2, 2] },
      y,
      {
        seed: 5,
      },
    )
    expect(nd.xTest.shape).toEqual([5, 2, 2])
    expect(Array.from(nd.xTest.data.slice(0, 4))).toEqual(
      [0, 1, 2, 3].map((j) => nd.testIndex[0]! * 4 + j),
    )
  })
  it('is seeded, and shuffle: false takes leading rows', () => {
    expect(trainTestSplitIndices(50, { seed: 1 })).toEqual(trainTestSplitIndices(50, { seed: 1 }))
    expect(trainTestSplitIndices(50, { seed: 1 })).not.toEqual(
      trainTestSplitIndices(50, { seed: 2 }),
    )
    expect(trainTestSplitIndices(8, { shuffle: false, testSize: 2 })).toEqual({
      train: [0, 1, 2, 3, 4, 5],
      test: [6, 7],
    })
  })
  it('stratify: true uses y', () => {
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
    const r = trainTestSplit(
      y.map((v) => [v]),
      y,
      { testSize: 0.5, seed: 0, stratify: true },
    )
    expect([...r.yTest].filter((v) => v === 0).length).toBe(2)
  })
  it('rejects bad options and input', () => {
    expect(() => trainTestSplitIndices(10, { testSize: 1.5 })).toThrow(InvalidOptionError)
    expect(() => trainTestSplitIndices(10, { testSize: 10 })).toThrow(InvalidOptionError)
    expect(() => trainTestSplitIndices(10, { testSize: 0.5, trainSize: 0.6 })).toThrow(/only 10/)
    expect(() => trainTestSplitIndices(4, { stratify: [0, 0, 0, 1] })).toThrow(/only 1 member/)
    expect(() => trainTestSplitIndices(4, { stratify: [0, 1] })).toThrow(ShapeMismatchError)
    expect(() => trainTestSplit([[1], [2]], [1, 2, 3])).toThrow(ShapeMismatchError)
    // Errors found while computing the sizes name the function the user called.
    expect(() => trainTestSplit([[1], [2]], undefined, { testSize: 3 })).toThrow(
      /^trainTestSplit: testSize is 3 with 2 samples/,
    )
    expect(() => trainTestSplitIndices(2, { testSize: 3 })).toThrow(/^trainTestSplitIndices: /)
    expect(() => new KFold({ nSplits: 1 })).toThrow(InvalidOptionError)
    expect(() => [...new KFold({ nSplits: 5 }).split(3)]).toThrow(/only 3 samples/)
    expect(() => [...new StratifiedKFold().split(10)]).toThrow(/y .* is required/)
    expect(() => [...new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])]).toThrow(
      /no class has that many/,
    )
    expect(() => takeRows([1, 2, 3], [3])).toThrow(InvalidDataError)
    expect(() => trainTestSplitIndices(4, { stratify: [0, Number.NaN, 1, 1] })).toThrow(
      InvalidDataError,
    )
  })
})

describe('GroupKFold (scikit-learn parity)', () => {
  it.each(fx.group_kfold.map((c) => [c.groups.length, c.k, c]))('n=%i k=%i', (_n, _k, c) => {
    const g = c.groups as (number | string)[]
    const folds = [...new GroupKFold({ nSplits: c.k }).split(g.length, undefined, g)].map((f) => [
      f.train,
      f.test,
    ])
    expect(folds).toEqual(c.folds)
    for (const [train, test] of folds) {
      const testGroups = new Set(test!.map((i) => g[i]))
      expect(train!.some((i) => testGroups.has(g[i]!))).toBe(false)
    }
  })
  it('rejects too few groups and missing groups', () => {
    expect(() => [...new GroupKFold({ nSplits: 3 }).split(4, undefined, [0, 0, 1, 1])]).toThrow(
      /only 2 groups/,
    )
    expect(() => [...new GroupKFold().split(4, undefined, undefined as never)]).toThrow(/groups/)
  })
})

describe('ShuffleSplit / StratifiedShuffleSplit', () => {
  const cases = fx.shuffle_split as {
    n?: number
    labels?: string
    test_size: number | null
    train_size?: number | null
    n_train: number
    n_test: number
    train_counts?: number[]
    test_counts?: number[]
  }[]
  it.each(cases.map((c) => [c.n ?? c.labels, c.test_size, c]))(
    '%s testSize=%s sizes match scikit-learn',
    (_n, _t, c) => {
      const sc = c as (typeof cases)[number]
      const opts = {
        nSplits: 3,
        testSize: sc.test_size ?? undefined,
        trainSize: sc.train_size ?? undefined,
        seed: 4,
      }
      if (sc.labels) {
        const y = labels[sc.labels]!
        const splits = [...new StratifiedShuffleSplit(opts).split(y.length, y)]
        expect(splits).toHaveLength(3)
        const classes = [...new Set(y)].sort((a, b) => a - b)
        for (const s of splits) {
          expect([s.train.length, s.test.length]).toEqual([sc.n_train, sc.n_test])
          classes.forEach((k, i) => {
            expect(
              Math.abs(s.test.filter((j) => y[j] === k).length - sc.test_counts![i]!),
            ).toBeLessThanOrEqual(1)
          })
        }
        expect(splits[0]!.test).not.toEqual(splits[1]!.test)
      } else {
        const splits = [...new ShuffleSplit(opts).split(sc.n!)]
        for (const s of splits) {
          expect([s.train.length, s.test.length]).toEqual([sc.n_train, sc.n_test])
          expect(new Set([...s.train, ...s.test]).size).toBe(sc.n_train + sc.n_test)
        }
        expect(splits[0]!.test).not.toEqual(splits[1]!.test)
        expect([...new ShuffleSplit(opts).split(sc.n!)]).toEqual(splits)
      }
    },
  )
  it('needs labels to stratify', () => {
    expect(() => [...new StratifiedShuffleSplit().split(10)]).toThrow(/y .* is required/)
    expect(() => new ShuffleSplit({ nSplits: 0 })).toThrow(InvalidOptionError)
  })
})
