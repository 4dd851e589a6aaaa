// The Open Inference Protocol over real HTTP: every endpoint, every datatype, version selection,
// output selection, classification, the binary-data extension, metrics; answers compared with a
// direct onnxruntime-node run of the same model.
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type TestServer } from './helpers.js'
import { mlpModel, scaleModel, typesModel, writeModel } from './models.js'

const LABELS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
let s: TestServer

function pixels(rows: number, seed: number): number[] {
  return Array.from({ length: rows * 784 }, (_, i) => ((i * 7919 + seed * 104729) % 255) / 255)
}

async function direct(seed: number, x: number[], rows: number) {
  const session = await ort.InferenceSession.create(mlpModel(seed))
  const out = await session.run({
    input: new ort.Tensor('float32', Float32Array.from(x), [rows, 784]),
  })
  await session.release()
  return {
    logits: Array.from(out.logits?.data as Float32Array),
    probabilities: Array.from(out.probabilities?.data as Float32Array),
  }
}

beforeAll(async () => {
  s = await startServer((repo) => {
    writeModel(repo, 'mnist', 1, mlpModel(1))
    writeModel(repo, 'mnist', 2, mlpModel(2), {
      versionPolicy: 'all',
      defaultVersion: 1,
      labels: { probabilities: LABELS },
    })
    writeModel(repo, 'types', 1, typesModel())
    writeModel(repo, 'broken', 1, scaleModel(1), { maxBatchSize: 'big' })
    writeModel(repo, 'lenient', 1, scaleModel(2), { allowNonFinite: true })
    writeModel(repo, 'on_main', 1, scaleModel(5), { runIn: 'main' })
    writeModel(repo, 'two', 1, scaleModel(6), { instances: 2, maxBatchSize: 0 })
    writeModel(repo, 'trt', 1, scaleModel(1), { executionProviders: ['coreml'] })
    for (const k of [1, 2, 3])
      writeModel(repo, 'scale', k, scaleModel(k), { versionPolicy: { latest: 2 } })
    for (const k of [1, 2, 3])
      writeModel(repo, 'pinned', k, scaleModel(10 * k), {
        versionPolicy: { specific: [1, 3] },
        defaultVersion: 1,
      })
  })
})
afterAll(() => s.close())

describe('health and server metadata', () => {
  test('live and ready', async () => {
    expect(await s.get('/v2/health/live')).toEqual({ status: 200, body: { live: true } })
    expect(await s.get('/v2/health/ready')).toEqual({ status: 200, body: { ready: true } })
  })
  test('server metadata names the extensions', async () => {
    const r = await s.get('/v2')
    expect(r.status).toBe(200)
    expect(r.body.name).toBe('mlstack-serve')
    expect(r.body.extensions).toContain('binary_tensor_data')
    expect(r.body.extensions).toContain('classification')
  })
})

describe('model metadata and readiness', () => {
  test('metadata lists versions, inputs and outputs with dynamic batch dims', async () => {
    const r = await s.get('/v2/models/mnist')
    expect(r.status).toBe(200)
    expect(r.body.versions).toEqual(['1', '2'])
    expect(r.body.platform).toBe('onnxruntime_onnx')
    expect(r.body.inputs).toEqual([{ name: 'input', datatype: 'FP32', shape: [-1, 784] }])
    expect(r.body.outputs.map((o: { name: string }) => o.name)).toEqual(['logits', 'probabilities'])
    expect(r.body.parameters.executionProvider).toBe('cpu')
    expect(r.body.parameters.default_version).toBe('1')
    expect(JSON.parse(r.body.parameters.labels).probabilities).toEqual(LABELS)
  })
  test('version metadata', async () => {
    const r = await s.get('/v2/models/scale/versions/3')
    expect(r.status).toBe(200)
    expect(r.body.versions).toEqual(['3'])
  })
  test('a model whose config.json is wrong is unavailable, with the reason', async () => {
    const r = await s.get('/v2/models/broken')
    expect(r.status).toBe(503)
    expect(r.body.error).toMatch(
      /config.json of model 'broken': 'maxBatchSize' must be an integer >= 0, got "big"/,
    )
    expect((await s.get('/v2/models/broken/ready')).status).toBe(400)
    expect((await s.get('/v2/health/ready')).status).toBe(200)
  })
  test.skipIf(process.platform === 'darwin')(
    'a provider list with nothing usable makes the model unavailable, naming each provider',
    async () => {
      const r = await s.get('/v2/models/trt')
      expect(r.status).toBe(503)
      // CoreML exists only in macOS builds of onnxruntime-node.
      expect(r.body.error).toMatch(
        /no execution provider could load the model \(coreml: not supported by this onnxruntime-node build\)/,
      )
    },
  )
  test('model and version readiness', async () => {
    expect(await s.get('/v2/models/mnist/ready')).toEqual({
      status: 200,
      body: { name: 'mnist', ready: true },
    })
    expect((await s.get('/v2/models/scale/versions/2/ready')).status).toBe(200)
    expect((await s.get('/v2/models/scale/versions/1/ready')).status).toBe(404)
    expect((await s.get('/v2/models/nope/ready')).status).toBe(404)
  })
})

