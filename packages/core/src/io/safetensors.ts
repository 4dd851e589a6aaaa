/**
 * Tensor-level safetensors: save/load `{ name: Tensor }` records to files or bytes. The byte
 * format itself lives in safetensorsCodec.ts.
 *
 * dtype mapping: float32 ⇄ F32, float64 ⇄ F64, int32 ⇄ I32, bool ⇄ BOOL. Reading also accepts
 * F16/BF16 (→ float32) and I8/U8/I16/U16/U32/I64/U64 (→ int32 when every value fits, float64
 * when some do not but all are exact there (|v| ≤ 2^53), otherwise a ModelFormatError).
 */
import type { DType } from '../dtype.js'
import { ModelFormatError } from '../errors.js'
import { tensor } from '../ops/creation.js'
import { Tensor } from '../tensor/Tensor.js'
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsArray,
  type SafetensorsDType,
  type SafetensorsEntry,
} from './safetensorsCodec.js'

const TO_FILE: Record<DType, SafetensorsDType> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
  bool: 'BOOL',
}

/**
 * Encodes tensors as safetensors bytes (values are read with `data()`, so any backend works).
 *
 * @example
 * const bytes = await tensorsToSafetensors({ w: randn([2, 3]) }, { epoch: '3' })
 */
export async function tensorsToSafetensors(
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Promise<Uint8Array> {
  const entries: Record<string, SafetensorsEntry> = {}
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof Tensor)) {
      throw new ModelFormatError(
        'saveSafetensors',
        `'${name}' is not a Tensor (got ${t === null ? 'null' : typeof t})`,
      )
    }
    const data = (await t.data()) as SafetensorsArray
    entries[name] = { dtype: TO_FILE[t.dtype], shape: [...t.shape], data }
  }
  return encodeSafetensors(entries, metadata)
}

/**
 * Integer data of a dtype mlstack does not have: int32 when every value fits; float64 when
 * some do not but all are exact there (|v| ≤ 2^53); otherwise a ModelFormatError.
 */
function narrowInt(
  name: string,
  dtype: SafetensorsDType,
  data: SafetensorsArray,
): { values: Int32Array | Float64Array; dtype: DType } {
  let fitsInt32 = true
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i])
    if (v > 2147483647 || v < -2147483648) {
      fitsInt32 = false
      if (!Number.isSafeInteger(v) || BigInt(v) !== BigInt(data[i])) {
        throw new ModelFormatError(
          'loadSafetensors',
          `tensor '${name}' (${dtype}) holds ${String(data[i])} at index ${i}, which neither int32 nor float64 represents exactly`,
        )
      }
    }
  }
  if (fitsInt32)
    return { values: Int32Array.from(data as ArrayLike<number>, Number), dtype: 'int32' }
  return { values: Float64Array.from(data as ArrayLike<number>, Number), dtype: 'float64' }
}

/**
 * Decodes safetensors bytes into tensors on the active backend.
 *
 * @example
 * const { tensors, metadata } = tensorsFromSafetensors(bytes)
 */
export function tensorsFromSafetensors(bytes: Uint8Array): {
  tensors: Record<string, Tensor>
  metadata: Record<string, string>
} {
  const { tensors: raw, metadata } = decodeSafetensors(bytes)
  const tensors: Record<string, Tensor> = {}
  try {
    for (const [name, e] of Object.entries(raw)) {
      let values: Float32Array | Float64Array | Int32Array | Uint8Array
      let dtype: DType
      switch (e.dtype) {
        case 'F32':
        case 'F16':
        case 'BF16':
          values = e.data as Float32Array
          dtype = 'float32'
          break
        case 'F64':
          values = e.data as Float64Array
          dtype = 'float64'
          break
        case 'I32':
          values = e.data as Int32Array
          dtype = 'int32'
          break
        case 'BOOL': {
          const b = e.data as Uint8Array
          values = new Uint8Array(b.length)
          for (let i = 0; i < b.length; i++) values[i] = b[i] !== 0 ? 1 : 0
          dtype = 'bool'
          break
        }
        default:
          ;({ values, dtype } = narrowInt(name, e.dtype, e.data))
      }
      tensors[name] = tensor(values, { shape: e.shape, dtype })
    }
  } catch (err) {
    for (const t of Object.values(tensors)) t.dispose()
    throw err
  }
  return { tensors, metadata }
}

/**
 * Writes tensors to a .safetensors file atomically (a temporary file renamed over `path`, so a
 * crash never leaves a half-written model).
 *
 * @example
 * await saveSafetensors('model.safetensors', { 'fc1.weight': w, 'fc1.bias': b }, { epochs: '5' })
 */
export async function saveSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Promise<void> {
  const bytes = await tensorsToSafetensors(tensors, metadata)
  // Loaded lazily so that importing @mlstack/core never requires node:fs (browsers, workers).
  const fs = await import('node:fs/promises')
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`
  try {
    await fs.writeFile(tmp, bytes)
    await fs.rename(tmp, path)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    throw err
  }
}

/**
 * Reads a .safetensors file into tensors on the active backend.
 *
 * @example
 * const { tensors, metadata } = await loadSafetensors('model.safetensors')
 */
export async function loadSafetensors(path: string): Promise<{
  tensors: Record<string, Tensor>
  metadata: Record<string, string>
}> {
  const fs = await import('node:fs/promises')
  const bytes = await fs.readFile(path)
  return tensorsFromSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}
