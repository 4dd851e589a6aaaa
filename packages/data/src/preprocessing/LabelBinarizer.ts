/** One-vs-all binary encoding of class labels (one-hot targets). */
import { Matrix } from 'ml-matrix'
import { InvalidOptionError, UnknownCategoryError } from '../errors.js'
import { encodeLabels, toLabels } from '../internal/labels.js'
import type { Label, LabelArray } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

export interface LabelBinarizerOptions {
  /** Value for "not this class". Default 0. */
  negLabel: number
  /** Value for "this class". Default 1. */
  posLabel: number
}

/**
 * Labels → n × k indicator matrix in sorted class order (binary problems give one column), as
 * scikit-learn's `LabelBinarizer`. Unknown labels encode as all `negLabel`.
 *
 * @example
 * new LabelBinarizer().fit([1, 2, 6]).transform([1, 6]).to2DArray() // [[1, 0, 0], [0, 0, 1]]
 */
export class LabelBinarizer extends Preprocessor<LabelBinarizerOptions, { classes: Label[] }> {
  readonly kind = 'LabelBinarizer'

  constructor(options: Partial<LabelBinarizerOptions> = {}) {
    super({ negLabel: 0, posLabel: 1 }, options)
  }

  get classes(): Label[] {
    return [...this.fitted('classes').classes]
  }

  fit(y: LabelArray): this {
    const api = `${this.kind}.fit`
    const { negLabel, posLabel } = this.params
    if (!(negLabel < posLabel)) {
      throw new InvalidOptionError(
        `${api}: negLabel ${negLabel} must be less than posLabel ${posLabel}`,
      )
    }
    this.state = { classes: encodeLabels(toLabels(api, 'y', y)).classes }
    return this
  }

  transform(y: LabelArray): Matrix {
    const api = `${this.kind}.transform`
    const { classes } = this.fitted('transform')
    const labels = toLabels(api, 'y', y)
    const { negLabel, posLabel } = this.params
    const k = classes.length
    const index = new Map(classes.map((c, j) => [c, j] as const))
    if (k <= 2) {
      // Binary (or single-class) problems use one column: the greater class.
      const out = new Matrix(labels.length, 1)
      for (let i = 0; i < labels.length; i++) {
        out.set(i, 0, k === 2 && labels[i] === classes[1] ? posLabel : negLabel)
      }
      return out
    }
    const out = new Matrix(labels.length, k).fill(negLabel)
    for (let i = 0; i < labels.length; i++) {
      const j = index.get(labels[i]!)
      if (j !== undefined) out.set(i, j, posLabel)
    }
    return out
  }

  fitTransform(y: LabelArray): Matrix {
    return this.fit(y).transform(y)
  }

  /** Indicator rows (or scores) back to labels: the arg-max column, or `> threshold` if binary. */
  inverseTransform(Y: Matrix | ArrayLike<ArrayLike<number>>, threshold?: number): Label[] {
    const api = `${this.kind}.inverseTransform`
    const { classes } = this.fitted('inverseTransform')
    const rows = Matrix.isMatrix(Y)
      ? (Y as Matrix).to2DArray()
      : Array.from(Y as ArrayLike<ArrayLike<number>>, (r) => Array.from(r))
    const t = threshold ?? (this.params.negLabel + this.params.posLabel) / 2
    return rows.map((r, i) => {
      if (classes.length <= 2) {
        if (r.length !== 1)
          throw new UnknownCategoryError(`${api}: row ${i} has ${r.length} columns; expected 1`)
        return classes.length === 2 && r[0]! > t ? classes[1]! : classes[0]!
      }
      if (r.length !== classes.length) {
        throw new UnknownCategoryError(
          `${api}: row ${i} has ${r.length} columns; expected ${classes.length}`,
        )
      }
      let best = 0
      for (let j = 1; j < r.length; j++) if (r[j]! > r[best]!) best = j
      return classes[best]!
    })
  }
}
