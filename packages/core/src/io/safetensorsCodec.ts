/**
 * The safetensors file format (Hugging Face) on plain typed arrays: an 8-byte little-endian
 * u64 header length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]},
 * "__metadata__": {string: string}}`, then the raw little-endian tensor bytes.
 *
 * This layer knows nothing about Tensor, so it also serves tools that only move arrays.
 */
import { ModelFormatError } from '../errors.js'

/** The safetensors dtype codes this implementation reads; all but F16/BF16 are also written. */
export type SafetensorsDType =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'U64'
  | 'I32'
  | 'U32'
  | 'I16'
  | 'U16'
  | 'I8'
  | 'U8'
  | 'BOOL'

/** The array type of each dtype in memory (F16/BF16 are widened to float32 on read). */
export type SafetensorsArray =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | BigUint64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array

export interface SafetensorsEntry {
  dtype: SafetensorsDType
  shape: number[]
  /** Row-major values. BOOL: a Uint8Array of 0/1. F16/BF16: widened to Float32Array on read. */
  data: SafetensorsArray
}

export interface SafetensorsContents {
  tensors: Record<string, SafetensorsEntry>
  metadata: Record<string, string>
}

const BYTES: Record<SafetensorsDType, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  U64: 8,
  I32: 4,
  U32: 4,
  I16: 2,
  U16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
}

type ArrayCtor = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): SafetensorsArray
  readonly name: string
}

/** The array class written for each dtype (F16/BF16 cannot be written from JS arrays here). */
const ARRAY: Record<Exclude<SafetensorsDType, 'F16' | 'BF16'>, ArrayCtor> = {
  F64: Float64Array,
  F32: Float32Array,
  I64: BigInt64Array,
  U64: BigUint64Array,
  I32: Int32Array,
  U32: Uint32Array,
  I16: Int16Array,
  U16: Uint16Array,
  I8: Int8Array,
  U8: Uint8Array,
  BOOL: Uint8Array,
}

/** Largest header accepted, as in the reference implementation (guards against a huge alloc). */
const MAX_HEADER_BYTES = 100_000_000

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function assertLittleEndian(op: string): void {
  if (!LITTLE_ENDIAN) {
    throw new ModelFormatError(
      op,
      'big-endian hosts are not supported (safetensors is little-endian)',
    )
  }
}

function numel(shape: readonly number[]): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

function f16ToF32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1
  const exp = (h >> 10) & 0x1f
  const frac = h & 0x3ff
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024)
  if (exp === 31) return frac === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * 2 ** (exp - 15) * (1 + frac / 1024)
}

/**
 * Encodes tensors (and optional string metadata) as a safetensors file.
 *
 * Tensors are laid out by decreasing element size, then name, and the header is space-padded
 * to a multiple of 8 bytes, so every tensor's data is aligned to its element size.
 *
 * @example
 * const bytes = encodeSafetensors({ w: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } })
 */
export function encodeSafetensors(
  tensors: Record<string, SafetensorsEntry>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const op = 'encodeSafetensors'
  assertLittleEndian(op)
  const names = Object.keys(tensors)
  for (const name of names) {
    if (name === '__metadata__') {
      throw new ModelFormatError(op, `'__metadata__' is reserved and cannot name a tensor`)
    }
    const t = tensors[name]
    if (t.dtype === 'F16' || t.dtype === 'BF16' || !(t.dtype in ARRAY)) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': cannot write dtype ${String(t.dtype)}; expected one of ${Object.keys(ARRAY).join(', ')}`,
      )
    }
    const want = ARRAY[t.dtype as keyof typeof ARRAY]
    if (!(t.data instanceof want)) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': dtype ${t.dtype} needs a ${want.name}, got ${t.data.constructor.name}`,
      )
    }
    if (!Array.isArray(t.shape) || t.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': shape must be non-negative integers, got [${String(t.shape)}]`,
      )
    }
    if (numel(t.shape) !== t.data.length) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': shape [${t.shape.join(', ')}] holds ${numel(t.shape)} values but data has ${t.data.length}`,
      )
    }
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new ModelFormatError(
        op,
        `metadata '${key}' must be a string (the format allows only strings), got ${typeof value}`,
      )
    }
  }
  names.sort((a, b) => BYTES[tensors[b].dtype] - BYTES[tensors[a].dtype] || (a < b ? -1 : 1))

  const header: Record<string, unknown> = {}
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata
  let offset = 0
  for (const name of names) {
    const t = tensors[name]
    const bytes = t.data.length * BYTES[t.dtype]
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] }
    offset += bytes
  }
  let json = new TextEncoder().encode(JSON.stringify(header))
  const padded = Math.ceil(json.length / 8) * 8
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20)
    p.set(json)
    json = p
  }
  const out = new Uint8Array(8 + json.length + offset)
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true)
  out.set(json, 8)
  let at = 8 + json.length
  for (const name of names) {
    const d = tensors[name].data
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at)
    at += d.byteLength
  }
  return out
}

