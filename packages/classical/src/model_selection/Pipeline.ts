/**
 * Pipeline: a chain of transformers ending in any estimator, fitted and applied as one model.
 * Steps can be this package's estimators or any object with fit/transform (e.g.
 * @mlstack/data's StandardScaler); nested options are addressed as 'step__option'.
 */
import { loadPreprocessor } from '@mlstack/data'
import type { Matrix } from 'ml-matrix'
import { BaseEstimator } from '../base/BaseEstimator.js'
import { InputError, ModelFormatError, ParameterError } from '../errors.js'
import {
  type Dense,
  type MatrixLike,
  toDense,
  toDenseFitted,
  toVector,
  type VectorLike,
} from '../internal/validation.js'
import { registerEstimator, registerFormat } from '../serialization/registry.js'
import type { SerializedEstimator } from '../serialization/SerializedEstimator.js'
import { getScorer, type Scorable } from './scorers.js'

/** Row views of a validated matrix (steps copy what they keep). */
function rowsOf(X: Dense): Float64Array[] {
  const out: Float64Array[] = new Array(X.rows)
  for (let i = 0; i < X.rows; i++) out[i] = X.data.subarray(i * X.cols, (i + 1) * X.cols)
  return out
}

/** A step: anything with fit (and transform, for every step but the last). */
export interface PipelineStep {
  fit(X: MatrixLike, y?: VectorLike): unknown
  transform?(X: MatrixLike): Matrix
  fitTransform?(X: MatrixLike, y?: VectorLike): Matrix
  predict?(X: MatrixLike): Float64Array
  predictProba?(X: MatrixLike): Matrix
  decisionFunction?(X: MatrixLike): Matrix | Float64Array
  score?(X: MatrixLike, y: VectorLike): number
  setParams?(p: Record<string, unknown>): unknown
  getParams?(): object
  clone?(): PipelineStep
  readonly classes?: Float64Array
}

/** Options of Pipeline. */
export interface PipelineParams {
  /** Named steps, e.g. [['scaler', new StandardScaler()], ['clf', new LogisticRegression()]]. */
  steps: [string, PipelineStep][]
}

/** Fitted state: the steps themselves hold their fitted state. */
export interface PipelineState {
  nFeatures: number
}

/**
 * Chains transformers and a final estimator.
 * @example
 * const model = new Pipeline({ steps: [['scaler', new StandardScaler()], ['clf', new LogisticRegression()]] })
 * model.fit(Xtrain, ytrain).score(Xtest, ytest)
 * model.setParams({ clf__C: 10 })
 */
export class Pipeline extends BaseEstimator<PipelineParams, PipelineState> {
  readonly kind = 'Pipeline'

  constructor(options: Partial<PipelineParams> = {}) {
    super({ steps: [] }, options)
  }

