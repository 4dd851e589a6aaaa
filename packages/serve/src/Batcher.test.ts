import { describe, expect, test } from 'vitest'
import { Batcher } from './Batcher.js'
import type { InferTensor } from './Datatype.js'
import { InferenceTimeoutError, QueueFullError } from './errors.js'

/** A fake model: y = 10 * x, recording each run's row count. */
function makeBatcher(opts: Partial<ConstructorParameters<typeof Batcher>[0]> = {}) {
  const runs: number[] = []
  let release: (() => void) | undefined
  let gate: Promise<void> | undefined
  const b = new Batcher({
    label: 'fake/1',
    maxBatchSize: 8,
    maxQueueDelayMs: 0,
    maxQueueSize: 100,
    timeoutMs: 5000,
    concurrency: 1,
    run: async (inputs) => {
      const x = inputs[0] as InferTensor
      runs.push(x.shape[0] as number)
      if (gate) await gate
      return [
        {
          name: 'y',
          datatype: 'FP32',
          shape: x.shape,
          data: (x.data as Float32Array).map((v) => v * 10),
        },
      ]
    },
    ...opts,
  })
  return {
    b,
    runs,
    hold() {
      gate = new Promise((r) => {
        release = r
      })
    },
    release() {
      gate = undefined
      release?.()
    },
  }
}
const t = (rows: number, start: number, cols = 2): InferTensor[] => [
  {
    name: 'x',
    datatype: 'FP32',
    shape: [rows, cols],
    data: Float32Array.from({ length: rows * cols }, (_, i) => start + i),
  },
]

describe('Batcher', () => {
  test('requests queued during a run become one batch, rows routed back in order', async () => {
    const f = makeBatcher()
    f.hold()
    const first = f.b.submit(t(1, 0), ['y'])
    const rest = [
      f.b.submit(t(2, 100), ['y']),
      f.b.submit(t(1, 200), ['y']),
      f.b.submit(t(3, 300), ['y']),
    ]
    expect(f.b.depth).toBe(3)
    f.release()
    const out = await Promise.all([first, ...rest])
    expect(f.runs).toEqual([1, 6])
    expect(Array.from(out[1]?.outputs[0]?.data as Float32Array)).toEqual([1000, 1010, 1020, 1030])
    expect(out[2]?.outputs[0]?.shape).toEqual([1, 2])
    expect(Array.from(out[3]?.outputs[0]?.data as Float32Array)).toEqual([
      3000, 3010, 3020, 3030, 3040, 3050,
    ])
  })

  test('incompatible shapes and a full batch are split into separate runs', async () => {
    const f = makeBatcher({ maxBatchSize: 4 })
    f.hold()
    const first = f.b.submit(t(1, 0), ['y'])
    const p = [
      f.b.submit(t(3, 0), ['y']),
      f.b.submit(t(1, 0, 3), ['y']),
      f.b.submit(t(2, 0), ['y']),
      f.b.submit(t(1, 0), ['y']),
    ]
    f.release()
    await Promise.all([first, ...p])
    // [3 + 1 rows of width 2] fill 4, then the width-3 request, then the 2-row one.
    expect(f.runs).toEqual([1, 4, 1, 2])
  })

  test('bounded queue and deadlines', async () => {
    const f = makeBatcher({ maxQueueSize: 2, timeoutMs: 30 })
    f.hold()
    const running = f.b.submit(t(1, 0), ['y'])
    const queued = [f.b.submit(t(1, 0), ['y']), f.b.submit(t(1, 0), ['y'])]
    await expect(f.b.submit(t(1, 0), ['y'])).rejects.toBeInstanceOf(QueueFullError)
    const settled = await Promise.allSettled([running, ...queued])
    for (const r of settled)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InferenceTimeoutError)
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/\(running\)/)
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/\(still queued\)/)
    expect(f.b.depth).toBe(0)
    f.release()
    await f.b.drain()
    expect(f.runs).toEqual([1])
  })

  test('maxBatchSize 0 runs each request alone', async () => {
    const f = makeBatcher({ maxBatchSize: 0 })
    await Promise.all([f.b.submit(t(2, 0), ['y']), f.b.submit(t(3, 0), ['y'])])
    expect(f.runs).toEqual([2, 3])
  })
})
