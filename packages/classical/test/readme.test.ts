/** The README's example, run as written (so the documentation cannot rot). */
import { describe, expect, test } from 'vitest'
import { GridSearchCV, LogisticRegression, loadEstimator, PCA, Pipeline } from '../src/index.js'

describe('README example', () => {
  test('fit, predict, search and reload', () => {
    const X = [
      [5.1, 3.5, 1.4, 0.2],
      [4.9, 3.0, 1.4, 0.2],
      [6.7, 3.1, 4.4, 1.4],
      [6.3, 2.5, 4.9, 1.5],
      [5.0, 3.4, 1.5, 0.2],
      [5.9, 3.0, 4.2, 1.5],
      [4.6, 3.1, 1.5, 0.2],
      [6.1, 2.9, 4.7, 1.4],
    ]
    const y = [0, 0, 1, 1, 0, 1, 0, 1]

    const clf = new LogisticRegression({ C: 1 }).fit(X, y)
    expect(Array.from(clf.predict([[6.0, 2.9, 4.5, 1.5]]))).toEqual([1])
    const P = clf.predictProba([[6.0, 2.9, 4.5, 1.5]])
    expect([P.rows, P.columns]).toEqual([1, 2])

    const search = new GridSearchCV({
      estimator: new Pipeline({
        steps: [
          ['pca', new PCA({ nComponents: 2 })],
          ['clf', new LogisticRegression()],
        ],
      }),
      paramGrid: { clf__C: [0.1, 1, 10] },
      cv: 2,
    }).fit(X, y)
    expect([0.1, 1, 10]).toContain(search.bestParams.clf__C)

    const saved = JSON.stringify(clf.toJSON())
    const again = loadEstimator(saved) as LogisticRegression
    expect(Array.from(again.predictProba(X).to1DArray())).toEqual(
      Array.from(clf.predictProba(X).to1DArray()),
    )
  })
})