/**
 * Decodes a safetensors file. Every array is a fresh copy (it does not alias `bytes`).
 * Corrupt or truncated input throws a ModelFormatError that says what was wrong.
 *
 * @example
 * const { tensors, metadata } = decodeSafetensors(readFileSync('model.safetensors'))
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  const op = 'decodeSafetensors'
  assertLittleEndian(op)
  if (bytes.length < 8) {
    throw new ModelFormatError(
      op,
      `file is ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`,
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLen = view.getBigUint64(0, true)
  if (headerLen > BigInt(MAX_HEADER_BYTES) || headerLen > BigInt(bytes.length - 8)) {
    throw new ModelFormatError(
      op,
      `header length ${headerLen} exceeds the ${bytes.length - 8} bytes after the length field (truncated or not a safetensors file)`,
    )
  }
  const n = Number(headerLen)
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)))
  } catch (e) {
    throw new ModelFormatError(op, `header is not valid UTF-8 JSON: ${(e as Error).message}`)
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new ModelFormatError(op, 'header must be a JSON object of tensor entries')
  }
  const dataStart = 8 + n
  const dataLen = bytes.length - dataStart
  const metadata: Record<string, string> = {}
  const tensors: Record<string, SafetensorsEntry> = {}
  const spans: [number, number, string][] = []
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new ModelFormatError(op, '__metadata__ must be an object of strings')
      }
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') {
          throw new ModelFormatError(op, `__metadata__ '${k}' must be a string, got ${typeof v}`)
        }
        metadata[k] = v
      }
      continue
    }
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown }
    if (e === null || typeof e !== 'object') {
      throw new ModelFormatError(op, `tensor '${name}': entry must be an object`)
    }
    const dtype = e.dtype as SafetensorsDType
    if (typeof dtype !== 'string' || !(dtype in BYTES)) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': unsupported dtype ${JSON.stringify(e.dtype)}; expected one of ${Object.keys(BYTES).join(', ')}`,
      )
    }
    const shape = e.shape
    if (
      !Array.isArray(shape) ||
      shape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
    ) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`,
      )
    }
    const offs = e.data_offsets
    if (
      !Array.isArray(offs) ||
      offs.length !== 2 ||
      offs.some((o) => typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0)
    ) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': data_offsets must be [begin, end] byte offsets, got ${JSON.stringify(offs)}`,
      )
    }
    const [begin, end] = offs as [number, number]
    const expected = numel(shape as number[]) * BYTES[dtype]
    if (end < begin || end - begin !== expected) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${dtype}[${shape.join(', ')}] needs ${expected}`,
      )
    }
    if (end > dataLen) {
      throw new ModelFormatError(
        op,
        `tensor '${name}': data ends at byte ${end} but the file has only ${dataLen} data bytes (truncated?)`,
      )
    }
    spans.push([begin, end, name])
    tensors[name] = {
      dtype,
      shape: [...(shape as number[])],
      data: readArray(bytes, dataStart + begin, dtype, end - begin),
    }
  }
  // The format requires the data section to be covered exactly, without overlaps or holes.
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let covered = 0
  for (const [begin, end, name] of spans) {
    if (begin !== covered) {
      throw new ModelFormatError(
        op,
        begin < covered
          ? `tensor '${name}' overlaps the previous tensor's data (begins at ${begin}, previous ends at ${covered})`
          : `data bytes ${covered}..${begin} belong to no tensor (hole before '${name}')`,
      )
    }
    covered = end
  }
  if (covered !== dataLen) {
    throw new ModelFormatError(
      op,
      `the file has ${dataLen} data bytes but the tensors cover ${covered} (trailing bytes or truncated header)`,
    )
  }
  return { tensors, metadata }
}

function readArray(
  bytes: Uint8Array,
  at: number,
  dtype: SafetensorsDType,
  byteLength: number,
): SafetensorsArray {
  // slice() copies into a fresh, aligned buffer: the result never aliases the file bytes.
  const buf = bytes.slice(at, at + byteLength).buffer
  if (dtype === 'F16' || dtype === 'BF16') {
    const h = new Uint16Array(buf)
    const out = new Float32Array(h.length)
    if (dtype === 'BF16') {
      const bits = new Uint32Array(out.buffer)
      for (let i = 0; i < h.length; i++) bits[i] = h[i] << 16
    } else {
      for (let i = 0; i < h.length; i++) out[i] = f16ToF32(h[i])
    }
    return out
  }
  const Ctor = ARRAY[dtype]
  return new Ctor(buf, 0, byteLength / BYTES[dtype])
}
