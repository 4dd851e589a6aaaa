// Behaviour beyond the scikit-learn fixtures: input kinds, formatting details, warnings.
import { describe, expect, it, vi } from 'vitest'
import {
  accuracyScore,
  classificationReport,
  confusionMatrix,
  f1Score,
  logLoss,
  meanSquaredError,
  precisionScore,
  r2Score,
  rocAucScore,
  rocCurve,
  uniqueLabels,
} from '../src/index.js'
import { pyFixed } from '../src/internal/format.js'

describe('inputs', () => {
  it('accepts typed arrays and matrix-like objects', () => {
    expect(accuracyScore(Int32Array.of(0, 1, 2, 2), Float64Array.of(0, 2, 2, 2))).toBe(0.75)
    const m = { to2DArray: () => [[1], [2], [4]] }
    expect(meanSquaredError(m, [[1], [2], [2]])).toBeCloseTo(4 / 3, 15)
    expect(rocAucScore([0, 1, 1], Float32Array.of(0.1, 0.9, 0.6))).toBe(1)
  })
  it('uniqueLabels sorts numbers numerically and strings by code unit', () => {
    expect(uniqueLabels([10, 2], [1])).toEqual([1, 2, 10])
    expect(uniqueLabels(['b', 'B', 'a'])).toEqual(['B', 'a', 'b'])
  })
  it('confusion matrix ignores samples outside labels', () => {
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { labels: [2, 0] })).toEqual([
      [1, 0],
      [0, 1],
    ])
  })
})

describe('formatting', () => {
  it('rounds exact ties to even like Python', () => {
    expect(pyFixed(0.625, 2)).toBe('0.62')
    expect(pyFixed(0.375, 2)).toBe('0.38')
    expect(pyFixed(0.125, 2)).toBe('0.12')
    expect(pyFixed(2.5, 0)).toBe('2')
    expect(pyFixed(-0.625, 2)).toBe('-0.62')
    // 0.005 is stored slightly above the tie, so it rounds up in Python too.
    expect(pyFixed(0.005, 2)).toBe('0.01')
    expect(pyFixed(1 / 3, 4)).toBe('0.3333')
  })
  it('classification report text lines up', () => {
    const r = classificationReport([0, 1, 1, 0], [0, 1, 0, 0], { targetNames: ['neg', 'pos'] })
    const lines = r.text.split('\n')
    expect(lines[0]).toBe('              precision    recall  f1-score   support')
    expect(lines[2]).toBe('         neg       0.67      1.00      0.80         2')
    expect(r.accuracy).toBe(0.75)
    expect(r.classes[1]).toMatchObject({ name: 'pos', precision: 1, recall: 0.5, support: 2 })
  })
})

describe('zero division and warnings', () => {
  it("'warn' returns 0 and emits an UndefinedMetricWarning", () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    expect(precisionScore([0, 0, 1], [0, 0, 0])).toBe(0)
    expect(spy).toHaveBeenCalledWith(
      expect.stringMatching(/precision is ill-defined/),
      'UndefinedMetricWarning',
    )
    spy.mockClear()
    expect(precisionScore([0, 0, 1], [0, 0, 0], { zeroDivision: 1 })).toBe(1)
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
  it('f1 is 1 only when nothing is true or predicted and zeroDivision is 1', () => {
    expect(f1Score([0, 0], [0, 0], { zeroDivision: 1 })).toBe(1)
    expect(f1Score([0, 1], [0, 0], { zeroDivision: 1 })).toBe(0)
  })
})

describe('curves and losses', () => {
  it('ROC curve of a small example', () => {
    const r = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    expect(r.fpr).toEqual([0, 0, 0.5, 0.5, 1])
    expect(r.tpr).toEqual([0, 0.5, 0.5, 1, 1])
    expect(r.thresholds).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1])
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75)
  })
  it('AUC counts ties as one half', () => {
    expect(rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5)
    expect(rocAucScore(['a', 'b', 'b'], [0.2, 0.2, 0.9])).toBe(0.75)
  })
  it('log loss of a perfect prediction is clipped, not infinite', () => {
    const l = logLoss(
      [0, 1],
      [
        [1, 0],
        [0, 1],
      ],
    )
    expect(Number.isFinite(l)).toBe(true)
    expect(l).toBeGreaterThan(0)
    expect(l).toBeLessThan(1e-15)
  })
  it('R² of one sample is NaN', () => {
    expect(r2Score([1], [2])).toBeNaN()
  })
})

describe('README example (values printed by scikit-learn 1.2.1)', () => {
  it('gives the documented numbers', () => {
    const yTrue = [0, 1, 2, 2, 1, 0]
    const yPred = [0, 2, 2, 2, 1, 0]
    expect(accuracyScore(yTrue, yPred)).toBe(0.8333333333333334)
    expect(f1Score(yTrue, yPred, { average: 'macro' })).toBeCloseTo(0.8222222222222223, 15)
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ])
    expect(
      logLoss(
        [0, 1, 1],
        [
          [0.9, 0.1],
          [0.2, 0.8],
          [0.3, 0.7],
        ],
      ),
    ).toBeCloseTo(0.22839300363692283, 15)
    expect(r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8])).toBeCloseTo(0.9486081370449679, 15)
  })
})
