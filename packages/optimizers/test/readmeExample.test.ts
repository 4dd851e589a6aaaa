// The README's quick-start example, kept runnable: it must converge to y = 3x - 1.
import { expect, it } from 'vitest'

it('README quick start fits y = 3x - 1', async () => {
  const logs: number[][] = []
  const log = console.log
  console.log = (...args: unknown[]) => logs.push(args as number[])
  try {
    await import('../examples/quickstart.js')
  } finally {
    console.log = log
  }
  const [w, b] = logs[logs.length - 1]
  expect(w).toBeCloseTo(3, 2)
  expect(b).toBeCloseTo(-1, 2)
})
