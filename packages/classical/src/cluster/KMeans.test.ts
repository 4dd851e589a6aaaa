import { describe, expect, test } from 'vitest'
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
