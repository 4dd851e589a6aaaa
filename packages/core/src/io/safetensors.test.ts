import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import expected from '../../fixtures/reference.json' with { type: 'json' }
import { ModelFormatError, randn, tensor } from '../index.js'
import {
  loadSafetensors,
  saveSafetensors,
  tensorsFromSafetensors,
  tensorsToSafetensors,
} from './safetensors.js'
import { encodeSafetensors } from './safetensorsCodec.js'

const dir = mkdtempSync(join(tmpdir(), 'mlstack-safetensors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips float32, float64, int32 and bool tensors exactly, with metadata', async () => {
    const src = {
      'fc1.weight': randn([5, 3], { seed: 1 }),
      'fc1.bias': tensor([Number.NaN, -0, 1e-45], { dtype: 'float32' }),
      steps: tensor([1, -2, 2147483647], { dtype: 'int32' }),
      precise: tensor([Math.PI, 1e-300], { dtype: 'float64' }),
      mask: tensor([true, false, true]),
      scalar: tensor(2.5),
    }
    const path = join(dir, 'model.safetensors')
    await saveSafetensors(path, src, { epochs: '3' })
    const { tensors, metadata } = await loadSafetensors(path)
    expect(metadata).toEqual({ epochs: '3' })
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(src).sort())
    for (const [name, t] of Object.entries(src)) {
      const got = tensors[name]
      expect(got.dtype, name).toBe(t.dtype)
      expect(got.shape, name).toEqual(t.shape)
      const a = t.dataSync()
      const b = got.dataSync()
      expect(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), name).toEqual(
        new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      )
    }
    // The temporary file of the atomic write is gone.
    expect(readdirSync(dir)).toEqual(['model.safetensors'])
  })

  it('loads the numpy-written reference file, widening F16/BF16 and narrowing I64/U8', async () => {
    const path = fileURLToPath(new URL('../../fixtures/reference.safetensors', import.meta.url))
    const { tensors, metadata } = await loadSafetensors(path)
    expect(metadata).toEqual(expected.metadata)
    const dtype: Record<string, string> = {
      F32: 'float32',
      F16: 'float32',
      BF16: 'float32',
      F64: 'float64',
      I32: 'int32',
      I64: 'float64', // holds -2^40 and 2^53-1: outside int32, exact in float64
      U8: 'int32',
      BOOL: 'bool',
    }
    for (const [name, want] of Object.entries(expected.tensors)) {
      const t = tensors[name]
      expect(t.dtype, name).toBe(dtype[want.dtype])
      expect(t.shape, name).toEqual(want.shape)
      expect(Array.from(t.dataSync()), name).toEqual(want.values.map(Number))
    }
  })

  it('narrows I64 to int32 when it fits and rejects values no dtype holds exactly', async () => {
    const small = encodeSafetensors({
      n: { dtype: 'I64', shape: [2], data: new BigInt64Array([-5n, 2n ** 31n - 1n]) },
    })
    const t = tensorsFromSafetensors(small).tensors.n
    expect(t.dtype).toBe('int32')
    expect(Array.from(t.dataSync())).toEqual([-5, 2147483647])
    const bytes = encodeSafetensors({
      big: { dtype: 'I64', shape: [2], data: new BigInt64Array([1n, 2n ** 60n + 1n]) },
    })
    expect(() => tensorsFromSafetensors(bytes)).toThrow(ModelFormatError)
    expect(() => tensorsFromSafetensors(bytes)).toThrow(
      /tensor 'big' \(I64\) holds 1152921504606846977/,
    )
  })

  it('reports a truncated file as a ModelFormatError and leaves no partial tensors', async () => {
    const bytes = await tensorsToSafetensors({ w: randn([4, 4], { seed: 2 }) })
    const path = join(dir, 'truncated.safetensors')
    writeFileSync(path, bytes.subarray(0, bytes.length - 5))
    await expect(loadSafetensors(path)).rejects.toThrow(ModelFormatError)
    await expect(loadSafetensors(path)).rejects.toThrow(/truncated/)
  })

  it('rejects a non-tensor value on save', async () => {
    await expect(
      saveSafetensors(join(dir, 'bad.safetensors'), { w: [1, 2] as never }),
    ).rejects.toThrow(/'w' is not a Tensor/)
    expect(readdirSync(dir).some((f) => f.startsWith('bad'))).toBe(false)
  })

  it('bytes written are readable by the byte-level reader', async () => {
    const bytes = await tensorsToSafetensors({ a: tensor([[1, 2]]) }, { k: 'v' })
    const path = join(dir, 'b.safetensors')
    writeFileSync(path, bytes)
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes)
  })
})
