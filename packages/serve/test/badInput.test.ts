// The bad-input suite: each malformed or unreasonable request gets a 4xx with a JSON error that
// names the problem, and the server keeps serving correct requests afterwards.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startServer, type TestServer } from './helpers.js'
import { mlpModel, typesModel, writeModel } from './models.js'

let s: TestServer

beforeAll(async () => {
  s = await startServer(
    (repo) => {
      writeModel(repo, 'mnist', 1, mlpModel(3))
      writeModel(repo, 'types', 1, typesModel())
    },
    { bodyLimit: 1024 * 1024, maxInputElements: 10_000 },
  )
})
afterAll(() => s.close())

const px = (rows = 1) => new Array(784 * rows).fill(0.25)
const mnist = (input: object, extra: object = {}) => ({
  inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: px(), ...input }],
  ...extra,
})
const types = (override: Record<string, object>) => ({
  inputs: [
    { name: 'fp32_in', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3], ...override.fp32_in },
    { name: 'fp64_in', shape: [1, 3], datatype: 'FP64', data: [1, 2, 3], ...override.fp64_in },
    { name: 'int32_in', shape: [1, 3], datatype: 'INT32', data: [1, 2, 3], ...override.int32_in },
    { name: 'int64_in', shape: [1, 3], datatype: 'INT64', data: [1, 2, 3], ...override.int64_in },
    {
      name: 'bool_in',
      shape: [1, 3],
      datatype: 'BOOL',
      data: [true, false, true],
      ...override.bool_in,
    },
    {
      name: 'bytes_in',
      shape: [1, 3],
      datatype: 'BYTES',
      data: ['a', 'b', 'c'],
      ...override.bytes_in,
    },
  ],
})

function rows33() {
  const t = types({})
  return {
    inputs: t.inputs.map((i) => ({
      ...i,
      shape: [33, 3],
      data: Array.from({ length: 99 }, (_, k) => (i.data as unknown[])[k % 3]),
    })),
  }
}

function binary(header: object, bin: Buffer, headerLength?: string) {
  const h = Buffer.from(JSON.stringify(header))
  return {
    body: Buffer.concat([h, bin]),
    headers: {
      'content-type': 'application/octet-stream',
      ...(headerLength === 'omit'
        ? {}
        : { 'inference-header-content-length': headerLength ?? String(h.length) }),
    },
  }
}
const f32 = (...xs: number[]) => Buffer.from(Float32Array.from(xs).buffer)
const binInput = (size: number, shape = [1, 784]) => ({
  inputs: [{ name: 'input', shape, datatype: 'FP32', parameters: { binary_data_size: size } }],
})

interface Case {
  name: string
  path?: string
  method?: string
  body?: unknown
  raw?: { body: Buffer | string; headers: Record<string, string> }
  status: number
  error: RegExp
}

