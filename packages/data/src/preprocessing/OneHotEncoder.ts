/** One-hot (dummy) encoding of categorical features. */
import { Matrix } from 'ml-matrix'
import {
  InvalidDataError,
  InvalidOptionError,
  ShapeMismatchError,
  UnknownCategoryError,
} from '../errors.js'
import { compareLabels } from '../internal/labels.js'
import type { Label } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

/** Rows of categorical values (numbers or strings), or a numeric Matrix. */
export type CategoricalInput = ArrayLike<ArrayLike<Label>> | Matrix

export interface OneHotEncoderOptions {
  /** 'auto' (sorted values seen in fit) or the categories of each feature, in output order. */
  categories: 'auto' | Label[][]
  /** Unknown category at transform: throw (default) or encode as all zeros. */
  handleUnknown: 'error' | 'ignore'
  /**
   * Drop one column per feature to avoid collinearity: 'first', 'if_binary' (only two-category
   * features), or the category to drop per feature. Default null (keep all).
   */
  drop: null | 'first' | 'if_binary' | Label[]
}

interface State {
  categories: Label[][]
  /** Index of the dropped category of each feature, or -1. */
  dropIdx: number[]
}

function readRows(api: string, X: CategoricalInput): Label[][] {
  const rows: Label[][] = []
  if (Matrix.isMatrix(X)) {
    for (const r of (X as Matrix).to2DArray()) rows.push(r)
  } else {
    if (
      X === null ||
      typeof X !== 'object' ||
      typeof (X as ArrayLike<unknown>).length !== 'number'
    ) {
      throw new InvalidDataError(`${api}: X must be an array of rows or a Matrix, got ${typeof X}`)
    }
    const src = X as ArrayLike<ArrayLike<Label>>
    for (let i = 0; i < src.length; i++) {
      const r = src[i] as unknown
      if (!(Array.isArray(r) || ArrayBuffer.isView(r))) {
        throw new InvalidDataError(
          `${api}: X row ${i} is not an array; expected 2-D input (rows of categories)`,
        )
      }
      rows.push(Array.from(r as ArrayLike<Label>))
    }
  }
  if (rows.length === 0 || rows[0]!.length === 0) {
    throw new InvalidDataError(`${api}: X is empty; expected at least 1 sample and 1 feature`)
  }
  const cols = rows[0]!.length
  for (const [i, r] of rows.entries()) {
    if (r.length !== cols) {
      throw new InvalidDataError(
        `${api}: X row ${i} has ${r.length} values but row 0 has ${cols}; expected a rectangular input`,
      )
    }
    for (const [j, v] of r.entries()) {
      const ok = typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
      if (!ok) {
        throw new InvalidDataError(
          `${api}: X[${i}][${j}] is ${String(v)}; expected a finite number or a string category`,
        )
      }
    }
  }
  return rows
}

/**
 * Encodes each categorical feature as one 0/1 column per category, as scikit-learn's
 * `OneHotEncoder` (dense output).
 *
 * @example
 * const enc = new OneHotEncoder().fit([['red', 'S'], ['blue', 'M'], ['red', 'M']])
 * enc.transform([['blue', 'S']]).to2DArray() // [[1, 0, 0, 1]]
 * enc.getFeatureNamesOut(['color', 'size']) // ['color_blue', 'color_red', 'size_M', 'size_S']
 */
export class OneHotEncoder extends Preprocessor<OneHotEncoderOptions, State> {
  readonly kind = 'OneHotEncoder'

  constructor(options: Partial<OneHotEncoderOptions> = {}) {
    super({ categories: 'auto', handleUnknown: 'error', drop: null }, options)
  }

