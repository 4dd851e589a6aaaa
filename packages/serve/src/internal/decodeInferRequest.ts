// Turns a protocol infer request (JSON, or JSON header + binary tensors) into typed tensors in
// the model's input order, checking names, datatypes, shapes, lengths, value ranges and limits,
// with an error that names the input and what was expected.
import {
  allocate,
  type Datatype,
  elementCount,
  elementSize,
  type InferTensor,
  isDatatype,
  type TensorData,
} from '../Datatype.js'
import { InvalidInputError } from '../errors.js'
import type { ServedVersion } from '../ModelRepository.js'

export interface RequestedOutput {
  name: string
  /** Top-k classification strings instead of raw values. */
  classification?: number
  binary: boolean
}

export interface DecodedRequest {
  id?: string
  inputs: InferTensor[]
  outputs: RequestedOutput[]
  rows: number
  /** The request's own deadline (Triton's `timeout` parameter, given in microseconds). */
  timeoutMs?: number
}

const INT_RANGE: Partial<Record<Datatype, [number, number]>> = {
  INT8: [-128, 127],
  UINT8: [0, 255],
  INT32: [-2147483648, 2147483647],
}

function bad(msg: string): never {
  throw new InvalidInputError(msg)
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** FP32/FP64 from the numbers parseJsonBody already read (JSON numbers, so only ±Infinity from
 * overflow can be non-finite). The FP64 array is the parser's own copy and is used as is. */
function fillFloats(
  where: string,
  datatype: 'FP32' | 'FP64',
  values: Float64Array,
  allowNonFinite: boolean,
): TensorData {
  const out = datatype === 'FP64' ? values : new Float32Array(values)
  if (!allowNonFinite) {
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i] as number))
        bad(
          `${where}: data[${i}] = ${values[i]} is not a finite ${datatype} value; this model refuses NaN and Infinity`,
        )
    }
  }
  return out
}

function fillFromJson(
  where: string,
  datatype: Datatype,
  values: ArrayLike<unknown>,
  allowNonFinite: boolean,
): TensorData {
  if (values instanceof Float64Array && (datatype === 'FP32' || datatype === 'FP64'))
    return fillFloats(where, datatype, values, allowNonFinite)
  const n = values.length
  const out = allocate(datatype, n)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    switch (datatype) {
      case 'FP32':
      case 'FP64': {
        let x: number
        if (typeof v === 'number') x = v
        else if (allowNonFinite && (v === 'NaN' || v === 'Infinity' || v === '-Infinity'))
          x = Number(v)
        else
          bad(
            `${where}: data[${i}] is ${JSON.stringify(v)}, expected a number${allowNonFinite ? ' (or "NaN", "Infinity", "-Infinity")' : ''}`,
          )
        ;(out as Float32Array)[i] = x
        if (!allowNonFinite && !Number.isFinite((out as Float32Array)[i] as number)) {
          bad(
            `${where}: data[${i}] = ${v} is not a finite ${datatype} value; this model refuses NaN and Infinity`,
          )
        }
        break
      }
      case 'INT64': {
        if (typeof v === 'number' && Number.isSafeInteger(v)) (out as BigInt64Array)[i] = BigInt(v)
        else if (typeof v === 'string' && /^-?[0-9]{1,19}$/.test(v)) {
          const b = BigInt(v)
          if (b !== BigInt.asIntN(64, b))
            bad(`${where}: data[${i}] = ${v} is out of the INT64 range`)
          ;(out as BigInt64Array)[i] = b
        } else
          bad(
            `${where}: data[${i}] is ${JSON.stringify(v)}, expected an integer (a safe integer or a decimal string)`,
          )
        break
      }
      case 'INT32':
      case 'INT8':
      case 'UINT8': {
        const [lo, hi] = INT_RANGE[datatype] as [number, number]
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
          bad(
            `${where}: data[${i}] is ${JSON.stringify(v)}, expected an integer in [${lo}, ${hi}] for ${datatype}`,
          )
        }
        ;(out as Int32Array)[i] = v
        break
      }
      case 'BOOL':
        if (typeof v !== 'boolean')
          bad(`${where}: data[${i}] is ${JSON.stringify(v)}, expected true or false`)
        ;(out as Uint8Array)[i] = v ? 1 : 0
        break
      case 'BYTES':
        if (typeof v !== 'string')
          bad(`${where}: data[${i}] is ${JSON.stringify(v)}, expected a string`)
        ;(out as string[])[i] = v
        break
    }
  }
  return out
}

