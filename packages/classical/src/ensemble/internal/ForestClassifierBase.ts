/**
 * The shared implementation of RandomForestClassifier and ExtraTreesClassifier: they differ only
 * in defaults (bootstrap) and in how each split's threshold is chosen.
 */
import type { Matrix } from 'ml-matrix'
import { BaseClassifier } from '../../base/BaseClassifier.js'
import { ModelFormatError } from '../../errors.js'
import { accuracyScore } from '../../internal/scoring.js'
import {
  checkXyDense,
  denseToMatrix,
  encodeLabels,
  type MatrixLike,
  type VectorLike,
} from '../../internal/validation.js'
import {
  DecisionTreeClassifier,
  type DecisionTreeClassifierState,
} from '../../tree/DecisionTreeClassifier.js'
import type { TreeArrays } from '../../tree/internal/buildTree.js'
import { prepareTreeData } from '../../tree/internal/prepareTreeData.js'
import { type ClassWeight, sampleWeights } from '../../tree/internal/sampleWeights.js'
import { toCheckedFloat32, toFloat32 } from '../../tree/internal/treeOps.js'
import {
  checkForestTrees,
  type ForestOptions,
  forestImportances,
  forestProba,
  growForest,
  outOfBag,
  treeOptionsOf,
} from './forest.js'

/** Options of the forest classifiers. */
export interface ForestClassifierOptions extends ForestOptions {
  /** Split quality: 'gini' (default), 'entropy' or its alias 'log_loss'. */
  criterion: 'gini' | 'entropy' | 'log_loss'
  /** Class weights: null (all 1), 'balanced' (computed on the whole training set) or { label: weight }. */
  classWeight?: ClassWeight
}

/** Fitted state of a forest classifier. */
export interface ForestClassifierState {
  classes: Float64Array
  nFeatures: number
  trees: TreeArrays[]
  /** Out-of-bag accuracy and class fractions (rows x classes), when oobScore was requested. */
  oobScore: number | null
  oobDecision: Float64Array | null
}

/** Base class of the forest classifiers; subclasses pick defaults and the splitter. */
export abstract class ForestClassifierBase extends BaseClassifier<
  ForestClassifierOptions,
  ForestClassifierState
> {
  protected abstract readonly splitter: 'best' | 'random'

  /** Grows `nEstimators` trees on (X, y), optionally weighting samples; labels may be any numbers. */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: VectorLike): this {
    const api = `${this.kind}.fit`
    const { X: Xd, y: yv } = checkXyDense(X, y, api)
    const { classes, encoded } = encodeLabels(yv, api)
    const k = classes.length
    const weights = sampleWeights(Xd.rows, sampleWeight, api, {
      classes,
      encoded,
      classWeight: this.params.classWeight,
    })
    const data = prepareTreeData(Xd, { yClass: encoded, nClasses: k }, weights)
    const grown = growForest(this.params, data, true, this.splitter, api)
    let oobScore: number | null = null
    let oobDecision: Float64Array | null = null
    if (this.params.oobScore) {
      const sampling = { bootstrap: this.params.bootstrap, nDraws: grown.nDraws }
      oobDecision = outOfBag(grown, sampling, toFloat32(Xd), Xd, k, true)
      const pred = new Float64Array(Xd.rows)
      for (let i = 0; i < Xd.rows; i++) pred[i] = classes[argmax(oobDecision, i * k, k)] as number
      oobScore = accuracyScore(yv, pred, api)
    }
    this.state = { classes, nFeatures: Xd.cols, trees: grown.trees, oobScore, oobDecision }
    return this
  }

  /** The class with the highest mean probability over the trees. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fittedState('predict')
    const k = s.classes.length
    const { proba, rows } = this.proba(X, 'predict')
    const out = new Float64Array(rows)
    for (let i = 0; i < rows; i++) out[i] = s.classes[argmax(proba, i * k, k)] as number
    return out
  }

  /** Mean over the trees of each leaf's class fractions (columns follow `classes`). */
  predictProba(X: MatrixLike): Matrix {
    const s = this.fittedState('predictProba')
    const k = s.classes.length
    const { proba, rows } = this.proba(X, 'predictProba')
    return denseToMatrix({ data: proba, rows, cols: k })
  }

  /** Mean impurity-based importance of each feature over the trees (sums to 1). */
  get featureImportances(): Float64Array {
    const s = this.fittedState('featureImportances')
    return forestImportances(s.trees, s.nFeatures)
  }

  /** Out-of-bag accuracy; null unless fitted with `oobScore: true`. */
  get oobScore(): number | null {
    return this.fittedState('oobScore').oobScore
  }

  /** Out-of-bag class fractions per training sample; null unless fitted with `oobScore: true`. */
  get oobDecisionFunction(): Matrix | null {
    const s = this.fittedState('oobDecisionFunction')
    const d = s.oobDecision
    if (d === null) return null
    const k = s.classes.length
    return denseToMatrix({ data: d, rows: d.length / k, cols: k })
  }

  /** The fitted trees' flat arrays. */
  get trees(): readonly Readonly<TreeArrays>[] {
    return this.fittedState('trees').trees
  }

  /**
   * The fitted trees as DecisionTreeClassifier instances (scikit-learn's estimators_), e.g. for
   * exportText(forest.estimators[0]). They share the forest's arrays; do not modify them.
   */
  get estimators(): DecisionTreeClassifier[] {
    const s = this.fittedState('estimators')
    const options = treeOptionsOf(this.params, this.splitter)
    return s.trees.map((tree) => {
      const est = new DecisionTreeClassifier(options)
      // Same package: hand the fitted tree over without copying it.
      const fitted: DecisionTreeClassifierState = {
        classes: s.classes,
        nFeatures: s.nFeatures,
        tree,
      }
      ;(est as unknown as { state: DecisionTreeClassifierState }).state = fitted
      return est
    })
  }

  private proba(X: MatrixLike, method: string): { proba: Float64Array; rows: number } {
    const s = this.fittedState(method)
    const { X32, rows, cols } = toCheckedFloat32(X, s.nFeatures, `${this.kind}.${method}`)
    return { proba: forestProba(s.trees, s.classes.length, X32, rows, cols), rows }
  }

  protected override decodeState(raw: unknown): ForestClassifierState {
    const api = `${this.kind}.fromJSON`
    const r = raw as Partial<ForestClassifierState> | null
    if (!r || !(r.classes instanceof Float64Array) || typeof r.nFeatures !== 'number') {
      throw new ModelFormatError(`${api}: state must hold classes (Float64Array) and nFeatures`)
    }
    return {
      classes: r.classes,
      nFeatures: r.nFeatures,
      trees: checkForestTrees(r.trees, r.classes.length, r.nFeatures, api),
      oobScore: typeof r.oobScore === 'number' ? r.oobScore : null,
      oobDecision: r.oobDecision instanceof Float64Array ? r.oobDecision : null,
    }
  }
}

function argmax(a: Float64Array, off: number, k: number): number {
  let best = 0
  for (let j = 1; j < k; j++) if ((a[off + j] as number) > (a[off + best] as number)) best = j
  return best
}
