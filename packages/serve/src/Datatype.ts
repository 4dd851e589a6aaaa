// The Open Inference Protocol's tensor datatypes, and the typed storage each one uses here.

/** Datatypes this server accepts and returns. */
export const DATATYPES = [
  'BOOL',
  'UINT8',
  'INT8',
  'INT32',
  'INT64',
  'FP32',
  'FP64',
  'BYTES',
] as const
export type Datatype = (typeof DATATYPES)[number]

/** Tensor storage: numeric datatypes use typed arrays (BOOL as 0/1 bytes), BYTES uses strings. */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | string[]

/** A tensor in flight between the protocol layer and a model. */
export interface InferTensor {
  name: string
  datatype: Datatype
  shape: number[]
  data: TensorData
}

/** Metadata of one model input or output; -1 marks a dynamic dimension. */
export interface TensorMetadata {
  name: string
  datatype: Datatype
  shape: number[]
}

export function isDatatype(x: unknown): x is Datatype {
  return typeof x === 'string' && (DATATYPES as readonly string[]).includes(x)
}

/** Bytes per element in the binary-data extension (BYTES is length-prefixed, so 0 here). */
export function elementSize(d: Datatype): number {
  switch (d) {
    case 'BOOL':
    case 'UINT8':
    case 'INT8':
      return 1
    case 'INT32':
    case 'FP32':
      return 4
    case 'INT64':
    case 'FP64':
      return 8
    case 'BYTES':
      return 0
  }
}

/** Allocates storage of `n` elements for a datatype. */
export function allocate(d: Datatype, n: number): TensorData {
  switch (d) {
    case 'BOOL':
    case 'UINT8':
      return new Uint8Array(n)
    case 'INT8':
      return new Int8Array(n)
    case 'INT32':
      return new Int32Array(n)
    case 'INT64':
      return new BigInt64Array(n)
    case 'FP32':
      return new Float32Array(n)
    case 'FP64':
      return new Float64Array(n)
    case 'BYTES':
      return new Array<string>(n).fill('')
  }
}

export function elementCount(shape: readonly number[]): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}