  private checkSteps(api: string): [string, PipelineStep][] {
    const steps = this.params.steps
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new ParameterError(`${api}: steps is empty; expected [[name, estimator], ...]`)
    }
    const names = new Set<string>()
    steps.forEach((s, i) => {
      if (!Array.isArray(s) || typeof s[0] !== 'string' || typeof s[1]?.fit !== 'function') {
        throw new ParameterError(`${api}: step ${i} must be [name, estimator-with-fit]`)
      }
      if (s[0].includes('__') || names.has(s[0])) {
        throw new ParameterError(`${api}: step name '${s[0]}' is duplicated or contains '__'`)
      }
      names.add(s[0])
      if (i < steps.length - 1 && typeof s[1].transform !== 'function') {
        throw new ParameterError(`${api}: step '${s[0]}' is not last but has no transform()`)
      }
    })
    return steps
  }

  /** The final estimator. */
  get finalEstimator(): PipelineStep {
    const steps = this.checkSteps(`${this.kind}.finalEstimator`)
    return (steps[steps.length - 1] as [string, PipelineStep])[1]
  }

  /** A step by name. */
  namedStep(name: string): PipelineStep {
    const s = this.params.steps.find(([n]) => n === name)
    if (!s) throw new ParameterError(`${this.kind}.namedStep: no step named '${name}'`)
    return s[1]
  }

  fit(X: MatrixLike, y?: VectorLike): this {
    const api = `${this.kind}.fit`
    const steps = this.checkSteps(api)
    // Validated here so every step, including foreign ones, sees clean numeric rows and errors are this package's.
    const Xd = toDense(X, api)
    if (y !== undefined && toVector(y, api).length !== Xd.rows) {
      throw new InputError(
        `${api}: X has ${Xd.rows} samples but y has ${y.length}; expected the same number of samples`,
      )
    }
    let Xt: MatrixLike = rowsOf(Xd)
    for (let i = 0; i < steps.length - 1; i++) {
      const step = (steps[i] as [string, PipelineStep])[1]
      if (typeof step.fitTransform === 'function') {
        Xt = step.fitTransform(Xt, y)
      } else {
        step.fit(Xt, y)
        Xt = (step.transform as (X: MatrixLike) => Matrix)(Xt)
      }
    }
    const last = (steps[steps.length - 1] as [string, PipelineStep])[1]
    if (y === undefined) last.fit(Xt)
    else last.fit(Xt, y)
    this.state = { nFeatures: Xd.cols }
    return this
  }

  private transformUpTo(X: MatrixLike, method: string): MatrixLike {
    const s = this.fittedState(method)
    const api = `${this.kind}.${method}`
    const Xd = toDenseFitted(X, s.nFeatures, api)
    const steps = this.params.steps
    let Xt: MatrixLike = rowsOf(Xd)
    for (let i = 0; i < steps.length - 1; i++) {
      Xt = ((steps[i] as [string, PipelineStep])[1].transform as (X: MatrixLike) => Matrix)(Xt)
    }
    return Xt
  }

  private finalMethod<K extends 'predict' | 'predictProba' | 'decisionFunction' | 'transform'>(
    name: K,
  ): NonNullable<PipelineStep[K]> {
    const last = this.finalEstimator
    const fn = last[name]
    if (typeof fn !== 'function') {
      throw new ParameterError(`${this.kind}.${name}: the final step has no ${name}()`)
    }
    return fn.bind(last) as NonNullable<PipelineStep[K]>
  }

  predict(X: MatrixLike): Float64Array {
    const Xt = this.transformUpTo(X, 'predict')
    return this.finalMethod('predict')(Xt)
  }

  predictProba(X: MatrixLike): Matrix {
    const Xt = this.transformUpTo(X, 'predictProba')
    return this.finalMethod('predictProba')(Xt)
  }

  decisionFunction(X: MatrixLike): Matrix | Float64Array {
    const Xt = this.transformUpTo(X, 'decisionFunction')
    return this.finalMethod('decisionFunction')(Xt)
  }

  /** Applies every step's transform (the final step must be a transformer). */
  transform(X: MatrixLike): Matrix {
    const Xt = this.transformUpTo(X, 'transform')
    return this.finalMethod('transform')(Xt)
  }

  fitTransform(X: MatrixLike, y?: VectorLike): Matrix {
    return this.fit(X, y).transform(X)
  }

  /** The final estimator's score on the transformed X. */
  score(X: MatrixLike, y: VectorLike): number {
    const Xt = this.transformUpTo(X, 'score')
    const last = this.finalEstimator
    const yv = toVector(y, `${this.kind}.score`)
    return getScorer(undefined, `${this.kind}.score`)(last as Scorable, Xt, yv)
  }

  /** Classes of the final classifier. */
  get classes(): Float64Array {
    this.fittedState('classes')
    const c = this.finalEstimator.classes
    if (!c) throw new ParameterError(`${this.kind}.classes: the final step is not a classifier`)
    return c
  }

  /** Options of the pipeline plus every step's options as 'step__option'. */
  override getParams(): PipelineParams & Record<string, unknown> {
    const out: Record<string, unknown> = { steps: this.params.steps }
    for (const [name, step] of this.params.steps) {
      if (typeof step.getParams !== 'function') continue
      for (const [k, v] of Object.entries(step.getParams())) out[`${name}__${k}`] = v
    }
    return out as PipelineParams & Record<string, unknown>
  }

  /** Accepts `steps` and nested 'step__option' keys. */
  override setParams(p: Partial<PipelineParams> & Record<string, unknown>): this {
    const own: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(p)) {
      const cut = k.indexOf('__')
      if (cut < 0) {
        own[k] = v
        continue
      }
      const name = k.slice(0, cut)
      const step = this.params.steps.find(([n]) => n === name)
      if (!step) {
        throw new ParameterError(
          `${this.kind}.setParams: '${k}' names no step; steps are ${this.params.steps.map(([n]) => n).join(', ')}`,
        )
      }
      if (typeof step[1].setParams !== 'function') {
        throw new ParameterError(`${this.kind}.setParams: step '${name}' has no setParams()`)
      }
      step[1].setParams({ [k.slice(cut + 2)]: v })
    }
    return super.setParams(own as Partial<PipelineParams>)
  }

  /** Serializes the steps with their fitted state; every step must have toJSON and a kind tag. */
  override toJSON(): SerializedEstimator {
    for (const [name, step] of this.params.steps) {
      const s = step as { toJSON?: unknown; kind?: unknown }
      if (typeof s.toJSON !== 'function' || typeof s.kind !== 'string') {
        throw new ModelFormatError(
          `${this.kind}.toJSON: step '${name}' cannot be serialized; expected an estimator with toJSON() and a kind tag`,
        )
      }
    }
    return super.toJSON()
  }

  protected override decodeState(raw: unknown): PipelineState {
    const n = (raw as { nFeatures?: unknown } | null)?.nFeatures
    if (typeof n !== 'number') {
      throw new ModelFormatError(`${this.kind}.fromJSON: state.nFeatures must be a number`)
    }
    return { nFeatures: n }
  }
}

registerEstimator('Pipeline', (json) => Pipeline.fromJSON(json))
// @mlstack/data's preprocessors (format 'mlstack.data') can be pipeline steps and are saved with it.
registerFormat('mlstack.data', (json) => loadPreprocessor(json))
