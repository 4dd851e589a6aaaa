// The progress bar draws on a TTY and stays silent otherwise.
import { Random } from '@mlstack/core'
import { expect, test } from 'vitest'
import { Dense, ProgressBar, Sequential } from '../src/index.js'

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; out: string[] } {
  const out: string[] = []
  const stream = {
    isTTY,
    columns: 120,
    write(s: string) {
      out.push(String(s))
      return true
    },
    on() {
      return stream
    },
    once() {
      return stream
    },
    removeListener() {
      return stream
    },
    off() {
      return stream
    },
    cursorTo(_x: number, _y?: number, cb?: () => void) {
      cb?.()
      return true
    },
    clearLine(_d: number, cb?: () => void) {
      cb?.()
      return true
    },
    moveCursor(_x: number, _y: number, cb?: () => void) {
      cb?.()
      return true
    },
  }
  return { stream: stream as unknown as NodeJS.WriteStream, out }
}

async function train(bar: ProgressBar): Promise<void> {
  const rng = new Random(0)
  const x = Float32Array.from({ length: 64 * 3 }, () => rng.normal())
  const y = Int32Array.from({ length: 64 }, (_, i) => i % 2)
  const m = new Sequential([
    new Dense({ units: 2, activation: 'softmax', inputShape: [3], seed: 0 }),
  ])
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
  await m.fit({ data: x, shape: [64, 3] }, y, {
    epochs: 2,
    batchSize: 8,
    verbose: 0,
    callbacks: [bar],
  })
}

test('draws a bar with the running loss on a TTY', async () => {
  const { stream, out } = fakeStream(true)
  await train(new ProgressBar({ stream, fps: 1e6 }))
  const text = out.join('')
  expect(text).toContain('Epoch 1/2')
  expect(text).toContain('Epoch 2/2')
  expect(text).toMatch(/8\/8/)
  expect(text).toMatch(/loss: \d\.\d{4} - accuracy: \d\.\d{4}/)
})

test('writes nothing when the stream is not a TTY', async () => {
  const { stream, out } = fakeStream(false)
  await train(new ProgressBar({ stream }))
  expect(out).toEqual([])
})
