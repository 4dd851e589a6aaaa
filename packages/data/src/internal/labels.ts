/** Label validation and encoding shared by splits and encoders. */
import { InvalidDataError } from '../errors.js'
import type { Label, LabelArray } from '../types.js'

/** Copies labels into a plain array, rejecting NaN, non-finite numbers and mixed types. */
export function toLabels(api: string, name: string, y: LabelArray): Label[] {
  if (
    y === null ||
    typeof y !== 'object' ||
    typeof (y as { length?: unknown }).length !== 'number'
  ) {
    throw new InvalidDataError(`${api}: ${name} must be an array of labels, got ${typeof y}`)
  }
  const n = y.length
  const out: Label[] = new Array(n)
  let kind: string | undefined
  for (let i = 0; i < n; i++) {
    const v = y[i] as unknown
    const k = typeof v
    if (k === 'number') {
      if (!Number.isFinite(v)) {
        throw new InvalidDataError(
          `${api}: ${name}[${i}] is ${v}; expected a finite number or a string`,
        )
      }
    } else if (k !== 'string') {
      throw new InvalidDataError(`${api}: ${name}[${i}] is ${k}; expected a number or a string`)
    }
    if (kind === undefined) kind = k
    else if (kind !== k) {
      throw new InvalidDataError(
        `${api}: ${name} mixes numbers and strings (index ${i}); use one label type`,
      )
    }
    out[i] = v as Label
  }
  return out
}

export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = String(a)
  const sb = String(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** Sorted distinct labels and each sample's index into them. */
export function encodeLabels(labels: Label[]): { classes: Label[]; codes: Int32Array } {
  const classes = [...new Set(labels)].sort(compareLabels)
  const index = new Map<Label, number>()
  for (const [i, c] of classes.entries()) index.set(c, i)
  const codes = new Int32Array(labels.length)
  for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]!)!
  return { classes, codes }
}
