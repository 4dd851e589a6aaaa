import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { Random } from '../../internal/random.js'
import { createDotEngine, wasmDotsAvailable } from './DotEngine.js'
import { assembleDots, generatedSource } from './wasm/assembleDots.js'

const here = dirname(fileURLToPath(import.meta.url))

describe('DotEngine', () => {
  test('the WebAssembly SIMD engine is available on this Node', () => {
    expect(wasmDotsAvailable()).toBe(true)
  })

  for (const d of [1, 2, 3, 7, 64]) {
    test(`WASM and TypeScript engines agree with a plain dot product (d = ${d})`, () => {
      const rng = new Random(d)
      const n = 11
      const data = Float64Array.from({ length: n * d }, () => rng.normal())
      const rows = Int32Array.from([3, 0, 10, 5, 5, 7, 1, 2, 9])
      const want = Array.from(rows.subarray(2), (r) => {
        let s = 0
        for (let k = 0; k < d; k++) s += data[4 * d + k] * data[r * d + k]
        return s
      })
      for (const kind of ['auto', 'js'] as const) {
        const e = createDotEngine(data, n, d, kind)
        const out = new Float64Array(rows.length)
        e.dots(4, rows, 2, rows.length - 2, out)
        want.forEach((w, t) => {
          expect(out[t]).toBeCloseTo(w, 12)
        })
      }
    })
  }

  test('setRow writes the engine copy only (the query slot used at prediction)', () => {
    const data = Float64Array.from([1, 2, 3, 4, 0, 0])
    const e = createDotEngine(data, 3, 2)
    e.setRow(2, Float64Array.from([9, 9, 5, 6]), 2)
    const out = new Float64Array(2)
    e.dots(2, Int32Array.from([0, 1]), 0, 2, out)
    expect(Array.from(out)).toEqual([5 + 12, 15 + 24])
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 0, 0])
  })

  test('the committed dots.generated.ts matches dotsWat.ts (rebuild with buildDotsWasm.ts)', async () => {
    const committed = readFileSync(join(here, 'wasm', 'dots.generated.ts'), 'utf8')
    expect(committed).toBe(generatedSource(await assembleDots()))
  })
})
