/** Exhaustive search over a grid of options, scored by cross-validation (scikit-learn's GridSearchCV). */
import { ParameterError } from '../errors.js'
import { registerEstimator } from '../serialization/registry.js'
import { BaseSearchCV, type BaseSearchParams } from './BaseSearchCV.js'

/** A grid: option name → values to try; or several grids (their union). */
export type ParamGrid = Record<string, readonly unknown[]> | Record<string, readonly unknown[]>[]

/** Options of GridSearchCV. */
export interface GridSearchCVParams extends BaseSearchParams {
  paramGrid: ParamGrid
}

/** Every combination of a grid, in scikit-learn's order (sorted keys, last key varying fastest). */
export function expandGrid(grid: ParamGrid, api: string): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? grid : [grid]
  const out: Record<string, unknown>[] = []
  for (const g of grids) {
    const keys = Object.keys(g).sort()
    for (const k of keys) {
      const v = g[k]
      if (!Array.isArray(v) || v.length === 0) {
        throw new ParameterError(`${api}: paramGrid['${k}'] must be a non-empty array of values`)
      }
    }
    let combos: Record<string, unknown>[] = [{}]
    for (const k of keys) {
      const next: Record<string, unknown>[] = []
      for (const c of combos) for (const v of g[k] as unknown[]) next.push({ ...c, [k]: v })
      combos = next
    }
    out.push(...combos)
  }
  return out
}

/**
 * Grid search with cross-validation; predicts with the best candidate refitted on all the data.
 * @example
 * const search = new GridSearchCV({ estimator: new Ridge(), paramGrid: { alpha: [0.1, 1, 10] }, cv: 5 })
 * search.fit(X, y).bestParams // { alpha: 1 }
 */
export class GridSearchCV extends BaseSearchCV<GridSearchCVParams> {
  readonly kind = 'GridSearchCV'

  constructor(options: Partial<GridSearchCVParams> = {}) {
    super(
      { estimator: null, paramGrid: {}, scoring: undefined, cv: undefined, refit: true },
      options,
    )
  }

  protected candidates(api: string): Record<string, unknown>[] {
    return expandGrid(this.params.paramGrid, api)
  }
}

registerEstimator('GridSearchCV', (json) => GridSearchCV.fromJSON(json))
