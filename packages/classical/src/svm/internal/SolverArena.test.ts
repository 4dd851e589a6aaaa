import { describe, expect, test } from 'vitest'
import { loadSplit } from '../../../test/datasets.js'
import { Random } from '../../internal/random.js'
import { SVC } from '../SVC.js'
import { SVR } from '../SVR.js'
import { WASM_IMPORTS, wasmModule } from './DotEngine.js'
import { SolverArena } from './SolverArena.js'

/** Runs fit with the WebAssembly paths (default) and with MLSTACK_SVM_WASM=0 (TypeScript). */
function both<T>(fit: () => T): { wasm: T; ts: T } {
  const wasm = fit()
  const before = process.env.MLSTACK_SVM_WASM
  process.env.MLSTACK_SVM_WASM = '0'
  try {
    return { wasm, ts: fit() }
  } finally {
    if (before === undefined) delete process.env.MLSTACK_SVM_WASM
    else process.env.MLSTACK_SVM_WASM = before
  }
}

function fitBoth(opts: ConstructorParameters<typeof SVC>[0], X: number[][], y: number[]) {
  return both(() => new SVC(opts).fit(X, y))
}

describe('SolverArena (WebAssembly SMO scans)', () => {
  test('is available on this Node and refuses nothing small', () => {
    const a = SolverArena.create(10, 10, 10)
    expect(a).not.toBeNull()
    expect(a!.pool.take().length).toBe(10)
    expect(a!.owns(a!.vectors(7).G)).toBe(true)
    expect(a!.owns(new Float64Array(7))).toBe(false)
  })

  test('the scans pick the last index among equal best values, as the sequential loops do', () => {
    const a = SolverArena.create(16, 16, 4)!
    // The sequential loops of smo.ts: last index reaching the max of upNegY·G (NaN never wins).
    const lastArgmax = (m: Float64Array, G: Float64Array, n: number) => {
      let best = Number.NEGATIVE_INFINITY
      let at = -1
      for (let k = 0; k < n; k++) {
        const v = m[k] * G[k]
        if (v >= best) {
          best = v
          at = k
        }
      }
      return [at, best]
    }
    for (const n of [2, 4, 6, 10, 12]) {
      const v = a.vectors(n)
      const Qi = a.pool.take()
      const Qj = a.pool.take()
      Qi.fill(0)
      Qj.fill(0)
      // upNegY·G peaks (value 5) at indices spread over both chains and both lanes; a NaN
      // multiplier (outside I_up) never wins, even with a larger product.
      v.upNegY.fill(1)
      v.G.fill(0)
      for (const k of [1, 2, 5, 6, 7, 8, 9]) if (k < n) v.G[k] = 5
      v.upNegY[n - 1] = Number.NaN
      v.G[n - 1] = 9
      const [want, best] = lastArgmax(v.upNegY, v.G, n)
      expect(want).toBeGreaterThanOrEqual(0)
      expect(a.scans.gmax(n)).toBe(want)
      expect(a.res[0]).toBe(best)
      expect(a.scans.gstep(Qi.byteOffset, Qj.byteOffset, n, 0.5, -0.25)).toBe(want)
      // wss: every lane in I_low with the same objective −1²/2: the last one wins (but not a
      // NaN multiplier, outside I_low).
      v.lowY.fill(1)
      v.G.fill(0)
      v.QD.fill(1)
      expect(a.scans.wss(Qi.byteOffset, n, 1, 1, 2)).toBe(n - 1)
      expect(a.res[1]).toBe(-0.5)
      v.lowY[n - 1] = Number.NaN
      expect(a.scans.wss(Qi.byteOffset, n, 1, 1, 2)).toBe(n - 2)
      a.pool.free.push(Qi, Qj)
    }
    a.release()
  })

  test('the module exp, scalar and two-lane (used by the Gram fill), is bit-identical to Math.exp', () => {
    const ex = new WebAssembly.Instance(wasmModule()!, WASM_IMPORTS).exports as unknown as {
      memory: WebAssembly.Memory
      exp(x: number): number
      expv(p: number, cnt: number): void
    }
    const rng = new Random(3)
    const xs: number[] = []
    // Mixed kinds side by side, so two-lane pairs combine every branch (and the scalar hand-off).
    for (let i = 0; i < 60_000; i++) {
      xs.push(-rng.next() * 60, (rng.next() - 0.5) * 3, (rng.next() - 0.5) * 1500, -rng.next() * 2)
    }
    xs.push(0, -0, 2 ** -28, -(2 ** -29), 0.34657359027997264, -0.34657359027997264)
    xs.push(1.0397207708399179, -1.0397207708399179, 708, -708, -707.9, 710, -745.2)
    // Around fdlibm's case boundaries (0.5·ln2, 1.5·ln2, the high-word thresholds, the fast
    // range's ends), ulp by ulp on both sides, both signs: the vector path folds its cases.
    const f = new Float64Array(1)
    const bits = new BigInt64Array(f.buffer)
    const fromBits = (b: bigint) => {
      bits[0] = b
      return f[0]
    }
    const hw = [0x3fd62e4300000000n, 0x3ff0a2b200000000n].map(fromBits)
    for (const b of [0.5 * Math.LN2, 1.5 * Math.LN2, ...hw]) {
      for (const sign of [1, -1]) {
        f[0] = b
        const at = bits[0]
        for (let k = -300n; k <= 300n; k++) {
          bits[0] = at + k
          xs.push(sign * f[0])
        }
      }
    }
    for (const b of [708, 2 ** -28]) {
      for (const m of [1 - 2 ** -52, 1, 1 + 2 ** -52]) xs.push(b * m, -b * m)
    }
    xs.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5) // odd count
    ex.memory.grow(Math.ceil((xs.length * 8 + 16) / 65536))
    const v = new Float64Array(ex.memory.buffer, 16, xs.length)
    v.set(xs)
    ex.expv(16, xs.length)
    let scalar = 0
    let vector = 0
    xs.forEach((x, k) => {
      if (!Object.is(ex.exp(x), Math.exp(x))) scalar++
      if (!Object.is(v[k], Math.exp(x))) vector++
    })
    expect(xs.length % 2).toBe(1)
    expect({ scalar, vector }).toEqual({ scalar: 0, vector: 0 })
  })

  // The scans must make exactly the TypeScript loops' choices: identical iterations, support
  // vectors, dual coefficients and intercepts, bit for bit (odd and even problem sizes occur).
  for (const [name, prep, C] of [
    ['digits', 'std', 1],
    ['digits', 'raw', 10],
    ['iris', 'std', 1],
    ['breast_cancer', 'raw', 1], // binary: no Gram matrix, rows filled by the TypeScript kernel
    ['breast_cancer', 'std', 10],
  ] as const) {
    test(`${name}/${prep} C=${C}: WebAssembly and TypeScript solvers agree bit for bit`, () => {
      const d = loadSplit(name, prep)
      const { wasm, ts } = fitBoth({ C, kernel: 'rbf', gamma: 'scale' }, d.Xtrain, d.ytrain)
      expect(Array.from(wasm.nIter)).toEqual(Array.from(ts.nIter))
      expect(Array.from(wasm.support)).toEqual(Array.from(ts.support))
      expect(wasm.dualCoef.to2DArray()).toEqual(ts.dualCoef.to2DArray())
      expect(Array.from(wasm.intercept)).toEqual(Array.from(ts.intercept))
    })
  }

  // Other arena layouts: no Gram matrix with a cache small enough to evict rows (and drop rows
  // on shrinking swaps), and a Gram matrix of a non-RBF kernel (filled by TypeScript).
  for (const opts of [
    { cacheSize: 0.05 },
    { kernel: 'poly', degree: 3, coef0: 1 },
    { shrinking: false },
  ] as const) {
    test(`digits/std ${JSON.stringify(opts)}: identical either way`, () => {
      const d = loadSplit('digits', 'std')
      const { wasm, ts } = fitBoth(opts, d.Xtrain, d.ytrain)
      expect(Array.from(wasm.nIter)).toEqual(Array.from(ts.nIter))
      expect(Array.from(wasm.support)).toEqual(Array.from(ts.support))
      expect(wasm.dualCoef.to2DArray()).toEqual(ts.dualCoef.to2DArray())
      expect(Array.from(wasm.intercept)).toEqual(Array.from(ts.intercept))
    })
  }

  test('SVR on diabetes (the doubled 2n-variable problem): identical either way', () => {
    const d = loadSplit('diabetes', 'raw')
    const { wasm, ts } = both(() => new SVR({ C: 100, epsilon: 5 }).fit(d.Xtrain, d.ytrain))
    expect(wasm.nIter).toBe(ts.nIter)
    expect(Array.from(wasm.support)).toEqual(Array.from(ts.support))
    expect(wasm.dualCoef.to2DArray()).toEqual(ts.dualCoef.to2DArray())
    expect(wasm.intercept).toBe(ts.intercept)
  })
})
