/**
 * The scikit-learn contract every classical estimator follows: the constructor only stores
 * options (merged with defaults), `fit` learns a separate fitted state, `getParams`/`setParams`/
 * `clone` work on options only, and `toJSON`/`fromJSON` carry a kind tag and format version.
 */
import { ModelFormatError, NotFittedError, ParameterError } from '../errors.js'
import { decode, encode } from '../serialization/codec.js'
import { parseSerialized } from '../serialization/registry.js'
import {
  FORMAT,
  FORMAT_VERSION,
  type SerializedEstimator,
} from '../serialization/SerializedEstimator.js'

function cloneParam(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  const est = v as { clone?: () => unknown; kind?: unknown }
  if (typeof est.clone === 'function' && typeof est.kind === 'string') return est.clone()
  if (Array.isArray(v)) return v.map(cloneParam)
  if (ArrayBuffer.isView(v)) return (v as unknown as Float64Array).slice()
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = cloneParam(x)
    return out
  }
  return v
}

/**
 * Base class of every estimator. `P` is the options object, `S` the fitted state.
 * @example
 * class MyModel extends BaseEstimator<{ alpha: number }, { coef: Float64Array }> {
 *   readonly kind = 'MyModel'
 *   constructor(options: Partial<{ alpha: number }> = {}) { super({ alpha: 1 }, options) }
 * }
 */
export abstract class BaseEstimator<P extends object, S extends object> {
  protected params: P
  protected state: S | null = null
  /** The serialization tag, e.g. 'Ridge'. */
  abstract readonly kind: string

  /** `defaults` must list every option key (use `undefined` for optional ones); unknown keys throw a ParameterError. */
  constructor(defaults: P, options: Partial<P> = {}) {
    const merged = { ...defaults } as Record<string, unknown>
    for (const [k, v] of Object.entries(options ?? {})) {
      // A misspelt option would otherwise be silently ignored (scikit-learn raises a TypeError).
      if (!(k in merged)) {
        throw new ParameterError(
          `${new.target.name}: unknown option '${k}'; expected one of ${Object.keys(defaults).join(', ')}`,
        )
      }
      if (v !== undefined) merged[k] = v
    }
    this.params = merged as P
  }

  /** A shallow copy of the options. */
  getParams(): P {
    return { ...this.params }
  }

  /** Updates options (unknown keys throw a ParameterError); the fitted state is kept until the next fit. */
  setParams(p: Partial<P>): this {
    for (const [k, v] of Object.entries(p)) {
      if (!(k in this.params)) {
        throw new ParameterError(
          `${this.kind}.setParams: unknown option '${k}'; expected one of ${Object.keys(this.params).join(', ')}`,
        )
      }
      ;(this.params as Record<string, unknown>)[k] = v
    }
    return this
  }

  /** A new unfitted estimator with the same options (nested estimators cloned too). */
  clone(): this {
    const Ctor = this.constructor as new (options: Partial<P>) => this
    return new Ctor(cloneParam(this.params) as Partial<P>)
  }

  /** True once `fit` has succeeded. */
  get isFitted(): boolean {
    return this.state !== null
  }

  /** The fitted state, or a NotFittedError naming this estimator and `method`. */
  protected fittedState(method: string): S {
    if (this.state === null) throw new NotFittedError(this.kind, method)
    return this.state
  }

  /** Hook: turn the fitted state into encodable data (typed arrays and Matrix are handled). */
  protected encodeState(state: S): unknown {
    return state
  }

  /** Hook: rebuild the fitted state from decoded data; throw ModelFormatError if it is malformed. */
  protected decodeState(raw: unknown): S {
    if (raw === null || typeof raw !== 'object') {
      throw new ModelFormatError(`${this.kind}.fromJSON: state must be an object or null`)
    }
    return raw as S
  }

  /** Tagged, versioned JSON: `{ format, version, kind, params, state }`. */
  toJSON(): SerializedEstimator {
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      kind: this.kind,
      params: encode(this.params),
      state: this.state === null ? null : encode(this.encodeState(this.state)),
    }
  }

  /** Restores options and fitted state into this (unfitted) instance; used by `fromJSON`. */
  restoreFromJSON(json: SerializedEstimator | string): this {
    const api = `${this.kind}.fromJSON`
    const parsed = parseSerialized(json, api)
    if (parsed.kind !== this.kind) {
      throw new ModelFormatError(`${api}: kind is '${parsed.kind}'; expected '${this.kind}'`)
    }
    const params = decode(parsed.params)
    if (params === null || typeof params !== 'object') {
      throw new ModelFormatError(`${api}: params must be an object`)
    }
    this.setParams(params as Partial<P>)
    this.state = parsed.state === null ? null : this.decodeState(decode(parsed.state))
    return this
  }

  /**
   * Revives a saved estimator of this class.
   * @example const model = Ridge.fromJSON(JSON.parse(saved))
   */
  static fromJSON<T extends { restoreFromJSON(json: SerializedEstimator | string): T }>(
    this: new () => T,
    json: SerializedEstimator | string,
  ): T {
    return new this().restoreFromJSON(json)
  }
}
