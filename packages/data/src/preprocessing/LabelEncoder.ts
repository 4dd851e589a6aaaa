/** Encoding of class labels as integers 0..k-1. */
import { UnknownCategoryError } from '../errors.js'
import { encodeLabels, toLabels } from '../internal/labels.js'
import type { Label, LabelArray } from '../types.js'
import { Preprocessor } from './Preprocessor.js'

interface State {
  classes: Label[]
}

/**
 * Maps labels to 0..k-1 in sorted label order, as scikit-learn's `LabelEncoder`.
 *
 * @example
 * const enc = new LabelEncoder().fit(['b', 'a', 'c', 'a'])
 * enc.transform(['c', 'a']) // Int32Array [2, 0]
 * enc.inverseTransform([1]) // ['b']
 */
export class LabelEncoder extends Preprocessor<Record<string, never>, State> {
  readonly kind = 'LabelEncoder'

  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options)
  }

  /** The sorted distinct labels; code i stands for classes[i]. */
  get classes(): Label[] {
    return [...this.fitted('classes').classes]
  }

  fit(y: LabelArray): this {
    const labels = toLabels(`${this.kind}.fit`, 'y', y)
    this.state = { classes: encodeLabels(labels).classes }
    return this
  }

  transform(y: LabelArray): Int32Array {
    const api = `${this.kind}.transform`
    const { classes } = this.fitted('transform')
    const index = new Map<Label, number>()
    for (const [i, c] of classes.entries()) index.set(c, i)
    const labels = toLabels(api, 'y', y)
    const out = new Int32Array(labels.length)
    for (let i = 0; i < labels.length; i++) {
      const k = index.get(labels[i]!)
      if (k === undefined) {
        throw new UnknownCategoryError(
          `${api}: y[${i}] is ${JSON.stringify(labels[i])}, a label not seen in fit (known: ${classes.map((c) => JSON.stringify(c)).join(', ')})`,
        )
      }
      out[i] = k
    }
    return out
  }

  fitTransform(y: LabelArray): Int32Array {
    return this.fit(y).transform(y)
  }

  inverseTransform(codes: ArrayLike<number>): Label[] {
    const api = `${this.kind}.inverseTransform`
    const { classes } = this.fitted('inverseTransform')
    return Array.from(codes, (c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= classes.length) {
        throw new UnknownCategoryError(
          `${api}: code ${c} at index ${i} is out of range; expected an integer in [0, ${classes.length})`,
        )
      }
      return classes[c]!
    })
  }
}
