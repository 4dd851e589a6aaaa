/** Encoding of categorical features as integer codes, one column per feature. */
import { Matrix } from 'ml-matrix'
import { InvalidOptionError, ShapeMismatchError, UnknownCategoryError } from '../errors.js'
import type { Label } from '../types.js'
import { type CategoricalInput, OneHotEncoder } from './OneHotEncoder.js'
import { Preprocessor } from './Preprocessor.js'

export interface OrdinalEncoderOptions {
  /** 'auto' (sorted values seen in fit) or the categories of each feature, in code order. */
  categories: 'auto' | Label[][]
  /** Unknown category at transform: throw (default) or write `unknownValue`. */
  handleUnknown: 'error' | 'use_encoded_value'
  /** Code for unknown categories with 'use_encoded_value' (NaN or an unused integer). */
  unknownValue: number | null
}

interface State {
  categories: Label[][]
}

/**
 * Maps the categories of each feature to 0..k-1 in category order, as scikit-learn's
 * `OrdinalEncoder`.
 *
 * @example
 * new OrdinalEncoder().fitTransform([['low'], ['high'], ['mid']]).to1DArray() // [1, 0, 2]
 */
export class OrdinalEncoder extends Preprocessor<OrdinalEncoderOptions, State> {
  readonly kind = 'OrdinalEncoder'

  constructor(options: Partial<OrdinalEncoderOptions> = {}) {
    super({ categories: 'auto', handleUnknown: 'error', unknownValue: null }, options)
  }

  get categories(): Label[][] {
    return this.fitted('categories').categories.map((c) => [...c])
  }
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').categories.length
  }

  fit(X: CategoricalInput, _y?: unknown): this {
    const api = `${this.kind}.fit`
    const { handleUnknown, unknownValue } = this.params
    if (handleUnknown !== 'error' && handleUnknown !== 'use_encoded_value') {
      throw new InvalidOptionError(
        `${api}: handleUnknown is ${String(handleUnknown)}; expected 'error' or 'use_encoded_value'`,
      )
    }
    if (handleUnknown === 'use_encoded_value') {
      if (
        typeof unknownValue !== 'number' ||
        !(Number.isNaN(unknownValue) || Number.isInteger(unknownValue))
      ) {
        throw new InvalidOptionError(
          `${api}: unknownValue is ${String(unknownValue)}; expected an integer or NaN with handleUnknown 'use_encoded_value'`,
        )
      }
    }
    // Category discovery and validation are the one-hot encoder's; reuse them.
    const oh = new OneHotEncoder({
      categories: this.params.categories,
      handleUnknown: handleUnknown === 'error' ? 'error' : 'ignore',
    }).fit(X)
    const categories = oh.categories
    if (handleUnknown === 'use_encoded_value' && Number.isInteger(unknownValue)) {
      for (const [j, c] of categories.entries()) {
        if ((unknownValue as number) >= 0 && (unknownValue as number) < c.length) {
          throw new InvalidOptionError(
            `${api}: unknownValue ${unknownValue} is already the code of a category of feature ${j}; pick a value outside [0, ${c.length})`,
          )
        }
      }
    }
    this.state = { categories }
    return this
  }

  transform(X: CategoricalInput): Matrix {
    const api = `${this.kind}.transform`
    const s = this.fitted('transform')
    const rows = Matrix.isMatrix(X)
      ? (X as Matrix).to2DArray()
      : Array.from(X as ArrayLike<ArrayLike<Label>>, (r) => Array.from(r))
    const cols = s.categories.length
    const lookups = s.categories.map((c) => new Map(c.map((v, k) => [v, k] as const)))
    const out = new Matrix(rows.length, cols)
    for (const [i, r] of rows.entries()) {
      if (r.length !== cols) {
        throw new ShapeMismatchError(
          `${api}: X row ${i} has ${r.length} features but this instance was fitted with ${cols}`,
        )
      }
      for (let j = 0; j < cols; j++) {
        const code = lookups[j]!.get(r[j]!)
        if (code !== undefined) out.set(i, j, code)
        else if (this.params.handleUnknown === 'use_encoded_value')
          out.set(i, j, this.params.unknownValue as number)
        else {
          throw new UnknownCategoryError(
            `${api}: X[${i}][${j}] is ${JSON.stringify(r[j])}, a category not seen in fit; use handleUnknown: 'use_encoded_value'`,
          )
        }
      }
    }
    return out
  }

  fitTransform(X: CategoricalInput, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }

  /** Codes back to categories (unknown codes give null). */
  inverseTransform(X: Matrix | ArrayLike<ArrayLike<number>>): (Label | null)[][] {
    const s = this.fitted('inverseTransform')
    const rows = Matrix.isMatrix(X)
      ? (X as Matrix).to2DArray()
      : Array.from(X as ArrayLike<ArrayLike<number>>, (r) => Array.from(r))
    return rows.map((r, i) => {
      if (r.length !== s.categories.length) {
        throw new ShapeMismatchError(
          `${this.kind}.inverseTransform: row ${i} has ${r.length} columns; expected ${s.categories.length}`,
        )
      }
      return r.map((code, j) => s.categories[j]![code] ?? null)
    })
  }
}