describe('inference', () => {
  test('MLP answers match a direct onnxruntime-node run (3 rows)', async () => {
    const x = pixels(3, 1)
    const r = await s.post('/v2/models/mnist/versions/1/infer', {
      id: 'req-1',
      inputs: [{ name: 'input', shape: [3, 784], datatype: 'FP32', data: x }],
    })
    expect(r.status).toBe(200)
    expect(r.body.id).toBe('req-1')
    expect(r.body.model_name).toBe('mnist')
    expect(r.body.model_version).toBe('1')
    const ref = await direct(1, x, 3)
    const [logits, probs] = r.body.outputs
    expect(logits.shape).toEqual([3, 10])
    expect(logits.datatype).toBe('FP32')
    for (const [i, v] of (logits.data as number[]).entries()) {
      expect(v).toBeCloseTo(ref.logits[i] as number, 5)
    }
    for (const [i, v] of (probs.data as number[]).entries()) {
      expect(v).toBeCloseTo(ref.probabilities[i] as number, 6)
    }
  })

  test('nested (row-major) data is accepted', async () => {
    const x = pixels(2, 3)
    const nested = [x.slice(0, 784), x.slice(784)]
    const flat = await s.post('/v2/models/mnist/infer', {
      inputs: [{ name: 'input', shape: [2, 784], datatype: 'FP32', data: x }],
    })
    const r = await s.post('/v2/models/mnist/infer', {
      inputs: [{ name: 'input', shape: [2, 784], datatype: 'FP32', data: nested }],
    })
    expect(r.status).toBe(200)
    expect(r.body.outputs).toEqual(flat.body.outputs)
  })

  test('outputs selection returns only the named outputs', async () => {
    const r = await s.post('/v2/models/mnist/infer', {
      inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: pixels(1, 4) }],
      outputs: [{ name: 'probabilities' }],
    })
    expect(r.status).toBe(200)
    expect(r.body.outputs.map((o: { name: string }) => o.name)).toEqual(['probabilities'])
  })

  test('classification extension: top-k "score:index:label" with the configured labels', async () => {
    const x = pixels(2, 5)
    const r = await s.post('/v2/models/mnist/versions/2/infer', {
      inputs: [{ name: 'input', shape: [2, 784], datatype: 'FP32', data: x }],
      outputs: [{ name: 'probabilities', parameters: { classification: 3 } }],
    })
    expect(r.status).toBe(200)
    const out = r.body.outputs[0]
    expect(out.datatype).toBe('BYTES')
    expect(out.shape).toEqual([2, 3])
    const ref = (await direct(2, x, 2)).probabilities
    for (let row = 0; row < 2; row++) {
      const mine = ref.slice(row * 10, row * 10 + 10)
      const order = mine.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0])
      for (let k = 0; k < 3; k++) {
        const [score, index, label] = (out.data[row * 3 + k] as string).split(':')
        const [p, i] = order[k] as readonly [number, number]
        expect(Number(index)).toBe(i)
        expect(label).toBe(LABELS[i])
        expect(Number(score)).toBeCloseTo(p, 6)
      }
    }
  })

  test('every datatype: FP32, FP64, INT32, INT64, BOOL, BYTES', async () => {
    const r = await s.post('/v2/models/types/infer', {
      inputs: [
        { name: 'fp32_in', shape: [1, 3], datatype: 'FP32', data: [1.5, -2.25, 3e30] },
        {
          name: 'fp64_in',
          shape: [1, 3],
          datatype: 'FP64',
          data: [0.1, 1e-300, 123456789.12345679],
        },
        { name: 'int32_in', shape: [1, 3], datatype: 'INT32', data: [2147483647, -5, 0] },
        {
          name: 'int64_in',
          shape: [1, 3],
          datatype: 'INT64',
          data: [9007199254740991, '-1152921504606846976', 7],
        },
        { name: 'bool_in', shape: [1, 3], datatype: 'BOOL', data: [true, false, true] },
        { name: 'bytes_in', shape: [1, 3], datatype: 'BYTES', data: ['hello', 'héllo ✓', ''] },
      ],
    })
    expect(r.status).toBe(200)
    const out = Object.fromEntries(r.body.outputs.map((o: { name: string }) => [o.name, o]))
    expect(out.fp32_out).toEqual({
      name: 'fp32_out',
      datatype: 'FP32',
      shape: [1, 3],
      data: [-1.5, 2.25, Math.fround(-3e30)],
    })
    expect(out.fp64_out.data).toEqual([-0.1, -1e-300, -123456789.12345679])
    expect(out.int32_out.data).toEqual([-2147483647, 5, 0])
    expect(out.int64_out).toEqual({
      name: 'int64_out',
      datatype: 'INT64',
      shape: [1, 3],
      data: [-9007199254740991, '1152921504606846976', -7],
    })
    expect(out.bool_out).toEqual({
      name: 'bool_out',
      datatype: 'BOOL',
      shape: [1, 3],
      data: [false, true, false],
    })
    expect(out.bytes_out).toEqual({
      name: 'bytes_out',
      datatype: 'BYTES',
      shape: [1, 3],
      data: ['hello', 'héllo ✓', ''],
    })
  })

  test('allowNonFinite: "NaN" and "Infinity" strings in, the same strings out', async () => {
    const r = await s.post('/v2/models/lenient/infer', {
      inputs: [
        { name: 'x', shape: [2, 2], datatype: 'FP32', data: ['NaN', 'Infinity', '-Infinity', 1.5] },
      ],
    })
    expect(r.status).toBe(200)
    expect(r.body.outputs[0].data).toEqual(['NaN', 'Infinity', '-Infinity', 3])
  })

  test('binary-data extension: binary inputs and binary outputs', async () => {
    const x = pixels(2, 6)
    const header = Buffer.from(
      JSON.stringify({
        inputs: [
          {
            name: 'input',
            shape: [2, 784],
            datatype: 'FP32',
            parameters: { binary_data_size: 2 * 784 * 4 },
          },
        ],
        outputs: [{ name: 'probabilities', parameters: { binary_data: true } }, { name: 'logits' }],
      }),
    )
    const res = await fetch(`${s.url}/v2/models/mnist/versions/1/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'inference-header-content-length': String(header.length),
      },
      body: Buffer.concat([header, Buffer.from(Float32Array.from(x).buffer)]),
    })
    expect(res.status).toBe(200)
    const body = Buffer.from(await res.arrayBuffer())
    const n = Number(res.headers.get('inference-header-content-length'))
    const json = JSON.parse(body.subarray(0, n).toString())
    expect(json.outputs[0].parameters.binary_data_size).toBe(80)
    const bin = body.subarray(n)
    const probs = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + 80))
    const ref = await direct(1, x, 2)
    expect(Array.from(probs)).toEqual(ref.probabilities)
    expect(json.outputs[1].data).toEqual(ref.logits)
  })

  test('binary BYTES and BOOL inputs', async () => {
    const strs = ['a', 'ßç', 'xyz'].map((t) => Buffer.from(t))
    const bytes = Buffer.concat(
      strs.flatMap((b) => [Buffer.from(Uint32Array.of(b.length).buffer), b]),
    )
    const numeric = (name: string, datatype: string, data: unknown[]) => ({
      name,
      shape: [1, 3],
      datatype,
      data,
    })
    const header = Buffer.from(
      JSON.stringify({
        inputs: [
          numeric('fp32_in', 'FP32', [1, 2, 3]),
          numeric('fp64_in', 'FP64', [1, 2, 3]),
          numeric('int32_in', 'INT32', [1, 2, 3]),
          numeric('int64_in', 'INT64', [1, 2, 3]),
          { name: 'bool_in', shape: [1, 3], datatype: 'BOOL', parameters: { binary_data_size: 3 } },
          {
            name: 'bytes_in',
            shape: [1, 3],
            datatype: 'BYTES',
            parameters: { binary_data_size: bytes.length },
          },
        ],
        outputs: [{ name: 'bool_out' }, { name: 'bytes_out' }],
      }),
    )
    const res = await fetch(`${s.url}/v2/models/types/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'inference-header-content-length': String(header.length),
      },
      body: Buffer.concat([header, Buffer.from([1, 0, 0]), bytes]),
    })
    const json = await res.json()
    expect(res.status).toBe(200)
    expect(json.outputs[0].data).toEqual([false, true, true])
    expect(json.outputs[1].data).toEqual(['a', 'ßç', 'xyz'])
  })
})

