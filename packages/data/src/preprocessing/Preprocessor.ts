/**
 * The scikit-learn transformer contract shared by every preprocessor: the constructor stores
 * options only, `fit` learns a separate fitted state and returns `this`, `transform` /
 * `inverseTransform` need a fitted instance, and `toJSON` / `fromJSON` carry a kind tag and a
 * format version. Structurally compatible with @mlstack/classical's `Transformer`.
 */
import type { Matrix } from 'ml-matrix'
import { FileFormatError, InvalidOptionError, NotFittedError } from '../errors.js'
import { decode, encode } from '../internal/codec.js'

/** Format tag of serialized preprocessors. */
export const PREPROCESSOR_FORMAT = 'mlstack.data'
/** Current format version; loading rejects any other. */
export const PREPROCESSOR_FORMAT_VERSION = 1

export interface SerializedPreprocessor {
  format: typeof PREPROCESSOR_FORMAT
  version: number
  kind: string
  params: unknown
  state: unknown
}

export abstract class Preprocessor<P extends object, S extends object> {
  /** The serialization tag, e.g. 'StandardScaler'. */
  abstract readonly kind: string
  protected params: P
  protected state: S | null = null

  constructor(defaults: P, options: Partial<P> = {}) {
    const merged = { ...defaults } as Record<string, unknown>
    for (const [k, v] of Object.entries(options ?? {})) {
      if (!(k in merged)) {
        throw new InvalidOptionError(
          `${this.constructor.name}: unknown option '${k}'; expected one of ${Object.keys(defaults).join(', ')}`,
        )
      }
      if (v !== undefined) merged[k] = v
    }
    this.params = merged as P
  }

  /** Learns the fitted state from data and returns `this`. */
  // biome-ignore lint/suspicious/noExplicitAny: each preprocessor narrows its input type
  abstract fit(X: any, y?: any): this

  /** Applies the fitted transformation (a Matrix; LabelEncoder gives codes). */
  // biome-ignore lint/suspicious/noExplicitAny: each preprocessor narrows its input type
  abstract transform(X: any): Matrix | Int32Array

  /** A copy of the options. */
  getParams(): P {
    return { ...this.params }
  }

  /** Updates options; the fitted state is kept until the next `fit`. */
  setParams(p: Partial<P>): this {
    for (const [k, v] of Object.entries(p)) {
      if (!(k in this.params)) {
        throw new InvalidOptionError(
          `${this.kind}.setParams: unknown option '${k}'; expected one of ${Object.keys(this.params).join(', ')}`,
        )
      }
      ;(this.params as Record<string, unknown>)[k] = v
    }
    return this
  }

  /** A new unfitted instance with the same options. */
  clone(): this {
    const Ctor = this.constructor as new (options: Partial<P>) => this
    return new Ctor(structuredClone(this.params))
  }

  /** True once `fit` has succeeded. */
  get isFitted(): boolean {
    return this.state !== null
  }

  protected fitted(method: string): S {
    if (this.state === null) throw new NotFittedError(this.kind, method)
    return this.state
  }

  /** Tagged, versioned JSON: `{ format: 'mlstack.data', version, kind, params, state }`. */
  toJSON(): SerializedPreprocessor {
    return {
      format: PREPROCESSOR_FORMAT,
      version: PREPROCESSOR_FORMAT_VERSION,
      kind: this.kind,
      params: encode(this.params),
      state: this.state === null ? null : encode(this.state),
    }
  }

  /** Restores options and state from `toJSON()` output (object or JSON string). */
  restoreFromJSON(json: SerializedPreprocessor | string): this {
    const api = `${this.kind}.fromJSON`
    let parsed: unknown = json
    if (typeof json === 'string') {
      try {
        parsed = JSON.parse(json)
      } catch (e) {
        throw new FileFormatError(`${api}: not valid JSON (${(e as Error).message})`)
      }
    }
    const p = parsed as Partial<SerializedPreprocessor> | null
    if (p === null || typeof p !== 'object' || p.format !== PREPROCESSOR_FORMAT) {
      throw new FileFormatError(
        `${api}: format is ${JSON.stringify(p?.format)}; expected '${PREPROCESSOR_FORMAT}'`,
      )
    }
    if (p.version !== PREPROCESSOR_FORMAT_VERSION) {
      throw new FileFormatError(
        `${api}: version is ${JSON.stringify(p.version)}; expected ${PREPROCESSOR_FORMAT_VERSION}`,
      )
    }
    if (p.kind !== this.kind) {
      throw new FileFormatError(
        `${api}: kind is ${JSON.stringify(p.kind)}; expected '${this.kind}'`,
      )
    }
    this.setParams(decode(p.params) as Partial<P>)
    this.state = p.state === null || p.state === undefined ? null : (decode(p.state) as S)
    return this
  }

  /**
   * Revives a saved preprocessor of this class.
   * @example const scaler = StandardScaler.fromJSON(JSON.parse(saved))
   */
  static fromJSON<T extends { restoreFromJSON(json: SerializedPreprocessor | string): T }>(
    this: new () => T,
    json: SerializedPreprocessor | string,
  ): T {
    return new this().restoreFromJSON(json)
  }
}
