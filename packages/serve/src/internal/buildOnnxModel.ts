// Serializes a small ONNX graph (nodes, initializers, typed inputs/outputs) to ModelProto bytes,
// so tests and benchmarks can make real ONNX models in TypeScript without Python.
import { ProtoWriter } from './ProtoWriter.js'

/** ONNX TensorProto.DataType codes for the element types this builder writes. */
export const OnnxElemType = {
  float: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  double: 11,
} as const
export type OnnxElemTypeName = keyof typeof OnnxElemType

export interface OnnxValueInfo {
  name: string
  type: OnnxElemTypeName
  /** Numbers are fixed sizes, strings are symbolic (dynamic) dimensions. */
  shape: (number | string)[]
}

export interface OnnxInitializer {
  name: string
  type: 'float' | 'double' | 'int32' | 'int64' | 'bool' | 'string'
  dims: number[]
  data: ArrayLike<number> | ArrayLike<bigint> | string[]
}

export type OnnxAttribute = number | number[] | string | { float: number }

export interface OnnxNode {
  op: string
  inputs: string[]
  outputs: string[]
  name?: string
  attributes?: Record<string, OnnxAttribute>
}

export interface OnnxGraph {
  name?: string
  inputs: OnnxValueInfo[]
  outputs: OnnxValueInfo[]
  nodes: OnnxNode[]
  initializers?: OnnxInitializer[]
  /** Default opset 17. */
  opset?: number
}

function valueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter()
  for (const d of v.shape) {
    const dim = new ProtoWriter()
    if (typeof d === 'number') dim.int(1, d)
    else dim.string(2, d)
    shape.message(1, dim)
  }
  const tensorType = new ProtoWriter().int(1, OnnxElemType[v.type]).message(2, shape)
  const type = new ProtoWriter().message(1, tensorType)
  return new ProtoWriter().string(1, v.name).message(2, type)
}

function tensor(t: OnnxInitializer): ProtoWriter {
  const w = new ProtoWriter()
  w.packedInts(1, t.dims)
  w.int(2, OnnxElemType[t.type])
  w.string(8, t.name)
  if (t.type === 'string') {
    for (const s of t.data as string[]) w.string(6, s)
    return w
  }
  const n = t.data.length
  let raw: Uint8Array
  switch (t.type) {
    case 'float':
      raw = new Uint8Array(Float32Array.from(t.data as ArrayLike<number>).buffer)
      break
    case 'double':
      raw = new Uint8Array(Float64Array.from(t.data as ArrayLike<number>).buffer)
      break
    case 'int32':
      raw = new Uint8Array(Int32Array.from(t.data as ArrayLike<number>).buffer)
      break
    case 'int64': {
      const a = new BigInt64Array(n)
      for (let i = 0; i < n; i++) a[i] = BigInt((t.data as ArrayLike<number | bigint>)[i] as number)
      raw = new Uint8Array(a.buffer)
      break
    }
    case 'bool':
      raw = Uint8Array.from(t.data as ArrayLike<number>, (x) => (x ? 1 : 0))
      break
  }
  return w.bytes(9, raw)
}

function attribute(name: string, value: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name)
  // AttributeProto.type: FLOAT=1, INT=2, STRING=3, INTS=7.
  if (typeof value === 'number') return w.int(3, value).int(20, 2)
  if (typeof value === 'string') return w.string(4, value).int(20, 3)
  if (Array.isArray(value)) {
    for (const v of value) w.int(8, v)
    return w.int(20, 7)
  }
  return w.float(2, value.float).int(20, 1)
}

/**
 * Serializes a graph to an ONNX model file's bytes (IR version 8).
 *
 * @example
 * const bytes = buildOnnxModel({
 *   inputs: [{ name: 'x', type: 'float', shape: ['batch', 4] }],
 *   outputs: [{ name: 'y', type: 'float', shape: ['batch', 4] }],
 *   nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
 * })
 */
export function buildOnnxModel(graph: OnnxGraph): Uint8Array {
  const g = new ProtoWriter()
  graph.nodes.forEach((n, i) => {
    const node = new ProtoWriter()
    for (const x of n.inputs) node.string(1, x)
    for (const y of n.outputs) node.string(2, y)
    node.string(3, n.name ?? `${n.op}_${i}`)
    node.string(4, n.op)
    for (const [k, v] of Object.entries(n.attributes ?? {})) node.message(5, attribute(k, v))
    g.message(1, node)
  })
  g.string(2, graph.name ?? 'graph')
  for (const t of graph.initializers ?? []) g.message(5, tensor(t))
  for (const v of graph.inputs) g.message(11, valueInfo(v))
  for (const v of graph.outputs) g.message(12, valueInfo(v))
  const opset = new ProtoWriter().string(1, '').int(2, graph.opset ?? 17)
  return new ProtoWriter()
    .int(1, 8)
    .string(2, 'mlstack')
    .string(3, '0')
    .message(7, g)
    .message(8, opset)
    .finish()
}
