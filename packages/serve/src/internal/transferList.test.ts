import { expect, test } from 'vitest'
import { transferList } from './transferList.js'

test('only whole, unshared, typed-array buffers are transferred, each once', () => {
  const whole = new Float32Array(4)
  const view = new Float32Array(new ArrayBuffer(64), 16, 4)
  const pooled = Buffer.from('abc')
  const list = transferList([
    { data: whole },
    { data: whole },
    { data: view },
    { data: pooled },
    { data: [1, 2, 3] },
    { data: ['a', 'b'] },
    { data: new Int32Array(2) },
  ])
  expect(list.length).toBe(2)
  expect(list[0]).toBe(whole.buffer)
  expect(list).not.toContain(view.buffer)
  expect(list).not.toContain(pooled.buffer)
})
