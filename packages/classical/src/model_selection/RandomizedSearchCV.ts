/** Random search over option distributions, scored by cross-validation (scikit-learn's RandomizedSearchCV), seeded. */
import { ParameterError } from '../errors.js'
import { Random } from '../internal/random.js'
import { checkRange } from '../internal/validation.js'
import { registerEstimator } from '../serialization/registry.js'
import { BaseSearchCV, type BaseSearchParams } from './BaseSearchCV.js'
import { type Distribution, sample } from './distributions.js'

/** Options of RandomizedSearchCV. */
export interface RandomizedSearchCVParams extends BaseSearchParams {
  /** Option name → list of values (drawn uniformly) or a distribution (uniform, logUniform, randInt). */
  paramDistributions: Record<string, readonly unknown[] | Distribution>
  /** Candidates drawn. Default 10. */
  nIter: number
  randomState: number | undefined
}

/**
 * Randomized search with cross-validation.
 * @example
 * const search = new RandomizedSearchCV({
 *   estimator: new LogisticRegression(), paramDistributions: { C: logUniform(1e-3, 1e3) }, nIter: 20, randomState: 0,
 * })
 * search.fit(X, y).bestParams
 */
export class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCVParams> {
  readonly kind = 'RandomizedSearchCV'

  constructor(options: Partial<RandomizedSearchCVParams> = {}) {
    super(
      {
        estimator: null,
        paramDistributions: {},
        nIter: 10,
        randomState: undefined,
        scoring: undefined,
        cv: undefined,
        refit: true,
      },
      options,
    )
  }

  protected candidates(api: string): Record<string, unknown>[] {
    const nIter = checkRange(this.params.nIter, 'nIter', api, 1, Number.POSITIVE_INFINITY, {
      integer: true,
    })
    const dists = this.params.paramDistributions
    const keys = Object.keys(dists).sort()
    for (const k of keys) {
      const d = dists[k] as unknown
      const ok = Array.isArray(d)
        ? d.length > 0
        : typeof d === 'object' &&
          d !== null &&
          ['uniform', 'loguniform', 'randint'].includes((d as Distribution).dist)
      if (!ok) {
        throw new ParameterError(
          `${api}: paramDistributions['${k}'] must be a non-empty array or uniform()/logUniform()/randInt()`,
        )
      }
    }
    const rng = new Random(this.params.randomState)
    const out: Record<string, unknown>[] = []
    for (let i = 0; i < nIter; i++) {
      const c: Record<string, unknown> = {}
      for (const k of keys) c[k] = sample(dists[k] as Distribution, rng)
      out.push(c)
    }
    return out
  }
}

registerEstimator('RandomizedSearchCV', (json) => RandomizedSearchCV.fromJSON(json))
