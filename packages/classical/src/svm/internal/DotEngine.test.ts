import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { Random } from '../../internal/random.js'
import { assembleWat, generatedSource } from '../../internal/wasm/assembleWat.js'
import { createDotEngine, wasmDotsAvailable } from './DotEngine.js'
import { DOTS_WASM } from './wasm/dotsWasm.js'

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

  test('a dot product does not depend on which block of rows computes it (6-, 4- and 1-row paths)', () => {
    for (const d of [3, 30, 64]) {
      const rng = new Random(100 + d)
      const n = 20
      const data = Float64Array.from({ length: n * d }, () => rng.normal())
      const e = createDotEngine(data, n, d)
      const rows = Int32Array.from({ length: 13 }, (_, t) => (t * 7) % n)
      const all = new Float64Array(13)
      e.dots(5, rows, 0, 13, all)
      // Every count from 1 to 13 (13 = 6 + 6 + 1; 11 = 6 + 4 + 1; …), at every offset.
      for (let cnt = 1; cnt <= 13; cnt++) {
        for (let from = 0; from + cnt <= 13; from++) {
          const out = new Float64Array(cnt)
          e.dots(5, rows, from, cnt, out)
          expect(Array.from(out)).toEqual(Array.from(all.subarray(from, from + cnt)))
        }
      }
      // And each is the plain dot product up to rounding.
      rows.forEach((r, t) => {
        let s = 0
        for (let k = 0; k < d; k++) s += data[5 * d + k] * data[r * d + k]
        expect(all[t]).toBeCloseTo(s, 10)
      })
    }
  })

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
    expect(committed).toBe(generatedSource(DOTS_WASM, await assembleWat(DOTS_WASM)))
  })
})
