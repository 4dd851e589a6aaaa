// Dynamic batching over HTTP: concurrent requests become fewer model runs with each answer
// routed back to its own request; a full queue answers 429, a missed deadline 504, the
// concurrency limit 429 — and the server keeps serving after each.
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type TestServer } from './helpers.js'
import { mlpModel, scaleModel, writeModel } from './models.js'

function metric(text: string, name: string, model: string): number {
  const re = new RegExp(`^${name}\\{[^}]*model="${model}"[^}]*\\} ([0-9.e+-]+)$`, 'm')
  return Number(re.exec(text)?.[1] ?? 0)
}

function row(seed: number, rows = 1): number[] {
  return Array.from({ length: 784 * rows }, (_, i) => Math.sin(seed * 1000 + i) * 0.5 + 0.5)
}

describe('dynamic batching', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer((repo) => {
      writeModel(repo, 'mnist', 1, mlpModel(7), { maxBatchSize: 64, maxQueueDelayMs: 1000 })
      writeModel(repo, 'full', 1, scaleModel(2), {
        maxBatchSize: 64,
        maxQueueDelayMs: 3000,
        maxQueueSize: 3,
      })
      writeModel(repo, 'late', 1, scaleModel(2), {
        maxBatchSize: 8,
        maxQueueDelayMs: 2000,
        timeoutMs: 50,
      })
    })
  })
  afterAll(() => s.close())

  test('N concurrent requests become fewer model runs, each answer is its own', async () => {
    const before = (await s.get('/metrics')).body as string
    const sizes = [1, 2, 1, 3, 1, 1, 2, 1, 1, 4, 1, 1, 2, 1, 1, 1, 3, 1, 1, 1]
    const inputs = sizes.map((rows, k) => row(k, rows))
    const answers = await Promise.all(
      inputs.map((x, k) =>
        s.post('/v2/models/mnist/infer', {
          id: `r${k}`,
          inputs: [{ name: 'input', shape: [sizes[k], 784], datatype: 'FP32', data: x }],
          outputs: [{ name: 'probabilities' }],
        }),
      ),
    )
    const after = (await s.get('/metrics')).body as string
    const runs =
      metric(after, 'mlstack_serve_model_runs_total', 'mnist') -
      metric(before, 'mlstack_serve_model_runs_total', 'mnist')
    const rows =
      metric(after, 'mlstack_serve_batch_size_sum', 'mnist') -
      metric(before, 'mlstack_serve_batch_size_sum', 'mnist')
    expect(rows).toBe(sizes.reduce((a, b) => a + b))
    expect(runs).toBeGreaterThanOrEqual(1)
    expect(runs).toBeLessThanOrEqual(sizes.length / 2)

    const session = await ort.InferenceSession.create(mlpModel(7))
    for (const [k, a] of answers.entries()) {
      expect(a.status).toBe(200)
      expect(a.body.id).toBe(`r${k}`)
      const rowsK = sizes[k] as number
      const ref = await session.run({
        input: new ort.Tensor('float32', Float32Array.from(inputs[k] as number[]), [rowsK, 784]),
      })
      const want = Array.from(ref.probabilities?.data as Float32Array)
      expect(a.body.outputs[0].shape).toEqual([rowsK, 10])
      expect(a.body.outputs[0].data).toHaveLength(want.length)
      for (const [i, v] of (a.body.outputs[0].data as number[]).entries())
        expect(v).toBeCloseTo(want[i] as number, 6)
    }
    await session.release()
  })

  test('a full queue answers 429 and the queued requests still succeed', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        s.post('/v2/models/full/infer', {
          inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [k, 1] }],
        }),
      ),
    )
    const ok = answers.filter((a) => a.status === 200)
    const full = answers.filter((a) => a.status === 429)
    expect(ok).toHaveLength(3)
    expect(full).toHaveLength(5)
    for (const a of full) {
      expect(a.body.type).toBe('QueueFullError')
      expect(a.body.error).toMatch(/queue is full \(3 requests waiting\)/)
    }
    for (const a of ok) expect(a.body.outputs[0].data[1]).toBe(2)
    // A full batch (64 rows) runs at once: the queue takes requests again.
    const again = await s.post('/v2/models/full/infer', {
      inputs: [{ name: 'x', shape: [64, 2], datatype: 'FP32', data: new Array(128).fill(1) }],
    })
    expect(again.status).toBe(200)
    expect(again.body.outputs[0].shape).toEqual([64, 2])
  })

  test('a request past its timeout answers 504 and is not run', async () => {
    const before = metric((await s.get('/metrics')).body, 'mlstack_serve_model_runs_total', 'late')
    const r = await s.post('/v2/models/late/infer', {
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 1] }],
    })
    expect(r.status).toBe(504)
    expect(r.body.type).toBe('InferenceTimeoutError')
    expect(r.body.error).toMatch(/50 ms request timeout \(still queued\)/)
    const text = (await s.get('/metrics')).body
    expect(metric(text, 'mlstack_serve_model_runs_total', 'late')).toBe(before)
    expect(text).toMatch(
      /mlstack_serve_request_failures_total\{model="late",version="1",status="504"\} 1/,
    )
    expect(
      (
        await s.post('/v2/models/mnist/infer', {
          inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: row(1) }],
        })
      ).status,
    ).toBe(200)
  })

  test('a request can shorten its own deadline with the timeout parameter (microseconds)', async () => {
    const r = await s.post('/v2/models/full/infer', {
      parameters: { timeout: 20_000 },
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 1] }],
    })
    expect(r.status).toBe(504)
    expect(r.body.error).toMatch(/within the 20 ms request timeout \(still queued\)/)
  })
})

describe('server concurrency limit', () => {
  test('requests beyond maxConcurrentRequests answer 429', async () => {
    const s = await startServer(
      (repo) =>
        writeModel(repo, 'wait', 1, scaleModel(3), { maxBatchSize: 64, maxQueueDelayMs: 2000 }),
      { maxConcurrentRequests: 2 },
    )
    try {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          s.post('/v2/models/wait/infer', {
            inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }],
          }),
        ),
      )
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2)
      const limited = answers.filter((a) => a.status === 429)
      expect(limited).toHaveLength(3)
      expect(limited[0]?.body.error).toMatch(/limit of 2 concurrent requests/)
    } finally {
      await s.close()
    }
  })
})