describe('execution placement', () => {
  const ask = (model: string, v: number) =>
    s.post(`/v2/models/${model}/infer`, {
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [v, 1] }],
    })
  test('runIn "main" runs ONNX Runtime on the event-loop thread with the same answers', async () => {
    expect((await s.get('/v2/models/on_main')).body.parameters.runIn).toBe('main')
    expect((await ask('on_main', 3)).body.outputs[0].data).toEqual([15, 5])
  })
  test('two instances serve concurrent requests, each answer its own', async () => {
    expect((await s.get('/v2/models/two')).body.parameters.instances).toBe(2)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, v) => ask('two', v)))
    expect(answers.map((a) => a.body.outputs[0].data[0])).toEqual(
      Array.from({ length: 12 }, (_, v) => 6 * v),
    )
  })
})

describe('version selection', () => {
  const ask = (path: string) =>
    s
      .post(path, { inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] })
      .then((r) => r)
  test('latest 2 of 3: versions 2 and 3 served, 3 by default, 1 unknown', async () => {
    expect((await ask('/v2/models/scale/infer')).body.outputs[0].data).toEqual([3, 6])
    expect((await ask('/v2/models/scale/versions/2/infer')).body.outputs[0].data).toEqual([2, 4])
    expect((await ask('/v2/models/scale/versions/3/infer')).body.model_version).toBe('3')
    const r = await ask('/v2/models/scale/versions/1/infer')
    expect(r.status).toBe(404)
    expect(r.body.error).toMatch(/no version 1 loaded \(loaded: 2, 3\)/)
  })
  test('specific versions with a default version', async () => {
    expect((await ask('/v2/models/pinned/infer')).body.outputs[0].data).toEqual([10, 20])
    expect((await ask('/v2/models/pinned/versions/3/infer')).body.outputs[0].data).toEqual([30, 60])
    expect((await ask('/v2/models/pinned/versions/2/infer')).status).toBe(404)
    expect((await s.get('/v2/models/pinned')).body.versions).toEqual(['1', '3'])
  })
})

