import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import expected from '../../fixtures/reference.json' with { type: 'json' }
import { ModelFormatError } from '../errors.js'
import { decodeSafetensors, encodeSafetensors, type SafetensorsEntry } from './safetensorsCodec.js'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))))

function headerOf(bytes: Uint8Array): Record<string, unknown> {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)))
}

/** Builds a file from a header object and a data section, for malformed-input tests. */
function rawFile(header: unknown, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header))
  const out = new Uint8Array(8 + json.length + data.length)
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true)
  out.set(json, 8)
  out.set(data, 8 + json.length)
  return out
}

const sample = (): Record<string, SafetensorsEntry> => ({
  w: { dtype: 'F32', shape: [2, 3], data: new Float32Array([1.5, -2, 3e-38, Number.NaN, -0, 7]) },
  d: {
    dtype: 'F64',
    shape: [3],
    data: new Float64Array([Math.PI, -1e300, Number.POSITIVE_INFINITY]),
  },
  i: { dtype: 'I32', shape: [2, 1], data: new Int32Array([-2147483648, 2147483647]) },
  m: { dtype: 'BOOL', shape: [3], data: new Uint8Array([1, 0, 1]) },
  b: { dtype: 'U8', shape: [1], data: new Uint8Array([255]) },
  l: { dtype: 'I64', shape: [2], data: new BigInt64Array([-(2n ** 62n), 5n]) },
  s: { dtype: 'F32', shape: [], data: new Float32Array([0.25]) },
  e: { dtype: 'F64', shape: [0, 4], data: new Float64Array(0) },
})

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips every written dtype bit for bit, with metadata', () => {
    const src = sample()
    const bytes = encodeSafetensors(src, { format: 'mlstack', note: 'ünïcode ✓' })
    const { tensors, metadata } = decodeSafetensors(bytes)
    expect(metadata).toEqual({ format: 'mlstack', note: 'ünïcode ✓' })
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(src).sort())
    for (const [name, t] of Object.entries(src)) {
      const got = tensors[name]
      expect(got.dtype).toBe(t.dtype)
      expect(got.shape).toEqual(t.shape)
      expect(got.data.constructor).toBe(t.data.constructor)
      const a = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)
      const g = new Uint8Array(got.data.buffer, got.data.byteOffset, got.data.byteLength)
      expect(g).toEqual(a)
    }
  })

  it('aligns every tensor to its element size and pads the header with spaces', () => {
    const bytes = encodeSafetensors(sample())
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true))
    expect(n % 8).toBe(0)
    const header = headerOf(bytes) as Record<string, { dtype: string; data_offsets: number[] }>
    const size: Record<string, number> = { F64: 8, I64: 8, F32: 4, I32: 4, U8: 1, BOOL: 1 }
    for (const e of Object.values(header)) expect(e.data_offsets[0] % size[e.dtype]).toBe(0)
  })

  it('writes no __metadata__ key when there is no metadata', () => {
    expect('__metadata__' in headerOf(encodeSafetensors(sample()))).toBe(false)
  })

  it('decoded arrays do not alias the input bytes', () => {
    const bytes = encodeSafetensors({
      x: { dtype: 'F32', shape: [1], data: new Float32Array([1]) },
    })
    const { tensors } = decodeSafetensors(bytes)
    bytes.fill(0, bytes.length - 4)
    expect(tensors.x.data[0]).toBe(1)
  })

  it('reads a file written by hand from the spec by numpy (unaligned, F16/BF16/I64/U8)', () => {
    const { tensors, metadata } = decodeSafetensors(fixture('reference.safetensors'))
    expect(metadata).toEqual(expected.metadata)
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort())
    for (const [name, want] of Object.entries(expected.tensors)) {
      const got = tensors[name]
      expect(got.dtype, name).toBe(want.dtype)
      expect(got.shape, name).toEqual(want.shape)
      const values = Array.from(got.data as ArrayLike<number | bigint>, (v) =>
        typeof v === 'bigint' ? v.toString() : v,
      )
      expect(values, name).toEqual(want.values)
    }
    expect(tensors['layer.weight'].data).toBeInstanceOf(Float32Array)
    expect(tensors.half.data).toBeInstanceOf(Float32Array)
    expect(tensors.longs.data).toBeInstanceOf(BigInt64Array)
  })

  it('re-encodes the reference file to an equivalent file', () => {
    const first = decodeSafetensors(fixture('reference.safetensors'))
    const writable = Object.fromEntries(
      Object.entries(first.tensors).filter(([, t]) => t.dtype !== 'F16' && t.dtype !== 'BF16'),
    )
    const again = decodeSafetensors(encodeSafetensors(writable, first.metadata))
    expect(again.metadata).toEqual(first.metadata)
    expect(again.tensors).toEqual(writable)
  })
})

