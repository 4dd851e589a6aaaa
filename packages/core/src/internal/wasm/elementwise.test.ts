import { describe, expect, it } from 'vitest'
import { kernelsFor } from './kernels.js'
import { WasmHeap } from './WasmHeap.js'

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32 - 0.5
  }
}

const heap = new WasmHeap()
const k = kernelsFor(heap).exports

function put(values: ArrayLike<number>): number {
  const p = heap.alloc(Math.max(values.length, 1) * 4)
  heap.f32(p, values.length).set(values)
  return p
}
const get = (p: number, n: number): Float32Array => Float32Array.from(heap.f32(p, n))
const random = (n: number, seed: number): Float32Array => {
  const r = lcg(seed)
  return Float32Array.from({ length: n }, () => r() * 4)
}

const ops = {
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
} as const

describe('WASM binary kernels', () => {
  for (const n of [0, 1, 3, 4, 7, 64, 1001]) {
    for (const [op, f] of Object.entries(ops)) {
      it(`${op} n=${n}: same shape, scalar on either side, row and column broadcast`, () => {
        const a = random(n, n + 1)
        const b = random(n, n + 2)
        b[0] = n > 0 ? 0.75 : b[0]
        const pa = put(a)
        const pb = put(b)
        const po = heap.alloc(Math.max(n, 1) * 4)
        const run = k[`${op as keyof typeof ops}_vv`]
        run(pa, pb, po, n)
        expect(get(po, n)).toEqual(Float32Array.from(a, (x, i) => f(x, b[i])))
        k[`${op as keyof typeof ops}_vs`](pa, pb, po, n)
        expect(get(po, n)).toEqual(Float32Array.from(a, (x) => f(x, b[0])))
        k[`${op as keyof typeof ops}_sv`](pb, pa, po, n)
        expect(get(po, n)).toEqual(Float32Array.from(a, (x) => f(b[0], x)))
        // rows × cols with the row vector b[0:cols] repeated.
        const cols = n % 5 === 0 ? 5 : n % 5
        const rows = Math.floor(n / cols)
        k[`${op as keyof typeof ops}_vr`](pa, pb, po, rows, cols)
        const want = Float32Array.from(a.subarray(0, rows * cols), (x, i) => f(x, b[i % cols]))
        expect(get(po, rows * cols)).toEqual(want)
        // rows × cols with one b value per row.
        k[`${op as keyof typeof ops}_vc`](pa, pb, po, rows, cols)
        const wantCol = Float32Array.from(a.subarray(0, rows * cols), (x, i) =>
          f(x, b[Math.floor(i / cols)]),
        )
        expect(get(po, rows * cols)).toEqual(wantCol)
      })
    }
  }
  it('computes in place (o = a)', () => {
    const a = random(13, 9)
    const pa = put(a)
    k.add_vv(pa, pa, pa, 13)
    expect(get(pa, 13)).toEqual(Float32Array.from(a, (x) => x + x))
  })
})

describe('WASM unary kernels', () => {
  const special = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -2, 3.5]
  const refs: Record<string, (x: number) => number> = {
    relu: (x) => (x < 0 ? 0 : x),
    neg: (x) => -x,
    abs: Math.abs,
    sqrt: Math.sqrt,
    square: (x) => x * x,
  }
  for (const [name, f] of Object.entries(refs)) {
    it(`${name} matches the reference, NaN and -0 included`, () => {
      const a = Float32Array.from([...special, ...random(29, 3)])
      const pa = put(a)
      const po = heap.alloc(a.length * 4)
      ;(k[name as 'relu'] as (a: number, o: number, n: number) => void)(pa, po, a.length)
      const got = get(po, a.length)
      const want = Float32Array.from(a, f)
      for (let i = 0; i < a.length; i++)
        expect(Object.is(got[i], want[i]), `${name}(${a[i]})`).toBe(true)
    })
  }
  it('relu_grad passes dy where x > 0 only', () => {
    const x = Float32Array.from([1, -1, 0, Number.NaN, 2, -0, 5, 0.5, -3])
    const dy = random(9, 4)
    const po = heap.alloc(36)
    k.relu_grad(put(dy), put(x), po, 9)
    expect(get(po, 9)).toEqual(Float32Array.from(dy, (g, i) => (x[i] > 0 ? g : 0)))
  })
})

describe('WASM sums', () => {
  for (const [rows, n] of [
    [1, 1],
    [3, 7],
    [5, 64],
    [2, 1001],
    [0, 4],
  ]) {
    it(`sum_rows and sum_cols over ${rows}×${n} match float64 sums`, () => {
      const a = random(rows * n, rows * 31 + n)
      const pa = put(a)
      const po = heap.alloc(Math.max(rows, n) * 4)
      k.sum_rows(pa, po, rows, n)
      const rowWant = Float32Array.from({ length: rows }, (_, r) => {
        let s = 0
        for (let j = 0; j < n; j++) s += a[r * n + j]
        return s
      })
      const rowsGot = get(po, rows)
      for (let r = 0; r < rows; r++) expect(rowsGot[r]).toBeCloseTo(rowWant[r], 5)
      const acc = heap.alloc(n * 8)
      heap.f64(acc, n).fill(0)
      k.sum_cols(pa, po, rows, n, acc)
      const colsGot = get(po, n)
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let r = 0; r < rows; r++) s += a[r * n + j]
        expect(colsGot[j]).toBe(Math.fround(s))
      }
    })
  }
})

describe('WASM fused Adam step', () => {
  /** PyTorch's Adam/AdamW update, in float64. */
  function reference(
    p: number[],
    g: number[],
    m: number[],
    v: number[],
    o: { lr: number; b1: number; b2: number; eps: number; t: number; wd: number; dwd: number },
  ): void {
    const bc1 = 1 - o.b1 ** o.t
    const bc2 = 1 - o.b2 ** o.t
    for (let i = 0; i < p.length; i++) {
      p[i] *= 1 - o.lr * o.dwd
      const gi = g[i] + o.wd * p[i]
      m[i] = o.b1 * m[i] + (1 - o.b1) * gi
      v[i] = o.b2 * v[i] + (1 - o.b2) * gi * gi
      p[i] -= (o.lr / bc1) * (m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + o.eps))
    }
  }
  for (const [wd, dwd] of [
    [0, 0],
    [0.1, 0],
    [0, 0.01],
  ]) {
    it(`matches the float64 reference over 5 steps (weightDecay ${wd}, decoupled ${dwd})`, () => {
      const n = 11
      const p0 = Array.from(random(n, 5))
      const pp = put(p0)
      const pm = put(new Float32Array(n))
      const pv = put(new Float32Array(n))
      const p = [...p0]
      const m = new Array(n).fill(0)
      const v = new Array(n).fill(0)
      const o = { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, t: 0, wd, dwd }
      for (let t = 1; t <= 5; t++) {
        const g = Array.from(random(n, 100 + t))
        o.t = t
        reference(p, g, m, v, o)
        k.adam_f32(
          pp,
          put(g),
          pm,
          pv,
          n,
          o.lr,
          o.b1,
          o.b2,
          o.eps,
          1 - o.b1 ** t,
          1 - o.b2 ** t,
          wd,
          dwd,
        )
      }
      const got = get(pp, n)
      for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(p[i], 5)
    })
  }
})