function fillFromBinary(
  where: string,
  datatype: Datatype,
  bytes: Uint8Array,
  count: number,
  allowNonFinite: boolean,
): TensorData {
  if (datatype === 'BYTES') {
    const out: string[] = []
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const dec = new TextDecoder()
    let p = 0
    while (p < bytes.length) {
      if (p + 4 > bytes.length)
        bad(`${where}: binary BYTES element ${out.length} has a truncated length prefix`)
      const len = view.getUint32(p, true)
      p += 4
      if (p + len > bytes.length)
        bad(
          `${where}: binary BYTES element ${out.length} claims ${len} bytes past the end of its data`,
        )
      out.push(dec.decode(bytes.subarray(p, p + len)))
      p += len
    }
    if (out.length !== count)
      bad(`${where}: binary data holds ${out.length} BYTES elements, the shape needs ${count}`)
    return out
  }
  const size = elementSize(datatype)
  if (bytes.length !== count * size) {
    bad(
      `${where}: binary_data_size is ${bytes.length} bytes, the shape needs ${count} × ${size} = ${count * size}`,
    )
  }
  // Copy so the tensor owns aligned memory (the body buffer may be pooled or misaligned).
  const out = allocate(datatype, count) as Exclude<TensorData, string[]>
  new Uint8Array(out.buffer).set(bytes)
  if ((datatype === 'FP32' || datatype === 'FP64') && !allowNonFinite) {
    const f = out as Float32Array
    for (let i = 0; i < f.length; i++) {
      if (!Number.isFinite(f[i] as number))
        bad(`${where}: element ${i} is ${f[i]}; this model refuses NaN and Infinity`)
    }
  }
  if (datatype === 'BOOL') {
    const b = out as Uint8Array
    for (let i = 0; i < b.length; i++)
      if ((b[i] as number) > 1) bad(`${where}: BOOL element ${i} is byte ${b[i]}, expected 0 or 1`)
  }
  return out
}

/**
 * Validates and decodes a request for one model version.
 * `binary` is the part of the body after the JSON header (binary-data extension), if any.
 */
