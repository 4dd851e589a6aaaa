import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { Random } from '../random.js'
import { assembleWat, generatedSource } from './assembleWat.js'
import { copyRowsInto, denseKernels } from './DenseKernels.js'
import { DENSE_WASM } from './denseWasm.js'

const here = dirname(fileURLToPath(import.meta.url))

describe('dense WebAssembly kernels', () => {
  test('the committed dense.generated.ts matches denseWat.ts (rebuild with buildDenseWasm.ts)', async () => {
    const committed = readFileSync(join(here, 'dense.generated.ts'), 'utf8')
    expect(committed).toBe(generatedSource(DENSE_WASM, await assembleWat(DENSE_WASM)))
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

  test('sqDist1 is eight partial sums over j mod 8 plus the tail in order (d = 1 … 17, 64)', () => {
    const kern = denseKernels()!
    const rng = new Random(5)
    for (const d of [1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 64]) {
      const a = Float64Array.from({ length: d }, () => rng.normal())
      const b = Float64Array.from({ length: d }, () => rng.normal())
      const mem = kern.reserve(4096)!
      mem.set(a, 0)
      mem.set(b, 128)
      const s = new Float64Array(8)
      const full = d - (d % 8)
      for (let j = 0; j < full; j++) s[j % 8] += ((a[j] as number) - (b[j] as number)) ** 2
      let tail = 0
      for (let j = full; j < d; j++) tail += ((a[j] as number) - (b[j] as number)) ** 2
      const v0 = (s[0] as number) + (s[2] as number) + ((s[4] as number) + (s[6] as number))
      const v1 = (s[1] as number) + (s[3] as number) + ((s[5] as number) + (s[7] as number))
      expect(kern.ex.sqDist1(0, 1024, d)).toBe(v0 + v1 + tail)
    }
  })

  for (const [n, d, kp] of [
    [1, 3, 2],
    [5, 7, 4],
    [8, 64, 10],
    [3, 2, 14],
  ] as const) {
    test(`sqDists matches the sequential sums bit for bit (n = ${n}, d = ${d}, kp = ${kp})`, () => {
      const kern = denseKernels()!
      const rng = new Random(n * d * kp)
      const X = Float64Array.from({ length: n * d }, () => rng.normal())
      const cT = Float64Array.from({ length: d * kp }, () => rng.normal())
      const aC = X.length * 8
      const aD = aC + cT.length * 8
      const mem = kern.reserve(aD + n * kp * 8)!
      mem.set(X, 0)
      mem.set(cT, aC / 8)
      kern.ex.sqDists(0, n, d, aC, kp, aD)
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < kp; c++) {
          let q = 0
          for (let j = 0; j < d; j++) {
            const t = (X[i * d + j] as number) - (cT[j * kp + c] as number)
            q += t * t
          }
          expect(mem[aD / 8 + i * kp + c]).toBe(q)
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
