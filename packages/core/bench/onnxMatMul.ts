/**
 * A one-node ONNX model (Y = A·B, float32, fixed shapes), encoded by hand: a few protobuf
 * fields are all onnxruntime needs, so the benchmark carries no ONNX tooling dependency.
 */

function varint(value: number): number[] {
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return out
}

const utf8 = new TextEncoder()

/** A length-delimited field (wire type 2): strings and sub-messages. */
function bytesField(field: number, payload: number[] | string): number[] {
  const body = typeof payload === 'string' ? [...utf8.encode(payload)] : payload
  return [...varint((field << 3) | 2), ...varint(body.length), ...body]
}

/** A varint field (wire type 0): int32/int64 values. */
function intField(field: number, value: number): number[] {
  return [...varint(field << 3), ...varint(value)]
}

function valueInfo(name: string, dims: number[]): number[] {
  const shape = dims.flatMap((d) => bytesField(1, intField(1, d)))
  const tensorType = [...intField(1, 1 /* FLOAT */), ...bytesField(2, shape)]
  return [...bytesField(1, name), ...bytesField(2, bytesField(1, tensorType))]
}

/** ModelProto bytes for Y[m,n] = MatMul(A[m,k], B[k,n]). */
export function onnxMatMulModel(m: number, n: number, k: number): Uint8Array {
  const node = [
    ...bytesField(1, 'A'),
    ...bytesField(1, 'B'),
    ...bytesField(2, 'Y'),
    ...bytesField(3, 'matmul'),
    ...bytesField(4, 'MatMul'),
  ]
  const graph = [
    ...bytesField(1, node),
    ...bytesField(2, 'gemm'),
    ...bytesField(11, valueInfo('A', [m, k])),
    ...bytesField(11, valueInfo('B', [k, n])),
    ...bytesField(12, valueInfo('Y', [m, n])),
  ]
  const model = [
    ...intField(1, 8), // ir_version
    ...bytesField(8, [...bytesField(1, ''), ...intField(2, 13)]), // opset_import: ai.onnx 13
    ...bytesField(7, graph),
  ]
  return Uint8Array.from(model)
}
