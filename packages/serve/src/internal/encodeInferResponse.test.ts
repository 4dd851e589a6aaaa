// The direct-to-text answer must be byte for byte JSON.stringify of the general path's answer,
// and must step aside (undefined) for everything it does not cover.
import { describe, expect, test } from 'vitest'
import type { InferTensor } from '../Datatype.js'
import { encodeInferResponse, encodeInferResponseText } from './encodeInferResponse.js'

const plain = (name: string) => ({ name, binary: false })

describe('encodeInferResponseText', () => {
  test('equals JSON.stringify of the general answer for numeric outputs', () => {
    const outputs: InferTensor[] = [
      {
        name: 'p',
        datatype: 'FP32',
        shape: [2, 3],
        data: Float32Array.of(0.1, -0, 1e-8, 3.4e38, -2.5, 1 / 3),
      },
      { name: 'd', datatype: 'FP64', shape: [3], data: Float64Array.of(Math.PI, -1e300, 5e-324) },
      { name: 'i', datatype: 'INT32', shape: [2], data: Int32Array.of(-2147483648, 7) },
      { name: 'b', datatype: 'INT8', shape: [1], data: Int8Array.of(-128) },
      { name: 'u', datatype: 'UINT8', shape: [1], data: Uint8Array.of(255) },
    ]
    const requested = outputs.map((o) => plain(o.name))
    for (const id of [undefined, 'req "7" \\ é']) {
      const want = JSON.stringify(encodeInferResponse('m-1', 3, id, outputs, requested, {}).json)
      expect(encodeInferResponseText('m-1', 3, id, outputs, requested)).toBe(want)
    }
  })

  test('steps aside for non-finite values, BOOL, INT64, BYTES, binary and classification', () => {
    const t = (data: InferTensor['data'], datatype: InferTensor['datatype']): InferTensor[] => [
      { name: 'x', datatype, shape: [2], data },
    ]
    const r = [plain('x')]
    expect(
      encodeInferResponseText('m', 1, undefined, t(Float32Array.of(1, Number.NaN), 'FP32'), r),
    ).toBeUndefined()
    expect(
      encodeInferResponseText('m', 1, undefined, t(Float64Array.of(Infinity, 1), 'FP64'), r),
    ).toBeUndefined()
    expect(
      encodeInferResponseText('m', 1, undefined, t(Uint8Array.of(0, 1), 'BOOL'), r),
    ).toBeUndefined()
    expect(
      encodeInferResponseText('m', 1, undefined, t(BigInt64Array.of(1n, 2n), 'INT64'), r),
    ).toBeUndefined()
    expect(encodeInferResponseText('m', 1, undefined, t(['a', 'b'], 'BYTES'), r)).toBeUndefined()
    const f = t(Float32Array.of(1, 2), 'FP32')
    expect(
      encodeInferResponseText('m', 1, undefined, f, [{ name: 'x', binary: true }]),
    ).toBeUndefined()
    expect(
      encodeInferResponseText('m', 1, undefined, f, [
        { name: 'x', binary: false, classification: 1 },
      ]),
    ).toBeUndefined()
  })
})
