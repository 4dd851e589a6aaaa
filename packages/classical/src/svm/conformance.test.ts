/** The shared checkEstimator suite over the SVM estimators. */
import { describe, expect, test } from 'vitest'
import { checkEstimator } from '../testing/index.js'
import { LinearSVC } from './LinearSVC.js'
import { SVC } from './SVC.js'
import { SVR } from './SVR.js'

const t = { describe, test, expect }
checkEstimator('SVC', () => new SVC(), { task: 'classification', predictProba: false }, t)
checkEstimator(
  'SVC poly (binary)',
  () => new SVC({ kernel: 'poly', degree: 2, C: 3 }),
  { task: 'classification', binary: true, predictProba: false },
  t,
)
checkEstimator(
  'SVC probability',
  () => new SVC({ probability: true, randomState: 0 }),
  { task: 'classification' },
  t,
)
checkEstimator('SVR', () => new SVR({ C: 10 }), { task: 'regression' }, t)
checkEstimator('SVR linear', () => new SVR({ kernel: 'linear', C: 10 }), { task: 'regression' }, t)
checkEstimator('LinearSVC', () => new LinearSVC(), { task: 'classification' }, t)
checkEstimator(
  'LinearSVC (binary)',
  () => new LinearSVC({ loss: 'hinge' }),
  { task: 'classification', binary: true },
  t,
)
