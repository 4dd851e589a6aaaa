// Bad input gets a typed error naming the metric, what was given and what was expected.
import { describe, expect, it } from 'vitest'
import * as M from '../src/index.js'
import {
  accuracyScore,
  classificationReport,
  confusionMatrix,
  EmptyInputError,
  f1Score,
  InvalidOptionError,
  InvalidValueError,
  LengthMismatchError,
  logLoss,
  MetricError,
  meanSquaredError,
  precisionScore,
  r2Score,
  rocAucScore,
  rocCurve,
  UndefinedMetricError,
} from '../src/index.js'

describe('typed errors', () => {
  it('length mismatch', () => {
    expect(() => accuracyScore([0, 1], [0, 1, 1])).toThrow(LengthMismatchError)
    expect(() => accuracyScore([0, 1], [0, 1, 1])).toThrow(
      /accuracyScore: yTrue has 2 samples but yPred has 3/,
    )
    expect(() => meanSquaredError([1, 2], [1])).toThrow(LengthMismatchError)
    expect(() => rocAucScore([0, 1], [0.5])).toThrow(LengthMismatchError)
    expect(() => accuracyScore([0, 1], [0, 1], { sampleWeight: [1] })).toThrow(LengthMismatchError)
    expect(() => meanSquaredError([[1, 2]], [[1, 2, 3]])).toThrow(InvalidValueError)
  })
  it('empty input', () => {
    expect(() => accuracyScore([], [])).toThrow(EmptyInputError)
    expect(() => f1Score([], [])).toThrow(/f1Score: yTrue is empty/)
    expect(() => r2Score(new Float64Array(0), new Float64Array(0))).toThrow(EmptyInputError)
    expect(() => logLoss([], [])).toThrow(EmptyInputError)
  })
  it('NaN and infinities', () => {
    expect(() => accuracyScore([0, Number.NaN], [0, 1])).toThrow(InvalidValueError)
    expect(() => meanSquaredError([1, Number.NaN], [1, 2])).toThrow(/yTrue\[1\] is NaN/)
    expect(() => rocAucScore([0, 1], [0.1, Number.POSITIVE_INFINITY])).toThrow(InvalidValueError)
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, Number.NaN],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(InvalidValueError)
    expect(() => accuracyScore([0, 1], [0, 1], { sampleWeight: [1, -1] })).toThrow(/non-negative/)
  })
  it('mixed label types and non-arrays', () => {
    expect(() => accuracyScore([0, 'a'] as never, [0, 'a'] as never)).toThrow(
      /mixes numbers and strings/,
    )
    expect(() => confusionMatrix([0, 1], ['a', 'b'])).toThrow(InvalidValueError)
    expect(() => accuracyScore(5 as never, [1])).toThrow(/must be an array/)
  })
  it('single class makes ROC AUC undefined', () => {
    expect(() => rocAucScore([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(UndefinedMetricError)
    expect(() => rocAucScore([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(/only one class/)
  })
  it('bad options', () => {
    expect(() => precisionScore([0, 1, 2], [0, 1, 2])).toThrow(InvalidOptionError)
    expect(() => precisionScore([0, 1, 2], [0, 1, 2])).toThrow(/multiclass .* average is 'binary'/)
    expect(() => precisionScore([0, 2], [0, 2])).toThrow(/posLabel 1 is not a label/)
    expect(() => f1Score([0, 1], [0, 1], { average: 'mean' as never })).toThrow(InvalidOptionError)
    expect(() => f1Score([0, 1], [0, 1], { zeroDivision: 2 as never })).toThrow(InvalidOptionError)
    expect(() => rocCurve(['a', 'b'], [0.1, 0.2])).toThrow(/pass posLabel/)
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow(InvalidOptionError)
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).toThrow(
      InvalidOptionError,
    )
    expect(() =>
      logLoss(
        [0, 1, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/2 columns but there are 3 classes/)
    expect(() => logLoss([1, 1], [0.5, 0.5])).toThrow(/only one label/)
  })
  it('newer metrics validate too', () => {
    expect(() =>
      M.topKAccuracyScore(
        [0, 1, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/2 columns but there are 3 classes/)
    expect(() => M.topKAccuracyScore([0, 1], [0.2, 0.8], { k: 0 })).toThrow(InvalidOptionError)
    expect(() => M.precisionRecallCurve(['a', 'b'], [0.1, 0.9])).toThrow(/pass posLabel/)
    expect(() => M.precisionRecallCurve([0, 1], [0.1, 0.9], { posLabel: 2 })).toThrow(
      /posLabel 2 is not a label/,
    )
    expect(() => M.averagePrecisionScore([0, 1, 2], [0.1, 0.5, 0.9])).toThrow(InvalidOptionError)
    // A score matrix whose columns do not match the classes is bad input, as in rocAucScore.
    expect(() =>
      M.averagePrecisionScore(
        [0, 1, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(InvalidValueError)
    expect(() => M.cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as never })).toThrow(
      InvalidOptionError,
    )
    expect(() => M.matthewsCorrcoef([0, 1], [0])).toThrow(LengthMismatchError)
    expect(() => M.balancedAccuracyScore([], [])).toThrow(EmptyInputError)
    expect(() => M.maxError([[1, 2]] as never, [[1, 2]] as never)).toThrow(/expected one/)
    expect(() => M.meanAbsolutePercentageError([1, Number.NaN], [1, 1])).toThrow(InvalidValueError)
    for (const f of [
      M.meanSquaredError,
      M.meanAbsoluteError,
      M.r2Score,
      M.explainedVarianceScore,
    ]) {
      expect(() => f([1, 2], [1, 3], { sampleWeight: [0, 0] })).toThrow(/sampleWeight sums to 0/)
    }
    const zero = { sampleWeight: [0, 0] }
    expect(() => M.accuracyScore([0, 1], [0, 1], zero)).toThrow(/sampleWeight sums to 0/)
    expect(M.accuracyScore([0, 1], [0, 1], { ...zero, normalize: false })).toBe(0)
    const proba = [
      [0.9, 0.1],
      [0.2, 0.8],
    ]
    expect(() => M.logLoss([0, 1], proba, zero)).toThrow(/sampleWeight sums to 0/)
    expect(() => M.topKAccuracyScore([0, 1], proba, { ...zero, k: 1 })).toThrow(
      /sampleWeight sums to 0/,
    )
  })
  it('every error is a MetricError with a specific name', () => {
    try {
      accuracyScore([], [])
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MetricError)
      expect(e).toBeInstanceOf(Error)
      expect((e as Error).name).toBe('EmptyInputError')
    }
  })
})
