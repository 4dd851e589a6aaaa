/**
 * Turns validated training data into the kernel's input: every feature cast to float32 (as
 * scikit-learn's trees do, so thresholds and comparisons match), its distinct values sorted, and
 * each sample's value replaced by its rank, stored column by column.
 */
import type { Dense } from '../../internal/validation.js'
import type { TreeData } from './buildTree.js'

/** Builds TreeData; pass class indices (classification) or targets (regression). */
export function prepareTreeData(
  X: Dense,
  target: { yClass: Int32Array; nClasses: number } | { yReg: Float64Array },
): TreeData {
  const n = X.rows
  const p = X.cols
  const src = X.data
  const ranks = new Int32Array(n * p)
  const valueOffsets = new Int32Array(p + 1)
  const column = new Float64Array(n)
  const order = new Float64Array(n)
  const chunks: Float64Array[] = []
  let total = 0
  for (let f = 0; f < p; f++) {
    for (let i = 0; i < n; i++) {
      const v = Math.fround(src[i * p + f] as number)
      column[i] = v === 0 ? 0 : v // -0 and 0 are one value
    }
    order.set(column)
    order.sort()
    let d = 0
    for (let i = 0; i < n; i++) {
      if (i === 0 || (order[i] as number) !== (order[d - 1] as number))
        order[d++] = order[i] as number
    }
    const distinct = order.slice(0, d)
    chunks.push(distinct)
    const off = f * n
    for (let i = 0; i < n; i++) {
      const v = column[i] as number
      let lo = 0
      let hi = d - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((distinct[mid] as number) < v) lo = mid + 1
        else hi = mid
      }
      ranks[off + i] = lo
    }
    valueOffsets[f] = total
    total += d
  }
  valueOffsets[p] = total
  const values = new Float64Array(total)
  for (let f = 0; f < p; f++) values.set(chunks[f] as Float64Array, valueOffsets[f] as number)
  const isClass = 'yClass' in target
  return {
    nSamples: n,
    nFeatures: p,
    ranks,
    values,
    valueOffsets,
    yClass: isClass ? target.yClass : new Int32Array(0),
    nClasses: isClass ? target.nClasses : 0,
    yReg: isClass ? new Float64Array(0) : target.yReg,
  }
}
