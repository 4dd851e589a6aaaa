import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../../test/datasets.js'
import { SVC } from '../SVC.js'
import { SVR } from '../SVR.js'
import {
  scratchF64,
  scratchI32,
  scratchMark,
  scratchRelease,
  scratchU8,
  withScratch,
} from './scratch.js'

describe('scratch arrays', () => {
  test('hands out zeroed, non-overlapping arrays, reused after release', () => {
    const mark = scratchMark()
    const a = scratchF64(5).fill(7)
    const b = scratchI32(3).fill(-1)
    const c = scratchU8(9)
    expect(Array.from(c)).toEqual(new Array(9).fill(0))
    expect(Array.from(a)).toEqual([7, 7, 7, 7, 7])
    expect(Array.from(b)).toEqual([-1, -1, -1])
    scratchRelease(mark)
    const again = scratchF64(5)
    expect(Array.from(again)).toEqual([0, 0, 0, 0, 0]) // same bytes as `a`, zeroed again
    scratchRelease(mark)
  })

  test('a request larger than the buffer gets a fresh array, and the buffer grows for the next', () => {
    const mark = scratchMark()
    const big = scratchF64(1_000_000)
    big[999_999] = 1
    expect(big.length).toBe(1_000_000)
    scratchRelease(mark)
    if (mark === 0) {
      const again = scratchF64(1_000_000)
      expect(again[999_999]).toBe(0)
      scratchRelease(mark)
    }
  })

  test('fitted models own their arrays: later fits (and their scratch) leave them unchanged', () => {
    const iris = loadSplit('iris', 'std')
    const a = new SVC({ C: 1 }).fit(iris.Xtrain, iris.ytrain)
    const before = {
      coef: a.dualCoef.to2DArray(),
      sv: a.supportVectors.to2DArray(),
      b: Array.from(a.intercept),
      pred: Array.from(a.predict(iris.Xtest)),
    }
    const digits = loadSplit('digits', 'std')
    new SVC({ C: 1 }).fit(digits.Xtrain, digits.ytrain)
    const diabetes = loadSplit('diabetes', 'raw')
    new SVR({ C: 100, epsilon: 5 }).fit(diabetes.Xtrain, diabetes.ytrain)
    expect({
      coef: a.dualCoef.to2DArray(),
      sv: a.supportVectors.to2DArray(),
      b: Array.from(a.intercept),
      pred: Array.from(a.predict(iris.Xtest)),
    }).toEqual(before)
    // And refitting gives the very same model.
    const again = new SVC({ C: 1 }).fit(iris.Xtrain, iris.ytrain)
    expect(again.dualCoef.to2DArray()).toEqual(before.coef)
  })

  test('withScratch releases what the call took, on return and on a throw', () => {
    const mark = scratchMark()
    const take = withScratch((n: number) => scratchF64(n).length)
    expect(take(10)).toBe(10)
    expect(scratchMark()).toBe(mark)
    const fail = withScratch(() => {
      scratchI32(4)
      throw new Error('boom')
    })
    expect(fail).toThrow('boom')
    expect(scratchMark()).toBe(mark)
  })
})
