/** Shared machinery of GridSearchCV and RandomizedSearchCV: score candidates by CV, refit the best. */
import type { Matrix } from 'ml-matrix'
import { BaseEstimator } from '../base/BaseEstimator.js'
import { ParameterError } from '../errors.js'
import { meanStd, resolveCv, type Splitter } from '../internal/modelSelection.js'
import { type MatrixLike, toVector, type VectorLike } from '../internal/validation.js'
import { type CvEstimator, crossValScore } from './crossValScore.js'
import { getScorer, type Scorable, type Scorer } from './scorers.js'

/** An estimator a search can tune: cloneable, with setParams. */
export interface SearchableEstimator extends CvEstimator {
  setParams(p: Record<string, unknown>): unknown
  readonly kind?: string
}

/** Options common to both searches. */
export interface BaseSearchParams {
  estimator: SearchableEstimator | null
  /** Scorer name or function; default the estimator's score(). */
  scoring: string | Scorer | undefined
  /** Folds or a splitter (default 5). */
  cv: number | Splitter | undefined
  /** Refit the best candidate on all the data (needed for predict). Default true. */
  refit: boolean
}

/** Per-candidate results, as scikit-learn's cv_results_. */
export interface CvResults {
  params: Record<string, unknown>[]
  meanTestScore: number[]
  stdTestScore: number[]
  rankTestScore: number[]
  splitTestScores: number[][]
}

/** Fitted state of a search. */
export interface SearchState {
  bestParams: Record<string, unknown>
  bestScore: number
  bestIndex: number
  bestEstimator: SearchableEstimator | null
  cvResults: CvResults
}

/** Base class of the searches. */
export abstract class BaseSearchCV<P extends BaseSearchParams> extends BaseEstimator<
  P,
  SearchState
> {
  /** The candidate option sets to try. */
  protected abstract candidates(api: string): Record<string, unknown>[]

  fit(X: MatrixLike, y: VectorLike): this {
    const api = `${this.kind}.fit`
    const est = this.params.estimator
    if (!est || typeof est.clone !== 'function' || typeof est.setParams !== 'function') {
      throw new ParameterError(
        `${api}: estimator must be an estimator with clone() and setParams()`,
      )
    }
    const cands = this.candidates(api)
    if (cands.length === 0) throw new ParameterError(`${api}: no candidate parameters to try`)
    const cv = resolveCv(this.params.cv, est, api)
    const results: CvResults = {
      params: [],
      meanTestScore: [],
      stdTestScore: [],
      rankTestScore: [],
      splitTestScores: [],
    }
    for (const params of cands) {
      const candidate = est.clone() as SearchableEstimator
      candidate.setParams(params)
      const scores = crossValScore(candidate, X, y, { cv, scoring: this.params.scoring })
      const { mean, std } = meanStd(scores)
      results.params.push(params)
      results.meanTestScore.push(mean)
      results.stdTestScore.push(std)
      results.splitTestScores.push(Array.from(scores))
    }
    // Rank 1 is best; ties share the lowest rank (scikit-learn's 'min' ranking); NaN ranks last.
    const m = results.meanTestScore.map((v) => (Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v))
    results.rankTestScore = m.map((v) => 1 + m.filter((o) => o > v).length)
    let bestIndex = 0
    for (let i = 1; i < m.length; i++)
      if ((m[i] as number) > (m[bestIndex] as number)) bestIndex = i
    const bestParams = results.params[bestIndex] as Record<string, unknown>
    let bestEstimator: SearchableEstimator | null = null
    if (this.params.refit) {
      bestEstimator = est.clone() as SearchableEstimator
      bestEstimator.setParams(bestParams)
      bestEstimator.fit(X, y)
    }
    this.state = {
      bestParams,
      bestScore: results.meanTestScore[bestIndex] as number,
      bestIndex,
      bestEstimator,
      cvResults: results,
    }
    return this
  }

  private best(method: string): SearchableEstimator & Scorable {
    const s = this.fittedState(method)
    if (!s.bestEstimator) {
      throw new ParameterError(
        `${this.kind}.${method}: refit is false, so there is no fitted best estimator`,
      )
    }
    return s.bestEstimator as SearchableEstimator & Scorable
  }

  predict(X: MatrixLike): Float64Array {
    return this.best('predict').predict(X)
  }

  predictProba(X: MatrixLike): Matrix {
    const b = this.best('predictProba')
    if (typeof b.predictProba !== 'function') {
      throw new ParameterError(
        `${this.kind}.predictProba: the best estimator has no predictProba()`,
      )
    }
    return b.predictProba(X)
  }

  /** Score of the refitted best estimator with the search's scoring. */
  score(X: MatrixLike, y: VectorLike): number {
    const b = this.best('score')
    return getScorer(this.params.scoring, `${this.kind}.score`)(
      b,
      X,
      toVector(y, `${this.kind}.score`),
    )
  }

  get bestParams(): Record<string, unknown> {
    return { ...this.fittedState('bestParams').bestParams }
  }

  /** Mean cross-validated score of the best candidate. */
  get bestScore(): number {
    return this.fittedState('bestScore').bestScore
  }

  get bestEstimator(): SearchableEstimator {
    return this.best('bestEstimator')
  }

  get cvResults(): CvResults {
    return this.fittedState('cvResults').cvResults
  }

  /** Classes of the best classifier. */
  get classes(): Float64Array {
    const c = (this.best('classes') as { classes?: Float64Array }).classes
    if (!c) throw new ParameterError(`${this.kind}.classes: the best estimator is not a classifier`)
    return c
  }
}
