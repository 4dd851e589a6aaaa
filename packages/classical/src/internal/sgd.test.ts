import { describe, expect, it } from 'vitest'
import { ParameterError } from '../errors.js'
import { SGDClassifier } from '../linear/SGDClassifier.js'
import { SGDRegressor } from '../linear/SGDRegressor.js'
import { sgdSettings } from './sgd.js'

const base = {
  penalty: 'l2' as const,
  alpha: 1e-4,
  fitIntercept: true,
  maxIter: 10,
  tol: 1e-3,
  shuffle: true,
  learningRate: 'optimal' as const,
  eta0: 0,
  powerT: 0.5,
  nIterNoChange: 5,
}

describe('sgdSettings', () => {
  it('maps the options to solver settings (no L2 decay without a penalty)', () => {
    expect(sgdSettings(base, 'api').l2).toBe(1e-4)
    expect(sgdSettings({ ...base, penalty: 'none' }, 'api').l2).toBe(0)
  })

  it('rejects bad options with a ParameterError naming the option', () => {
    expect(() => sgdSettings({ ...base, alpha: 0 }, 'api')).toThrow(/alpha/)
    expect(() => sgdSettings({ ...base, learningRate: 'constant', eta0: 0 }, 'api')).toThrow(/eta0/)
    expect(() => sgdSettings({ ...base, maxIter: 0.5 }, 'api')).toThrow(ParameterError)
  })

  it('guards both SGD estimators the same way', () => {
    const X = [
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ]
    const y = [0, 1, 1, 0]
    expect(() => new SGDClassifier({ alpha: -1 }).fit(X, y)).toThrow(/SGDClassifier\.fit.*alpha/)
    expect(() => new SGDRegressor({ alpha: -1 }).fit(X, y)).toThrow(/SGDRegressor\.fit.*alpha/)
    expect(() => new SGDRegressor({ learningRate: 'bogus' as 'constant' }).fit(X, y)).toThrow(
      ParameterError,
    )
  })
})
