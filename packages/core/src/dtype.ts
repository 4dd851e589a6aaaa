/**
 * Data types: their storage (typed array), byte width and the promotion order
 * bool < int32 < float32 < float64 used by binary ops, as in NumPy and PyTorch.
 */
import { DTypeError } from './errors.js'

/** The element types a tensor can hold. `float32` is the default. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool'

/** The typed array that stores each dtype (`bool` is one byte per element, 0 or 1). */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array

export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64']

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 }
const BYTES: Record<DType, number> = { bool: 1, int32: 4, float32: 4, float64: 8 }

/** Bytes per element of a dtype. */
export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype]
}

/** The common dtype of two operands: the higher of the two in bool < int32 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64'
}

/** Throws a DTypeError unless `dtype` is one of the four dtypes. */
export function checkDType(op: string, dtype: unknown): DType {
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'int32' || dtype === 'bool') {
    return dtype
  }
  throw new DTypeError(op, `unknown dtype ${String(dtype)}; expected one of ${DTYPES.join(', ')}`)
}

/** Allocates a zeroed JS-heap typed array for a dtype. */
export function makeTypedArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size)
    case 'float64':
      return new Float64Array(size)
    case 'int32':
      return new Int32Array(size)
    case 'bool':
      return new Uint8Array(size)
  }
}

/** The dtype a typed array maps to by default (other integer arrays such as image bytes: int32). */
export function dtypeOfArray(values: ArrayLike<number>): DType | undefined {
  if (values instanceof Float32Array) return 'float32'
  if (values instanceof Float64Array) return 'float64'
  if (values instanceof Int32Array) return 'int32'
  if (ArrayBuffer.isView(values)) return 'int32'
  return undefined
}
