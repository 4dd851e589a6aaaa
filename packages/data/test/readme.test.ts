// The README example runs and does what the README says it does.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { quickstart } from './examples/quickstart.js'

describe('README quickstart', () => {
  it('reads, splits, scales and batches iris', async () => {
    const r = await quickstart(
      fileURLToPath(new URL('../fixtures/iris_train.csv', import.meta.url)),
    )
    expect([r.trainStd.rows, r.trainStd.columns]).toEqual([84, 4])
    expect(r.testStd.rows).toBe(28)
    // Standardized training columns have mean 0 and (population) std 1.
    for (let j = 0; j < 4; j++) {
      const col = r.trainStd.getColumn(j)
      const mean = col.reduce((a, b) => a + b, 0) / col.length
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length
      expect(Math.abs(mean)).toBeLessThan(1e-12)
      expect(variance).toBeCloseTo(1, 12)
    }
    expect(r.folds).toHaveLength(5)
    expect(r.plainFolds).toHaveLength(3)
    expect(r.batchShapes).toEqual([
      [32, 4],
      [32, 4],
      [20, 4],
    ])
  })
})