export function decodeInferRequest(
  body: unknown,
  binary: Uint8Array | undefined,
  served: ServedVersion,
  limits: { maxInputElements: number },
): DecodedRequest {
  const model = `model '${served.name}' version ${served.version}`
  if (!isObject(body))
    bad(`infer request for ${model}: the body must be a JSON object with an "inputs" array`)
  if (body.id !== undefined && typeof body.id !== 'string')
    bad(`infer request: "id" must be a string, got ${JSON.stringify(body.id)}`)
  if (body.parameters !== undefined && !isObject(body.parameters))
    bad(`infer request: "parameters" must be an object`)
  const params = (body.parameters ?? {}) as Record<string, unknown>
  if (!Array.isArray(body.inputs) || body.inputs.length === 0) {
    bad(
      `infer request for ${model}: "inputs" must be a non-empty array of {name, shape, datatype, data}`,
    )
  }
  const expected = served.model.inputs
  const byName = new Map<string, InferTensor>()
  let binaryOffset = 0
  let totalElements = 0
  for (const [k, raw] of (body.inputs as unknown[]).entries()) {
    if (!isObject(raw)) bad(`inputs[${k}] must be an object {name, shape, datatype, data}`)
    const name = raw.name
    if (typeof name !== 'string') bad(`inputs[${k}]: "name" must be a string`)
    const meta = expected.find((t) => t.name === name)
    if (!meta) {
      bad(
        `inputs[${k}]: ${model} has no input '${name}' (inputs: ${expected.map((t) => t.name).join(', ')})`,
      )
    }
    if (byName.has(name)) bad(`input '${name}' is given twice`)
    const where = `input '${name}'`
    if (!isDatatype(raw.datatype))
      bad(`${where}: datatype ${JSON.stringify(raw.datatype)} is not a protocol datatype`)
    if (raw.datatype !== meta.datatype)
      bad(`${where}: datatype is ${raw.datatype}, the model expects ${meta.datatype}`)
    const shape = raw.shape
    if (
      !Array.isArray(shape) ||
      !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)
    ) {
      bad(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`)
    }
    const dims = shape as number[]
    const fits =
      dims.length === meta.shape.length &&
      dims.every((d, i) => meta.shape[i] === -1 || meta.shape[i] === d)
    if (!fits)
      bad(
        `${where}: shape [${dims.join(', ')}] does not fit the model's [${meta.shape.join(', ')}] (-1 = any)`,
      )
    const count = elementCount(dims)
    totalElements += count
    if (totalElements > limits.maxInputElements) {
      bad(`infer request: inputs hold more than the limit of ${limits.maxInputElements} elements`)
    }
    const tparams = raw.parameters
    if (tparams !== undefined && !isObject(tparams)) bad(`${where}: "parameters" must be an object`)
    const binarySize = (tparams as Record<string, unknown> | undefined)?.binary_data_size
    let data: TensorData
    if (binarySize !== undefined) {
      if (!Number.isSafeInteger(binarySize) || (binarySize as number) < 0)
        bad(`${where}: binary_data_size must be a non-negative integer`)
      if (raw.data !== undefined) bad(`${where}: give either "data" or binary_data_size, not both`)
      const size = binarySize as number
      if (!binary || binaryOffset + size > binary.length) {
        bad(
          `${where}: binary_data_size ${size} runs past the ${binary?.length ?? 0} binary bytes after the JSON header`,
        )
      }
      data = fillFromBinary(
        where,
        meta.datatype,
        binary.subarray(binaryOffset, binaryOffset + size),
        count,
        served.config.allowNonFinite,
      )
      binaryOffset += size
    } else {
      // parseJsonBody gives a flat all-number "data" array as a Float64Array.
      const given = raw.data
      if (!Array.isArray(given) && !(given instanceof Float64Array))
        bad(`${where}: "data" must be an array (flat or nested, row-major)`)
      const flat: ArrayLike<unknown> =
        Array.isArray(given) && given.length > 0 && Array.isArray(given[0])
          ? (given as unknown[]).flat(dims.length)
          : given
      if (flat.length !== count) {
        bad(`${where}: data has ${flat.length} elements, shape [${dims.join(', ')}] needs ${count}`)
      }
      data = fillFromJson(where, meta.datatype, flat, served.config.allowNonFinite)
    }
    byName.set(name, { name, datatype: meta.datatype, shape: dims, data })
  }
  if (binary && binaryOffset !== binary.length) {
    bad(
      `infer request: ${binary.length - binaryOffset} binary bytes after the JSON header are not claimed by any input's binary_data_size`,
    )
  }
  const missing = expected.filter((t) => !byName.has(t.name)).map((t) => t.name)
  if (missing.length > 0) bad(`infer request for ${model}: missing input(s) ${missing.join(', ')}`)
  const inputs = expected.map((t) => byName.get(t.name) as InferTensor)

  let rows = 1
  if (served.maxBatchSize > 0) {
    rows = inputs[0]?.shape[0] as number
    if (!inputs.every((t) => t.shape[0] === rows)) {
      bad(
        `infer request: every input must have the same batch size (first dimension); got ${inputs.map((t) => t.shape[0]).join(', ')}`,
      )
    }
    if (rows < 1 || rows > served.maxBatchSize) {
      bad(
        `infer request: batch size ${rows} is outside 1..${served.maxBatchSize} (maxBatchSize of ${model})`,
      )
    }
  }

  let timeoutMs: number | undefined
  if (params.timeout !== undefined) {
    if (!Number.isSafeInteger(params.timeout) || (params.timeout as number) <= 0) {
      bad(
        `infer request: parameters.timeout must be a positive integer of microseconds, got ${JSON.stringify(params.timeout)}`,
      )
    }
    timeoutMs = Math.max(1, Math.ceil((params.timeout as number) / 1000))
  }
  const binaryAll = params.binary_data_output === true
  let outputs: RequestedOutput[]
  if (body.outputs === undefined) {
    outputs = served.model.outputs.map((o) => ({ name: o.name, binary: binaryAll }))
  } else {
    if (!Array.isArray(body.outputs) || body.outputs.length === 0)
      bad(`infer request: "outputs" must be a non-empty array of {name}`)
    outputs = []
    for (const [k, raw] of (body.outputs as unknown[]).entries()) {
      if (!isObject(raw) || typeof raw.name !== 'string')
        bad(`outputs[${k}] must be an object with a string "name"`)
      const name = raw.name
      const meta = served.model.outputs.find((o) => o.name === name)
      if (!meta)
        bad(
          `outputs[${k}]: ${model} has no output '${name}' (outputs: ${served.model.outputs.map((o) => o.name).join(', ')})`,
        )
      if (outputs.some((o) => o.name === name)) bad(`output '${name}' is requested twice`)
      if (raw.parameters !== undefined && !isObject(raw.parameters))
        bad(`output '${name}': "parameters" must be an object`)
      const p = (raw.parameters ?? {}) as Record<string, unknown>
      const out: RequestedOutput = {
        name,
        binary: p.binary_data === undefined ? binaryAll : p.binary_data === true,
      }
      if (p.classification !== undefined) {
        const k2 = p.classification
        const classes = meta.shape[meta.shape.length - 1] as number
        if (
          !Number.isInteger(k2) ||
          (k2 as number) < 1 ||
          (classes > 0 && (k2 as number) > classes)
        ) {
          bad(
            `output '${name}': classification must be an integer in 1..${classes}, got ${JSON.stringify(k2)}`,
          )
        }
        if (meta.datatype === 'BYTES' || meta.datatype === 'BOOL')
          bad(`output '${name}': classification needs a numeric output, it is ${meta.datatype}`)
        out.classification = k2 as number
      }
      outputs.push(out)
    }
  }
  return { id: body.id as string | undefined, inputs, outputs, rows, timeoutMs }
}
