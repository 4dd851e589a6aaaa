/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, dtype code, rank), the
 * dimensions as big-endian uint32, then the big-endian data. Files may be gzipped.
 */
import { writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip, gunzipSync, gzipSync } from 'node:zlib'
import { FileFormatError, InvalidDataError } from '../errors.js'
import { readBytes, readBytesSync } from '../internal/files.js'
import type { NDArray } from '../types.js'

export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64'

/** An IDX array: row-major `data`, its `shape` and the element type recorded in the file. */
export type IdxArray =
  | (NDArray<Uint8Array> & { dtype: 'uint8' })
  | (NDArray<Int8Array> & { dtype: 'int8' })
  | (NDArray<Int16Array> & { dtype: 'int16' })
  | (NDArray<Int32Array> & { dtype: 'int32' })
  | (NDArray<Float32Array> & { dtype: 'float32' })
  | (NDArray<Float64Array> & { dtype: 'float64' })

const CODES: Record<number, { dtype: IdxDType; size: number }> = {
  8: { dtype: 'uint8', size: 1 },
  9: { dtype: 'int8', size: 1 },
  11: { dtype: 'int16', size: 2 },
  12: { dtype: 'int32', size: 4 },
  13: { dtype: 'float32', size: 4 },
  14: { dtype: 'float64', size: 8 },
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b
}

/**
 * Parses IDX bytes (gzipped or raw). `source` names the file in error messages.
 *
 * @example
 * const labels = parseIdx(readFileSync('train-labels-idx1-ubyte.gz'))
 * labels.shape // [60000]
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const api = 'parseIdx'
  let b = bytes
  if (isGzip(b)) {
    try {
      b = gunzipSync(b)
    } catch (e) {
      throw new FileFormatError(
        `${api}: ${source} looks gzipped but does not decompress (${(e as Error).message}); the file is corrupt or truncated`,
      )
    }
  }
  if (b.length < 4) {
    throw new FileFormatError(
      `${api}: ${source} has ${b.length} bytes; an IDX file starts with a 4-byte magic number`,
    )
  }
  if (b[0] !== 0 || b[1] !== 0) {
    throw new FileFormatError(
      `${api}: ${source} starts with bytes ${b[0]}, ${b[1]}; expected 0, 0 (IDX magic number)`,
    )
  }
  const info = CODES[b[2]!]
  if (!info) {
    throw new FileFormatError(
      `${api}: ${source} has type code 0x${b[2]!.toString(16).padStart(2, '0')}; expected one of 0x08 (uint8), 0x09 (int8), 0x0b (int16), 0x0c (int32), 0x0d (float32), 0x0e (float64)`,
    )
  }
  const rank = b[3]!
  if (rank === 0)
    throw new FileFormatError(`${api}: ${source} declares 0 dimensions; expected at least 1`)
  const headerSize = 4 + 4 * rank
  if (b.length < headerSize) {
    throw new FileFormatError(
      `${api}: ${source} is truncated inside its header (${b.length} of ${headerSize} bytes)`,
    )
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const shape: number[] = []
  for (let k = 0; k < rank; k++) shape.push(view.getUint32(4 + 4 * k, false))
  const count = shape.reduce((a, c) => a * c, 1)
  const expected = headerSize + count * info.size
  if (b.length !== expected) {
    throw new FileFormatError(
      `${api}: ${source} has ${b.length} bytes but its header (${info.dtype}, shape [${shape.join(', ')}]) needs ${expected}; the file is ${b.length < expected ? 'truncated' : 'followed by extra bytes'}`,
    )
  }
  const off = headerSize
  switch (info.dtype) {
    case 'uint8':
      // Copy into a plain Uint8Array: Buffer#slice would be a view into Node's shared pool.
      return { dtype: 'uint8', shape, data: new Uint8Array(b.subarray(off, off + count)) }
    case 'int8':
      return {
        dtype: 'int8',
        shape,
        data: new Int8Array(b.buffer, b.byteOffset + off, count).slice(),
      }
    case 'int16': {
      const data = new Int16Array(count)
      for (let i = 0; i < count; i++) data[i] = view.getInt16(off + 2 * i, false)
      return { dtype: 'int16', shape, data }
    }
    case 'int32': {
      const data = new Int32Array(count)
      for (let i = 0; i < count; i++) data[i] = view.getInt32(off + 4 * i, false)
      return { dtype: 'int32', shape, data }
    }
    case 'float32': {
      const data = new Float32Array(count)
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(off + 4 * i, false)
      return { dtype: 'float32', shape, data }
    }
    case 'float64': {
      const data = new Float64Array(count)
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(off + 8 * i, false)
      return { dtype: 'float64', shape, data }
    }
  }
}

const gunzipAsync = promisify(gunzip)

/**
 * Reads and parses an IDX file (`.gz` or raw, detected from the bytes). Decompression runs on
 * libuv's thread pool, so loading the 60k-image training set does not block the event loop.
 */
