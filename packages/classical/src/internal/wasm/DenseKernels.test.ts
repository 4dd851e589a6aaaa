import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { Random } from '../random.js'
import { assembleDense, generatedSource } from './assembleDense.js'
import { copyRowsInto, denseKernels } from './DenseKernels.js'

const here = dirname(fileURLToPath(import.meta.url))

describe('dense WebAssembly kernels', () => {
  test('the committed dense.generated.ts matches denseWat.ts (rebuild with buildDenseWasm.ts)', async () => {
    const committed = readFileSync(join(here, 'dense.generated.ts'), 'utf8')
    expect(committed).toBe(generatedSource(await assembleDense()))
  })

  // Class counts and feature counts around the kernels' block sizes (4 and 2 classes, 4 features).
  for (const [K, d, n] of [
    [1, 1, 4],
    [2, 3, 8],
    [3, 5, 12],
    [7, 9, 4],
    [10, 64, 20],
  ] as const) {
    test(`lrScores and lrGrad match plain loops (K = ${K}, d = ${d}, n = ${n})`, () => {
      const kern = denseKernels()
      expect(kern).not.toBeNull()
      const rng = new Random(K * 100 + d)
      for (const fi of [0, 1]) {
        const st = d + fi
        const Xt = Float64Array.from({ length: st * n }, (_, k) =>
          fi && k >= d * n ? 1 : rng.normal(),
        )
        const W = Float64Array.from({ length: K * st }, () => rng.normal())
        const R = Float64Array.from({ length: K * n }, () => rng.normal())
        const aW = Xt.length * 8
        const aZ = aW + W.length * 8
        const aR = aZ + K * n * 8
        const aG = aR + R.length * 8
        const mem = kern!.reserve(aG + K * st * 8)!
        mem.set(Xt, 0)
        mem.set(W, aW / 8)
        mem.set(R, aR / 8)
        kern!.ex.lrScores(0, n, d, aW, st, K, aZ, fi)
        kern!.ex.lrGrad(aR, 0, n, st, K, aG)
        for (let k = 0; k < K; k++) {
          for (let i = 0; i < n; i++) {
            // Scores keep the scalar loop's order exactly (intercept first, then j = 0, 1, ...).
            let z = fi ? (W[k * st + d] as number) : 0
            for (let j = 0; j < d; j++) z += (W[k * st + j] as number) * (Xt[j * n + i] as number)
            expect(mem[aZ / 8 + k * n + i]).toBe(z)
          }
          for (let j = 0; j < st; j++) {
            let g = 0
            for (let i = 0; i < n; i++) g += (R[k * n + i] as number) * (Xt[j * n + i] as number)
            expect(mem[aG / 8 + k * st + j]).toBeCloseTo(g, 12)
          }
        }
      }
    })
  }

  test('copyRowsInto copies arrays of d-value rows and refuses every other shape', () => {
    const mem = new Float64Array(16)
    expect(
      copyRowsInto([[1, 2], Float64Array.from([3, 4]), Int8Array.from([5, 6])], 2, mem, 1),
    ).toBe(3)
    expect(Array.from(mem.subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0])
    expect(copyRowsInto([], 2, mem, 0)).toBe(-1)
    expect(copyRowsInto([[1, 2], [3]], 2, mem, 0)).toBe(-1)
    expect(copyRowsInto([[1, 2], 3], 2, mem, 0)).toBe(-1)
    expect(copyRowsInto([new DataView(new ArrayBuffer(16))], 2, mem, 0)).toBe(-1)
    expect(copyRowsInto(Float64Array.from([1, 2]), 2, mem, 0)).toBe(-1)
    expect(copyRowsInto([[1, 2]], 2, mem, 15)).toBe(-1)
  })
})