const INFER = '/v2/models/mnist/infer'
const cases: Case[] = [
  // malformed bodies
  {
    name: 'truncated JSON',
    raw: { body: '{"inputs": [', headers: { 'content-type': 'application/json' } },
    status: 400,
    error: /not valid JSON/,
  },
  {
    name: 'empty JSON body',
    raw: { body: '', headers: { 'content-type': 'application/json' } },
    status: 400,
    error: /body is empty/,
  },
  { name: 'body is an array', body: [], status: 400, error: /must be a JSON object/ },
  { name: 'body is a string', body: '"hello"', status: 400, error: /must be a JSON object/ },
  { name: 'body is null', body: 'null', status: 400, error: /must be a JSON object/ },
  { name: 'no inputs', body: {}, status: 400, error: /"inputs" must be a non-empty array/ },
  {
    name: 'inputs not an array',
    body: { inputs: { name: 'input' } },
    status: 400,
    error: /"inputs" must be a non-empty array/,
  },
  {
    name: 'inputs empty',
    body: { inputs: [] },
    status: 400,
    error: /"inputs" must be a non-empty array/,
  },
  {
    name: 'input not an object',
    body: { inputs: [42] },
    status: 400,
    error: /inputs\[0\] must be an object/,
  },
  {
    name: 'input without a name',
    body: mnist({ name: undefined }),
    status: 400,
    error: /"name" must be a string/,
  },
  {
    name: 'id not a string',
    body: mnist({}, { id: 7 }),
    status: 400,
    error: /"id" must be a string/,
  },
  {
    name: 'timeout parameter not positive',
    body: mnist({}, { parameters: { timeout: -5 } }),
    status: 400,
    error: /parameters.timeout must be a positive integer of microseconds, got -5/,
  },
  {
    name: 'parameters not an object',
    body: mnist({}, { parameters: [1] }),
    status: 400,
    error: /"parameters" must be an object/,
  },
  // names, datatypes, shapes, lengths
  {
    name: 'unknown input name',
    body: mnist({ name: 'pixels' }),
    status: 400,
    error: /has no input 'pixels' \(inputs: input\)/,
  },
  {
    name: 'input given twice',
    body: { inputs: [mnist({}).inputs[0], mnist({}).inputs[0]] },
    status: 400,
    error: /input 'input' is given twice/,
  },
  {
    name: 'missing inputs',
    path: '/v2/models/types/infer',
    body: { inputs: [types({}).inputs[0]] },
    status: 400,
    error: /missing input\(s\) fp64_in, int32_in/,
  },
  {
    name: 'wrong datatype',
    body: mnist({ datatype: 'FP64' }),
    status: 400,
    error: /datatype is FP64, the model expects FP32/,
  },
  {
    name: 'unknown datatype',
    body: mnist({ datatype: 'FLOAT' }),
    status: 400,
    error: /"FLOAT" is not a protocol datatype/,
  },
  {
    name: 'shape not an array',
    body: mnist({ shape: '1x784' }),
    status: 400,
    error: /shape must be an array of non-negative integers/,
  },
  {
    name: 'negative dimension',
    body: mnist({ shape: [-1, 784] }),
    status: 400,
    error: /shape must be an array of non-negative integers/,
  },
  {
    name: 'fractional dimension',
    body: mnist({ shape: [1.5, 784] }),
    status: 400,
    error: /shape must be an array of non-negative integers/,
  },
  {
    name: 'wrong rank',
    body: mnist({ shape: [784] }),
    status: 400,
    error: /shape \[784\] does not fit the model's \[-1, 784\]/,
  },
  {
    name: 'wrong fixed dimension',
    body: mnist({ shape: [1, 783], data: new Array(783).fill(0) }),
    status: 400,
    error: /shape \[1, 783\] does not fit/,
  },
  {
    name: 'data too short',
    body: mnist({ data: px().slice(1) }),
    status: 400,
    error: /data has 783 elements, shape \[1, 784\] needs 784/,
  },
  {
    name: 'data too long',
    body: mnist({ data: [...px(), 0] }),
    status: 400,
    error: /data has 785 elements/,
  },
  {
    name: 'data missing',
    body: mnist({ data: undefined }),
    status: 400,
    error: /"data" must be an array/,
  },
  {
    name: 'data not an array',
    body: mnist({ data: 'zeros' }),
    status: 400,
    error: /"data" must be an array/,
  },
  // values
  {
    name: 'string in FP32 data',
    body: mnist({ data: ['0.5', ...px().slice(1)] }),
    status: 400,
    error: /data\[0\] is "0.5", expected a number/,
  },
  {
    name: 'null in FP32 data',
    body: mnist({ data: [...px().slice(1), null] }),
    status: 400,
    error: /data\[783\] is null, expected a number/,
  },
  {
    name: '"NaN" refused',
    body: mnist({ data: ['NaN', ...px().slice(1)] }),
    status: 400,
    error: /data\[0\] is "NaN", expected a number/,
  },
  {
    name: 'FP32 overflow to Infinity refused',
    body: mnist({ data: [1e39, ...px().slice(1)] }),
    status: 400,
    error: /not a finite FP32 value/,
  },
  {
    name: 'binary NaN refused',
    raw: binary(binInput(8, [1, 2]), f32(1, 2)),
    status: 400,
    error: /shape \[1, 2\] does not fit/,
  },
  {
    name: 'binary NaN in FP32 refused',
    raw: binary(
      binInput(784 * 4),
      Buffer.concat([f32(Number.NaN), f32(...new Array(783).fill(0))]),
    ),
    status: 400,
    error: /element 0 is NaN; this model refuses NaN/,
  },
  {
    name: 'INT32 out of range',
    path: '/v2/models/types/infer',
    body: types({ int32_in: { data: [1, 2, 2147483648] } }),
    status: 400,
    error: /data\[2\] is 2147483648, expected an integer in \[-2147483648, 2147483647\] for INT32/,
  },
  {
    name: 'INT32 not an integer',
    path: '/v2/models/types/infer',
    body: types({ int32_in: { data: [1.5, 2, 3] } }),
    status: 400,
    error: /data\[0\] is 1.5, expected an integer/,
  },
  {
    name: 'INT64 unsafe number',
    path: '/v2/models/types/infer',
    body: types({ int64_in: { data: [2 ** 60, 2, 3] } }),
    status: 400,
    error: /expected an integer \(a safe integer or a decimal string\)/,
  },
  {
    name: 'INT64 string out of range',
    path: '/v2/models/types/infer',
    body: types({ int64_in: { data: ['9223372036854775808', 2, 3] } }),
    status: 400,
    error: /out of the INT64 range/,
  },
  {
    name: 'BOOL given a number',
    path: '/v2/models/types/infer',
    body: types({ bool_in: { data: [1, 0, 1] } }),
    status: 400,
    error: /data\[0\] is 1, expected true or false/,
  },
  {
    name: 'BYTES given a number',
    path: '/v2/models/types/infer',
    body: types({ bytes_in: { data: ['a', 2, 'c'] } }),
    status: 400,
    error: /data\[1\] is 2, expected a string/,
  },
  // batching limits
  {
    name: 'batch over maxBatchSize',
    path: '/v2/models/types/infer',
    body: rows33(),
    status: 400,
    error: /batch size 33 is outside 1..32/,
  },
  {
    name: 'empty batch',
    body: mnist({ shape: [0, 784], data: [] }),
    status: 400,
    error: /batch size 0 is outside 1..32/,
  },
  {
    name: 'inputs disagree on batch size',
    path: '/v2/models/types/infer',
    body: types({ bool_in: { shape: [2, 3], data: [true, true, true, true, true, true] } }),
    status: 400,
    error: /same batch size \(first dimension\); got 1, 1, 1, 1, 2, 1/,
  },
  {
    name: 'too many elements',
    body: mnist({ shape: [13, 784], data: px(13) }),
    status: 400,
    error: /more than the limit of 10000 elements/,
  },
  // outputs
  {
    name: 'unknown output',
    body: mnist({}, { outputs: [{ name: 'scores' }] }),
    status: 400,
    error: /has no output 'scores' \(outputs: logits, probabilities\)/,
  },
  {
    name: 'output twice',
    body: mnist({}, { outputs: [{ name: 'logits' }, { name: 'logits' }] }),
    status: 400,
    error: /output 'logits' is requested twice/,
  },
  {
    name: 'outputs empty',
    body: mnist({}, { outputs: [] }),
    status: 400,
    error: /"outputs" must be a non-empty array/,
  },
  {
    name: 'classification 0',
    body: mnist({}, { outputs: [{ name: 'probabilities', parameters: { classification: 0 } }] }),
    status: 400,
    error: /classification must be an integer in 1..10, got 0/,
  },
  {
    name: 'classification over class count',
    body: mnist({}, { outputs: [{ name: 'probabilities', parameters: { classification: 11 } }] }),
    status: 400,
    error: /classification must be an integer in 1..10, got 11/,
  },
  // models, versions, names
  {
    name: 'unknown model',
    path: '/v2/models/fashion/infer',
    body: mnist({}),
    status: 404,
    error: /model 'fashion' is not in the repository/,
  },
  {
    name: 'unknown version',
    path: '/v2/models/mnist/versions/9/infer',
    body: mnist({}),
    status: 404,
    error: /no version 9 loaded \(loaded: 1\)/,
  },
  {
    name: 'non-numeric version',
    path: '/v2/models/mnist/versions/latest/infer',
    body: mnist({}),
    status: 404,
    error: /version 'latest' is not a version number/,
  },
  {
    name: 'dot-dot inside a name',
    path: '/v2/models/a..b/infer',
    body: mnist({}),
    status: 404,
    error: /'a\.\.b' is not a valid model name/,
  },
  {
    name: 'hidden-file name',
    path: '/v2/models/.config/infer',
    body: mnist({}),
    status: 404,
    error: /'\.config' is not a valid model name/,
  },
  {
    name: 'traversal name',
    path: '/v2/models/..%2F..%2Fetc%2Fpasswd/infer',
    body: mnist({}),
    status: 404,
    error: /is not a valid model name/,
  },
  {
    name: 'encoded slash in name',
    path: '/v2/models/mnist%2F1/infer',
    body: mnist({}),
    status: 404,
    error: /'mnist\/1' is not a valid model name/,
  },
  {
    name: 'traversal in metadata',
    path: '/v2/models/..%2Fmnist',
    method: 'GET',
    status: 404,
    error: /is not a valid model name/,
  },
  {
    name: 'traversal version',
    path: '/v2/models/mnist/versions/..%2F1/infer',
    body: mnist({}),
    status: 404,
    error: /is not a version number/,
  },
  // transport
  {
    name: 'oversized body',
    raw: {
      body: `{"inputs":[{"data":[${'0,'.repeat(600_000)}0]}]}`,
      headers: { 'content-type': 'application/json' },
    },
    status: 413,
    error: /larger than the server's limit of 1048576 bytes/,
  },
  {
    name: 'wrong content type',
    raw: { body: JSON.stringify(mnist({})), headers: { 'content-type': 'text/plain' } },
    status: 415,
    error: /Content-Type 'text\/plain' is not supported/,
  },
  {
    name: 'binary without header length',
    raw: binary(binInput(784 * 4), f32(...px()), 'omit'),
    status: 400,
    error: /Inference-Header-Content-Length must give/,
  },
  {
    name: 'binary header length past the body',
    raw: binary(binInput(784 * 4), f32(1), '99999999'),
    status: 400,
    error: /Inference-Header-Content-Length must give/,
  },
  {
    name: 'binary header not JSON',
    raw: {
      body: Buffer.from('nope!'),
      headers: {
        'content-type': 'application/octet-stream',
        'inference-header-content-length': '5',
      },
    },
    status: 400,
    error: /JSON header is not valid JSON/,
  },
  {
    name: 'binary size past the data',
    raw: binary(binInput(784 * 4), f32(1, 2)),
    status: 400,
    error: /binary_data_size 3136 runs past the 8 binary bytes/,
  },
  {
    name: 'binary bytes left over',
    raw: binary(binInput(784 * 4), Buffer.concat([f32(...px()), f32(1)])),
    status: 400,
    error: /4 binary bytes after the JSON header are not claimed/,
  },
  {
    name: 'binary size wrong for shape',
    raw: binary(binInput(8), f32(1, 2)),
    status: 400,
    error: /binary_data_size is 8 bytes, the shape needs 784 × 4 = 3136/,
  },
  {
    name: 'GET on infer',
    path: INFER,
    method: 'GET',
    status: 404,
    error: /no endpoint GET \/v2\/models\/mnist\/infer/,
  },
  {
    name: 'management is off by default',
    path: '/v2/repository/models/mnist/unload',
    body: {},
    status: 404,
    error: /no endpoint POST/,
  },
]

