// Builds the protocol's infer response: JSON tensors, or (binary-data extension) a JSON header
// followed by raw little-endian tensor bytes. Also turns class scores into the classification
// extension's "score:index:label" strings.
import type { InferTensor } from '../Datatype.js'
import type { RequestedOutput } from './decodeInferRequest.js'

export interface EncodedResponse {
  json: Record<string, unknown>
  /** Raw output bytes in output order; empty when nothing was asked for in binary. */
  binary: Uint8Array[]
}

function toJsonArray(t: InferTensor): unknown[] {
  const d = t.data
  if (Array.isArray(d)) return d
  if (d instanceof BigInt64Array) {
    // Numbers beyond 2^53 lose precision in JSON numbers; send those as decimal strings.
    return Array.from(d, (x) =>
      x <= 9007199254740991n && x >= -9007199254740991n ? Number(x) : x.toString(),
    )
  }
  if (t.datatype === 'BOOL') return Array.from(d, (x) => x !== 0)
  const out = Array.from(d as Float32Array) as (number | string)[]
  if (t.datatype === 'FP32' || t.datatype === 'FP64') {
    // JSON has no NaN or Infinity (JSON.stringify would write null): use the same strings that
    // models with allowNonFinite accept as input.
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i])) out[i] = String(out[i])
    }
  }
  return out
}

function toBytes(t: InferTensor): Uint8Array {
  if (Array.isArray(t.data)) {
    const enc = new TextEncoder()
    const parts = t.data.map((s) => enc.encode(s))
    const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0))
    const view = new DataView(out.buffer)
    let o = 0
    for (const p of parts) {
      view.setUint32(o, p.length, true)
      out.set(p, o + 4)
      o += 4 + p.length
    }
    return out
  }
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)
}

/** Top-k per row as "score:index[:label]" strings (KServe/Triton classification extension). */
export function classify(t: InferTensor, k: number, labels: string[] | undefined): InferTensor {
  const classes = (t.shape[t.shape.length - 1] as number) || 1
  const rows = t.data.length / classes
  const out: string[] = []
  const d = t.data as Float32Array
  for (let r = 0; r < rows; r++) {
    const idx = Array.from({ length: classes }, (_, i) => i)
    idx.sort((a, b) => Number(d[r * classes + b]) - Number(d[r * classes + a]))
    for (const i of idx.slice(0, k)) {
      const label = labels?.[i]
      out.push(`${Number(d[r * classes + i])}:${i}${label !== undefined ? `:${label}` : ''}`)
    }
  }
  return { name: t.name, datatype: 'BYTES', shape: [...t.shape.slice(0, -1), k], data: out }
}

/**
 * The common answer written straight to JSON text: every output JSON (not binary), not a
 * classification, and FP32/FP64/INT32/INT8/UINT8 with finite values. A typed array's join writes
 * each element as String(x), which is what JSON.stringify writes for a finite number, so the text
 * is byte for byte what JSON.stringify(encodeInferResponse(...).json) gives. Returns undefined
 * whenever anything else is involved (the general path handles it).
 */
export function encodeInferResponseText(
  modelName: string,
  version: number,
  id: string | undefined,
  outputs: InferTensor[],
  requested: RequestedOutput[],
): string | undefined {
  let text = `{"model_name":${JSON.stringify(modelName)},"model_version":"${version}"`
  if (id !== undefined) text += `,"id":${JSON.stringify(id)}`
  text += ',"outputs":['
  for (let i = 0; i < outputs.length; i++) {
    const t = outputs[i] as InferTensor
    const req = requested[i] as RequestedOutput
    if (req.binary || req.classification !== undefined) return undefined
    const d = t.data
    if (
      !(
        d instanceof Float32Array ||
        d instanceof Float64Array ||
        d instanceof Int32Array ||
        d instanceof Int8Array ||
        (d instanceof Uint8Array && t.datatype === 'UINT8')
      )
    )
      return undefined
    if (d instanceof Float32Array || d instanceof Float64Array) {
      for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k] as number)) return undefined
    }
    if (i > 0) text += ','
    text += `{"name":${JSON.stringify(t.name)},"datatype":"${t.datatype}","shape":[${t.shape.join(',')}],"data":[${d.join(',')}]}`
  }
  return `${text}]}`
}

export function encodeInferResponse(
  modelName: string,
  version: number,
  id: string | undefined,
  outputs: InferTensor[],
  requested: RequestedOutput[],
  labels: Record<string, string[]>,
): EncodedResponse {
  const binary: Uint8Array[] = []
  const jsonOutputs = outputs.map((raw, i) => {
    const req = requested[i] as RequestedOutput
    const t =
      req.classification !== undefined ? classify(raw, req.classification, labels[raw.name]) : raw
    const base = { name: t.name, datatype: t.datatype, shape: t.shape }
    if (req.binary) {
      const bytes = toBytes(t)
      binary.push(bytes)
      return { ...base, parameters: { binary_data_size: bytes.length } }
    }
    return { ...base, data: toJsonArray(t) }
  })
  const json: Record<string, unknown> = { model_name: modelName, model_version: String(version) }
  if (id !== undefined) json.id = id
  json.outputs = jsonOutputs
  return { json, binary }
}