describe('decodeSafetensors on bad input', () => {
  const good = encodeSafetensors(sample())
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /0 bytes; .*8-byte header length/],
    ['a header length past the end', () => good.subarray(0, 20), /header length \d+ exceeds/],
    ['a truncated data section', () => good.subarray(0, good.length - 3), /truncated|cover/],
    ['trailing bytes', () => new Uint8Array([...good, 0, 0]), /trailing bytes/],
    [
      'invalid JSON',
      () => rawFile('x').map((b, i) => (i === 8 ? 0x7b : b)),
      /not valid UTF-8 JSON/,
    ],
    ['a JSON array header', () => rawFile([1, 2]), /must be a JSON object/],
    [
      'an unknown dtype',
      () => rawFile({ x: { dtype: 'F8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)),
      /tensor 'x': unsupported dtype "F8"/,
    ],
    [
      'a negative dimension',
      () => rawFile({ x: { dtype: 'U8', shape: [-1], data_offsets: [0, 1] } }, new Uint8Array(1)),
      /tensor 'x': shape must be/,
    ],
    [
      'offsets that do not match the shape',
      () => rawFile({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /span 4 bytes but F32\[2\] needs 8/,
    ],
    [
      'overlapping tensors',
      () =>
        rawFile(
          {
            x: { dtype: 'U8', shape: [2], data_offsets: [0, 2] },
            y: { dtype: 'U8', shape: [2], data_offsets: [1, 3] },
          },
          new Uint8Array(3),
        ),
      /overlaps/,
    ],
    [
      'a hole in the data',
      () => rawFile({ x: { dtype: 'U8', shape: [1], data_offsets: [1, 2] } }, new Uint8Array(2)),
      /hole before 'x'/,
    ],
    [
      'non-string metadata',
      () => rawFile({ __metadata__: { epochs: 3 } }),
      /__metadata__ 'epochs' must be a string/,
    ],
  ]
  for (const [what, make, message] of cases) {
    it(`rejects ${what} with a ModelFormatError`, () => {
      let err: unknown
      try {
        decodeSafetensors(make())
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(ModelFormatError)
      expect((err as Error).name).toBe('ModelFormatError')
      expect((err as Error).message).toMatch(/^decodeSafetensors: /)
      expect((err as Error).message).toMatch(message)
    })
  }
})

describe('encodeSafetensors on bad input', () => {
  it('rejects a data array that does not match the dtype', () => {
    expect(() =>
      encodeSafetensors({ x: { dtype: 'F32', shape: [1], data: new Float64Array(1) } }),
    ).toThrow(/tensor 'x': dtype F32 needs a Float32Array, got Float64Array/)
  })
  it('rejects a shape that does not match the data length', () => {
    expect(() =>
      encodeSafetensors({ x: { dtype: 'I32', shape: [2, 2], data: new Int32Array(3) } }),
    ).toThrow(ModelFormatError)
  })
  it('rejects F16 output and non-string metadata', () => {
    expect(() =>
      encodeSafetensors({ x: { dtype: 'F16', shape: [1], data: new Float32Array(1) } }),
    ).toThrow(/cannot write dtype F16/)
    expect(() => encodeSafetensors({}, { n: 1 as unknown as string })).toThrow(/must be a string/)
  })
})