test(`the bad-input suite has at least 40 cases (${cases.length})`, () => {
  expect(cases.length).toBeGreaterThanOrEqual(40)
})

test.each(cases)('$name → $status', async (c) => {
  const init: RequestInit = { method: c.method ?? (c.raw || c.body !== undefined ? 'POST' : 'GET') }
  if (c.raw) {
    init.body = c.raw.body as BodyInit
    init.headers = c.raw.headers
  } else if (c.body !== undefined) {
    init.body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body)
    init.headers = { 'content-type': 'application/json' }
  }
  const res = await fetch(s.url + (c.path ?? INFER), init)
  expect(res.status).toBe(c.status)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  const body = await res.json()
  expect(body.type).toMatch(/^[A-Z][A-Za-z]+Error$/)
  expect(body.error).toMatch(c.error)
})

test('the server still serves correct requests after the bad ones', async () => {
  expect((await s.get('/v2/health/ready')).status).toBe(200)
  const r = await s.post(INFER, mnist({}))
  expect(r.status).toBe(200)
  expect(r.body.outputs[1].data.reduce((a: number, b: number) => a + b)).toBeCloseTo(1, 5)
})

test('200 seeded random mutations of a valid request: never a 5xx, always a JSON answer', async () => {
  let seed = 12345
  const rand = () => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return seed / 2 ** 32
  }
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const junk = () =>
    pick<unknown>([
      null,
      -1,
      1.5,
      'x',
      '',
      true,
      [],
      {},
      [[1]],
      { a: 1 },
      Number.POSITIVE_INFINITY,
      -0,
      2 ** 63,
    ])
  const statuses = new Set<number>()
  for (let i = 0; i < 200; i++) {
    const base: Record<string, unknown> = types({})
    const req = JSON.parse(JSON.stringify(base)) as { inputs: Record<string, unknown>[] } & Record<
      string,
      unknown
    >
    const k = Math.floor(rand() * 6)
    const target = req.inputs[k] as Record<string, unknown>
    switch (Math.floor(rand() * 6)) {
      case 0:
        target[pick(['name', 'shape', 'datatype', 'data', 'parameters'])] = junk()
        break
      case 1:
        delete target[pick(['name', 'shape', 'datatype', 'data'])]
        break
      case 2:
        ;(target.data as unknown[])[Math.floor(rand() * 3)] = junk()
        break
      case 3:
        target.shape = [Math.floor(rand() * 4), Math.floor(rand() * 5)]
        break
      case 4:
        req[pick(['inputs', 'outputs', 'id', 'parameters'])] = junk()
        break
      default:
        req.inputs.splice(k, 1, junk() as Record<string, unknown>)
    }
    const res = await fetch(`${s.url}/v2/models/types/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req),
    })
    statuses.add(res.status)
    const body = await res.json()
    expect(res.status, JSON.stringify({ req, body })).toBeLessThan(500)
    if (res.status !== 200) expect(typeof body.error).toBe('string')
  }
  expect([...statuses].some((x) => x === 400)).toBe(true)
})
