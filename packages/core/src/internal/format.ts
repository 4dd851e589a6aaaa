/** Printing tensors like NumPy: nested brackets, aligned values, "..." for large tensors. */
import type { DType, TypedArray } from '../dtype.js'

const THRESHOLD = 1000
const EDGE = 3

function fmtValue(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'true' : 'false'
  if (dtype === 'int32') return String(v)
  if (Number.isNaN(v)) return 'nan'
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.`
  const a = Math.abs(v)
  if (a !== 0 && (a < 1e-4 || a >= 1e8)) return v.toExponential(4)
  return String(Number(v.toPrecision(dtype === 'float32' ? 6 : 8)))
}

export function formatTensor(
  shape: readonly number[],
  dtype: DType,
  values: TypedArray,
  requiresGrad: boolean,
): string {
  const summarize = values.length > THRESHOLD
  const strides: number[] = []
  let acc = 1
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc
    acc *= shape[i]
  }
  const cells: string[] = []
  const walk = (d: number, off: number): unknown => {
    if (d === shape.length) {
      const s = fmtValue(values[off], dtype)
      cells.push(s)
      return s
    }
    const n = shape[d]
    const idx =
      summarize && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n)
    return idx.map((i) => (i < 0 ? '...' : walk(d + 1, off + i * strides[d])))
  }
  const tree = walk(0, 0)
  const width = cells.reduce((w, c) => Math.max(w, c.length), 0)
  const render = (node: unknown, d: number): string => {
    if (!Array.isArray(node)) return node === '...' ? '...' : String(node).padStart(width)
    const parts = node.map((c) => (c === '...' ? '...' : render(c, d + 1)))
    const sep =
      d === shape.length - 1 ? ', ' : `,${'\n'.repeat(shape.length - 1 - d)}${' '.repeat(d + 1)}`
    return `[${parts.join(sep)}]`
  }
  const body = shape.length === 0 ? fmtValue(values[0], dtype) : render(tree, 0)
  const grad = requiresGrad ? ', requiresGrad=true' : ''
  return `Tensor(shape=[${shape.join(', ')}], dtype=${dtype}${grad})\n${body}`
}

function range(a: number, b: number): number[] {
  const r: number[] = []
  for (let i = a; i < b; i++) r.push(i)
  return r
}
