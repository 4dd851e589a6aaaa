import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../test/datasets.js'
import { Random } from '../internal/random.js'
import { KMeans } from './KMeans.js'

const blobs = [
  [0, 0],
  [0.2, 0.1],
  [-0.1, 0.2],
  [10, 10],
  [10.1, 9.8],
  [9.9, 10.2],
  [0, 10],
  [0.1, 10.1],
]

describe('KMeans', () => {
  test('finds well-separated blobs; inertia is the sum of squared distances', () => {
    const km = new KMeans({ nClusters: 3, randomState: 1 }).fit(blobs)
    const l = km.labels
    expect(l[0]).toBe(l[1])
    expect(l[1]).toBe(l[2])
    expect(l[3]).toBe(l[4])
    expect(l[6]).toBe(l[7])
    expect(new Set(l).size).toBe(3)
    const C = km.clusterCenters
    let inertia = 0
    blobs.forEach((p, i) => {
      const c = C.getRow(l[i] as number)
      inertia += (p[0]! - c[0]!) ** 2 + (p[1]! - c[1]!) ** 2
    })
    expect(km.inertia).toBeCloseTo(inertia, 10)
    expect(km.score(blobs)).toBeCloseTo(-inertia, 10)
    expect(Array.from(km.predict([[9, 9]]))).toEqual([l[3]])
  })

  test('degenerate data (fewer distinct points than clusters) does not crash', () => {
    const km = new KMeans({ nClusters: 3, randomState: 0 }).fit([[0], [0], [0], [1]])
    expect(km.inertia).toBe(0)
  })

  test('bad options are errors', () => {
    expect(() => new KMeans({ nClusters: 9 }).fit(blobs)).toThrow(
      /nClusters = 9 but X has only 8 samples/,
    )
    expect(() => new KMeans({ nClusters: 2, init: [[0, 0]] }).fit(blobs)).toThrow(
      /init centres are 1x2; expected 2x2/,
    )
  })
})

describe('KMeans on the WebAssembly distance kernels', () => {
  /** Fits with the kernels (default) and with MLSTACK_DENSE_WASM=0 (TypeScript loops). */
  function both(make: () => KMeans, X: number[][], Q: number[][]) {
    const run = () => {
      const m = make().fit(X)
      return {
        centers: m.clusterCenters.to1DArray(),
        labels: Array.from(m.labels),
        inertia: m.inertia,
        nIter: m.nIter,
        predict: Array.from(m.predict(Q)),
        score: m.score(Q),
      }
    }
    const wasm = run()
    process.env.MLSTACK_DENSE_WASM = '0'
    try {
      return { wasm, ts: run() }
    } finally {
      delete process.env.MLSTACK_DENSE_WASM
    }
  }

  // digits (64 features, k-means++ with 4 candidates), iris (4: all tail), and 11 features with
  // k = 5 (odd counts: a padding centre, and a tail past the last group of eight).
  const rng = new Random(11)
  const noisy = Array.from({ length: 301 }, (_, i) =>
    Array.from({ length: 11 }, (_, j) => (((i % 5) * 3 + j) % 4) + rng.normal()),
  )
  const cases: [string, number[][], number[][], number][] = [
    ['digits', loadSplit('digits').Xtrain, loadSplit('digits').Xtest, 10],
    ['iris', loadSplit('iris').Xtrain, loadSplit('iris').Xtest, 3],
    ['11-feature blobs', noisy.slice(0, 250), noisy.slice(250), 5],
  ]
  for (const [name, X, Q, k] of cases) {
    test(`${name}: identical centres, labels, inertia, iterations and predictions either way`, () => {
      for (const seed of [0, 1]) {
        const r = both(() => new KMeans({ nClusters: k, nInit: 2, randomState: seed }), X, Q)
        expect(r.wasm).toEqual(r.ts)
      }
    })
  }
})
