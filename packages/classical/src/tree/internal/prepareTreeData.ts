/**
 * Turns validated training data into the kernel's input: every feature cast to float32 (as
 * scikit-learn's trees do, so thresholds and comparisons match), its distinct values sorted, and
 * each sample's value replaced by its rank, stored column by column.
 */
import type { Dense } from '../../internal/validation.js'
import type { TreeData } from './buildTree.js'

/**
 * Builds TreeData; pass class indices (classification) or targets (regression), and optional
 * per-sample weights (already validated).
 */
export function prepareTreeData(
  X: Dense,
  target: { yClass: Int32Array; nClasses: number } | { yReg: Float64Array },
  sampleWeight: Float64Array | null = null,
): TreeData {
  const n = X.rows
  const p = X.cols
  const src = X.data
  const ranks = new Int32Array(n * p)
  const valueOffsets = new Int32Array(p + 1)
  const column = new Float32Array(n)
  const bits = new Uint32Array(column.buffer)
  const keys = new Uint32Array(n)
  const scratch = {
    keys: new Uint32Array(n),
    order: new Int32Array(n),
    count: new Int32Array(2048),
  }
  const order = new Int32Array(n)
  const distinct = new Float64Array(n)
  const chunks: Float64Array[] = []
  let total = 0
  for (let f = 0; f < p; f++) {
    for (let i = 0; i < n; i++) {
      const v = Math.fround(src[i * p + f] as number)
      column[i] = v === 0 ? 0 : v // -0 and 0 are one value
      // Order-preserving map of float32 bits to uint32: flip all bits of negatives, the sign bit
      // of positives.
      const b = bits[i] as number
      keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0
      order[i] = i
    }
    radixArgsort(keys, order, n, scratch)
    const off = f * n
    let d = 0
    let prev = -1
    for (let j = 0; j < n; j++) {
      const i = order[j] as number
      const k = keys[j] as number
      if (j === 0 || k !== prev) {
        distinct[d++] = column[i] as number
        prev = k
      }
      ranks[off + i] = d - 1
    }
    chunks.push(distinct.slice(0, d))
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
    sampleWeight: sampleWeight ?? new Float64Array(0),
  }
}

/**
 * Stable LSD radix sort of uint32 `keys` (11-bit digits), permuting `order` alongside; both are
 * sorted in place. Digits every key shares are skipped, so small-integer features cost one pass.
 */
function radixArgsort(
  keys: Uint32Array,
  order: Int32Array,
  n: number,
  scratch: { keys: Uint32Array; order: Int32Array; count: Int32Array },
): void {
  let k = keys
  let o = order
  let k2 = scratch.keys
  let o2 = scratch.order
  const count = scratch.count
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0)
    for (let i = 0; i < n; i++) count[((k[i] as number) >>> shift) & 2047]++
    if (count[((k[0] as number) >>> shift) & 2047] === n) continue
    let sum = 0
    for (let b = 0; b < 2048; b++) {
      const c = count[b] as number
      count[b] = sum
      sum += c
    }
    for (let i = 0; i < n; i++) {
      const key = k[i] as number
      const dst = count[(key >>> shift) & 2047]++ as number
      k2[dst] = key
      o2[dst] = o[i] as number
    }
    const tk = k
    k = k2
    k2 = tk
    const to = o
    o = o2
    o2 = to
  }
  if (k !== keys) {
    keys.set(k.subarray(0, n))
    order.set(o.subarray(0, n))
  }
}
