/**
 * The shared implementation of RandomForestRegressor and ExtraTreesRegressor: they differ only in
 * defaults (bootstrap) and in how each split's threshold is chosen.
 */
import { BaseRegressor } from '../../base/BaseRegressor.js'
import { ModelFormatError } from '../../errors.js'
import { r2Score } from '../../internal/scoring.js'
import { checkXyDense, type MatrixLike, type VectorLike } from '../../internal/validation.js'
import {
  DecisionTreeRegressor,
  type DecisionTreeRegressorState,
} from '../../tree/DecisionTreeRegressor.js'
import type { TreeArrays } from '../../tree/internal/buildTree.js'
import { prepareTreeData } from '../../tree/internal/prepareTreeData.js'
import { sampleWeights } from '../../tree/internal/sampleWeights.js'
import { toCheckedFloat32, toFloat32 } from '../../tree/internal/treeOps.js'
import {
  checkForestTrees,
  type ForestOptions,
  forestImportances,
  forestMean,
  growForest,
  outOfBag,
  treeOptionsOf,
} from './forest.js'

/** Options of the forest regressors. */
export interface ForestRegressorOptions extends ForestOptions {
  /** Split quality: 'squared_error' (variance reduction) or 'friedman_mse' (Friedman's improvement score). */
  criterion: 'squared_error' | 'friedman_mse'
}

/** Fitted state of a forest regressor. */
export interface ForestRegressorState {
  nFeatures: number
  trees: TreeArrays[]
  /** Out-of-bag R² and predictions, when oobScore was requested. */
  oobScore: number | null
  oobPrediction: Float64Array | null
}

/** Base class of the forest regressors; subclasses pick defaults and the splitter. */
export abstract class ForestRegressorBase extends BaseRegressor<
  ForestRegressorOptions,
  ForestRegressorState
> {
  protected abstract readonly splitter: 'best' | 'random'

  /** Grows `nEstimators` trees on (X, y), optionally weighting samples. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const data = prepareTreeData(Xd, { yReg: yv }, sampleWeights(Xd.rows, sampleWeight, api))
    const grown = growForest(this.params, data, false, this.splitter, api)
    let oobScore: number | null = null
    let oobPrediction: Float64Array | null = null
    if (this.params.oobScore) {
      const sampling = { bootstrap: this.params.bootstrap, nDraws: grown.nDraws }
      oobPrediction = outOfBag(grown, sampling, toFloat32(Xd), Xd, 1, false)
      oobScore = r2Score(yv, oobPrediction, api)
    }
    this.state = { nFeatures: Xd.cols, trees: grown.trees, oobScore, oobPrediction }
    return this
  }

  /** Mean of the trees' predictions. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const { X32, rows, cols } = toCheckedFloat32(X, s.nFeatures, `${this.kind}.predict`)
    return forestMean(s.trees, X32, rows, cols)
  }

  /** Mean impurity-based importance of each feature over the trees (sums to 1). */
  get featureImportances(): Float64Array {
    const s = this.fittedState('featureImportances')
    return forestImportances(s.trees, s.nFeatures)
  }

  /** Out-of-bag R²; null unless fitted with `oobScore: true`. */
  get oobScore(): number | null {
    return this.fittedState('oobScore').oobScore
  }

  /** Out-of-bag prediction per training sample; null unless fitted with `oobScore: true`. */
  get oobPrediction(): Float64Array | null {
    return this.fittedState('oobPrediction').oobPrediction?.slice() ?? null
  }

  /** The fitted trees' flat arrays. */
  get trees(): readonly Readonly<TreeArrays>[] {
    return this.fittedState('trees').trees
  }

  /**
   * The fitted trees as DecisionTreeRegressor instances (scikit-learn's estimators_), e.g. for
   * exportText(forest.estimators[0]). They share the forest's arrays; do not modify them.
   */
  get estimators(): DecisionTreeRegressor[] {
    const s = this.fittedState('estimators')
    const options = treeOptionsOf(this.params, this.splitter)
    return s.trees.map((tree) => {
      const est = new DecisionTreeRegressor(options)
      // Same package: hand the fitted tree over without copying it.
      const fitted: DecisionTreeRegressorState = { nFeatures: s.nFeatures, tree }
      ;(est as unknown as { state: DecisionTreeRegressorState }).state = fitted
      return est
    })
  }

  protected override decodeState(raw: unknown): ForestRegressorState {
    const api = `${this.kind}.fromJSON`
    const r = raw as Partial<ForestRegressorState> | null
    if (!r || typeof r.nFeatures !== 'number') {
      throw new ModelFormatError(`${api}: state must hold nFeatures and trees`)
    }
    return {
      nFeatures: r.nFeatures,
      trees: checkForestTrees(r.trees, 1, r.nFeatures, api),
      oobScore: typeof r.oobScore === 'number' ? r.oobScore : null,
      oobPrediction: r.oobPrediction instanceof Float64Array ? r.oobPrediction : null,
    }
  }
}