describe('metrics and page', () => {
  test('/metrics counts requests per model and exposes latency, batch and memory series', async () => {
    const before = await s.get('/metrics')
    const count = (text: string) =>
      Number(/mlstack_serve_requests_total\{model="scale",version="2"\} (\d+)/.exec(text)?.[1] ?? 0)
    await s.post('/v2/models/scale/versions/2/infer', {
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 1] }],
    })
    await s.post('/v2/models/scale/versions/2/infer', {
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1] }],
    })
    const after = await s.get('/metrics')
    expect(after.status).toBe(200)
    expect(count(after.body) - count(before.body)).toBe(2)
    expect(after.body).toMatch(
      /mlstack_serve_request_failures_total\{model="scale",version="2",status="400"\} [1-9]/,
    )
    for (const name of [
      'mlstack_serve_queue_duration_seconds_bucket',
      'mlstack_serve_compute_duration_seconds_bucket',
      'mlstack_serve_request_duration_seconds_bucket',
      'mlstack_serve_batch_size_bucket',
      'mlstack_serve_queue_depth',
      'mlstack_serve_model_runs_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(after.body).toContain(name)
    }
  })
  test('the web page and its script are served', async () => {
    const page = await fetch(`${s.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('/ui/app.js')
    const js = await fetch(`${s.url}/ui/app.js`)
    expect(js.status).toBe(200)
    expect((await fetch(`${s.url}/ui/..%2Fpackage.json`)).status).toBe(404)
  })
})