export async function readIdx(path: string): Promise<IdxArray> {
  let bytes = await readBytes('readIdx', path)
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes)
    } catch (e) {
      throw new FileFormatError(
        `readIdx: ${path} looks gzipped but does not decompress (${(e as Error).message}); the file is corrupt or truncated`,
      )
    }
  }
  return parseIdx(bytes, path)
}

/** Synchronous `readIdx`. */
export function readIdxSync(path: string): IdxArray {
  return parseIdx(readBytesSync('readIdxSync', path), path)
}

const DTYPE_OF: [new (...a: never[]) => unknown, IdxDType][] = [
  [Uint8Array, 'uint8'],
  [Int8Array, 'int8'],
  [Int16Array, 'int16'],
  [Int32Array, 'int32'],
  [Float32Array, 'float32'],
  [Float64Array, 'float64'],
]

/**
 * Encodes an array as IDX bytes (gzipped with `gzip: true`). The element type follows the typed
 * array (Uint8Array → uint8, ..., Float64Array → float64).
 */
export function encodeIdx(array: NDArray, options: { gzip?: boolean } = {}): Uint8Array {
  const api = 'encodeIdx'
  const entry = DTYPE_OF.find(([C]) => array.data instanceof C)
  if (!entry) {
    throw new InvalidDataError(
      `${api}: data is a ${array.data?.constructor?.name}; expected Uint8Array, Int8Array, Int16Array, Int32Array, Float32Array or Float64Array`,
    )
  }
  const dtype = entry[1]
  const code = Number(Object.entries(CODES).find(([, v]) => v.dtype === dtype)![0])
  const { size } = CODES[code]!
  const count = array.shape.reduce((a, c) => a * c, 1)
  if (array.shape.length === 0 || array.shape.length > 255 || count !== array.data.length) {
    throw new InvalidDataError(
      `${api}: shape [${array.shape.join(', ')}] does not match ${array.data.length} elements`,
    )
  }
  const header = 4 + 4 * array.shape.length
  const out = new Uint8Array(header + count * size)
  const view = new DataView(out.buffer)
  out[2] = code
  out[3] = array.shape.length
  array.shape.forEach((d, k) => {
    view.setUint32(4 + 4 * k, d, false)
  })
  const d = array.data
  for (let i = 0; i < count; i++) {
    const o = header + i * size
    const v = d[i]!
    if (dtype === 'uint8') out[o] = v
    else if (dtype === 'int8') view.setInt8(o, v)
    else if (dtype === 'int16') view.setInt16(o, v, false)
    else if (dtype === 'int32') view.setInt32(o, v, false)
    else if (dtype === 'float32') view.setFloat32(o, v, false)
    else view.setFloat64(o, v, false)
  }
  return options.gzip ? new Uint8Array(gzipSync(out)) : out
}

/** Writes an array as an IDX file; gzipped when the path ends in `.gz`. */
export async function writeIdx(path: string, array: NDArray): Promise<void> {
  await writeFile(path, encodeIdx(array, { gzip: path.endsWith('.gz') }))
}