  /** The categories of each feature, in output column order. */
  get categories(): Label[][] {
    return this.fitted('categories').categories.map((c) => [...c])
  }
  /** Index into `categories[j]` of the dropped category of feature j, or null. */
  get dropIdx(): (number | null)[] {
    return this.fitted('dropIdx').dropIdx.map((d) => (d < 0 ? null : d))
  }
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').categories.length
  }

  fit(X: CategoricalInput, _y?: unknown): this {
    const api = `${this.kind}.fit`
    const { handleUnknown, drop } = this.params
    if (handleUnknown !== 'error' && handleUnknown !== 'ignore') {
      throw new InvalidOptionError(
        `${api}: handleUnknown is ${String(handleUnknown)}; expected 'error' or 'ignore'`,
      )
    }
    const rows = readRows(api, X)
    const cols = rows[0]!.length
    let categories: Label[][]
    if (this.params.categories === 'auto') {
      categories = Array.from({ length: cols }, (_, j) => {
        const values = [...new Set(rows.map((r) => r[j]!))]
        if (new Set(values.map((v) => typeof v)).size > 1) {
          throw new InvalidDataError(
            `${api}: feature ${j} mixes numbers and strings; use one type per feature`,
          )
        }
        return values.sort(compareLabels)
      })
    } else {
      categories = this.params.categories.map((c) => [...c])
      if (categories.length !== cols) {
        throw new ShapeMismatchError(
          `${api}: categories lists ${categories.length} features but X has ${cols}`,
        )
      }
      if (handleUnknown === 'error') {
        for (const [i, r] of rows.entries()) {
          for (let j = 0; j < cols; j++) {
            if (!categories[j]!.includes(r[j]!)) {
              throw new UnknownCategoryError(
                `${api}: X[${i}][${j}] is ${JSON.stringify(r[j])}, not in the given categories of feature ${j}`,
              )
            }
          }
        }
      }
    }
    let dropIdx: number[]
    if (drop === null) dropIdx = categories.map(() => -1)
    else if (drop === 'first') dropIdx = categories.map(() => 0)
    else if (drop === 'if_binary') dropIdx = categories.map((c) => (c.length === 2 ? 0 : -1))
    else if (Array.isArray(drop)) {
      if (drop.length !== cols) {
        throw new ShapeMismatchError(
          `${api}: drop lists ${drop.length} categories but X has ${cols} features`,
        )
      }
      dropIdx = drop.map((v, j) => {
        const k = categories[j]!.indexOf(v)
        if (k < 0) {
          throw new InvalidOptionError(
            `${api}: drop[${j}] is ${JSON.stringify(v)}, not a category of feature ${j}`,
          )
        }
        return k
      })
    } else {
      throw new InvalidOptionError(
        `${api}: drop is ${String(drop)}; expected null, 'first', 'if_binary' or one category per feature`,
      )
    }
    this.state = { categories, dropIdx }
    return this
  }

  /** Output columns of feature j: its categories without the dropped one. */
  private outputCats(s: State, j: number): Label[] {
    return s.categories[j]!.filter((_, k) => k !== s.dropIdx[j])
  }

  transform(X: CategoricalInput): Matrix {
    const api = `${this.kind}.transform`
    const s = this.fitted('transform')
    const rows = readRows(api, X)
    const cols = s.categories.length
    if (rows[0]!.length !== cols) {
      throw new ShapeMismatchError(
        `${api}: X has ${rows[0]!.length} features but this instance was fitted with ${cols}`,
      )
    }
    const offsets: number[] = []
    const lookups: Map<Label, number>[] = []
    let width = 0
    for (let j = 0; j < cols; j++) {
      offsets.push(width)
      const m = new Map<Label, number>()
      for (const [k, c] of this.outputCats(s, j).entries()) m.set(c, k)
      lookups.push(m)
      width += m.size
    }
    const out = new Matrix(rows.length, width)
    for (const [i, r] of rows.entries()) {
      for (let j = 0; j < cols; j++) {
        const v = r[j]!
        const k = lookups[j]!.get(v)
        if (k !== undefined) out.set(i, offsets[j]! + k, 1)
        else if (!s.categories[j]!.includes(v) && this.params.handleUnknown === 'error') {
          throw new UnknownCategoryError(
            `${api}: X[${i}][${j}] is ${JSON.stringify(v)}, a category not seen in fit (known: ${s.categories[j]!.map((c) => JSON.stringify(c)).join(', ')}); use handleUnknown: 'ignore' to encode it as zeros`,
          )
        }
      }
    }
    return out
  }

  fitTransform(X: CategoricalInput, y?: unknown): Matrix {
    return this.fit(X, y).transform(X)
  }

  /**
   * Back to categories. An all-zero block decodes to the dropped category, or to null for an
   * unknown category under handleUnknown 'ignore'.
   */
  inverseTransform(X: Matrix | ArrayLike<ArrayLike<number>>): (Label | null)[][] {
    const api = `${this.kind}.inverseTransform`
    const s = this.fitted('inverseTransform')
    const rows = Matrix.isMatrix(X)
      ? (X as Matrix).to2DArray()
      : Array.from(X as ArrayLike<ArrayLike<number>>, (r) => Array.from(r))
    const widths = s.categories.map((_, j) => this.outputCats(s, j).length)
    const width = widths.reduce((a, b) => a + b, 0)
    return rows.map((r, i) => {
      if (r.length !== width) {
        throw new ShapeMismatchError(`${api}: row ${i} has ${r.length} columns; expected ${width}`)
      }
      let off = 0
      return s.categories.map((_, j) => {
        const cats = this.outputCats(s, j)
        let best = -1
        let bestV = 0
        for (let k = 0; k < cats.length; k++) {
          if (r[off + k]! > bestV) {
            bestV = r[off + k]!
            best = k
          }
        }
        off += cats.length
        if (best >= 0) return cats[best]!
        if (s.dropIdx[j]! >= 0) return s.categories[j]![s.dropIdx[j]!]!
        if (this.params.handleUnknown === 'ignore') return null
        throw new InvalidDataError(`${api}: row ${i} has no category set for feature ${j}`)
      })
    })
  }

  /** Output column names `${feature}_${category}`; features default to x0, x1, ... */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut')
    const names = inputFeatures ?? s.categories.map((_, j) => `x${j}`)
    if (names.length !== s.categories.length) {
      throw new ShapeMismatchError(
        `${this.kind}.getFeatureNamesOut: ${names.length} input names for ${s.categories.length} features`,
      )
    }
    return s.categories.flatMap((_, j) => this.outputCats(s, j).map((c) => `${names[j]}_${c}`))
  }
}
