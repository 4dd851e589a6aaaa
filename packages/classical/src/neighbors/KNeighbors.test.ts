import { describe, expect, test } from 'vitest'
import { KNeighborsClassifier } from './KNeighborsClassifier.js'
import { KNeighborsRegressor } from './KNeighborsRegressor.js'

const X = [[0], [1], [2], [10], [11]]
const y = [0, 0, 1, 1, 1]

describe('KNeighbors', () => {
  test('kneighbors gives distances and indices nearest first (ties: lower index)', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y)
    const { distances, indices } = knn.kneighbors([[1.5], [10.4]])
    expect(indices.to2DArray()).toEqual([
      [1, 2, 0],
      [3, 4, 2],
    ])
    expect(distances.getRow(0)).toEqual([0.5, 0.5, 1.5])
    expect(distances.get(1, 0)).toBeCloseTo(0.4, 12)
  })

  test('uniform vote, distance weights and exact matches', () => {
    const uni = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y)
    expect(Array.from(uni.predict([[1.6]]))).toEqual([0])
    expect(uni.predictProba([[1.6]]).getRow(0)).toEqual([2 / 3, 1 / 3])
    const dist = new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(X, y)
    expect(Array.from(dist.predict([[1.9]]))).toEqual([1])
    expect(dist.predictProba([[2]]).getRow(0)).toEqual([0, 1])
    const reg = new KNeighborsRegressor({ nNeighbors: 2, weights: 'distance' }).fit(
      X,
      [0, 1, 2, 3, 4],
    )
    expect(reg.predict([[10.25]])[0]).toBeCloseTo((3 * 4 + 4 * (4 / 3)) / (4 + 4 / 3), 12)
  })

  test('nNeighbors larger than the training set is a ParameterError at fit', () => {
    expect(() => new KNeighborsClassifier({ nNeighbors: 6 }).fit(X, y)).toThrow(
      expect.objectContaining({ name: 'ParameterError' }),
    )
  })
})
