/**
 * The backend conformance suite: every op case of OP_CASES run on the backend under test and
 * on the `cpu-ts` reference, forward values and (for differentiable cases) input gradients
 * compared. Test functions are passed in, so core has no runtime dependency on a test runner.
 */

import type { DType } from '../dtype.js'
import { getBackend, setBackend, tidy } from '../engine/engine.js'
import { tensor } from '../ops/creation.js'
import { OPS } from '../ops/names.js'
import { Random } from '../random/Random.js'
import type { Tensor } from '../tensor/Tensor.js'
import { OP_CASES, type OpCase } from './opCases.js'

/** Deterministic inputs of a case. */
export function caseInputs(kase: OpCase, dtype: DType, seed: number): Tensor[] {
  const rng = new Random(seed)
  return kase.shapes.map((shape, i) => {
    const d = kase.domain
    const [lo, hi] =
      d === undefined
        ? [-2, 2]
        : typeof d[0] === 'number'
          ? (d as [number, number])
          : ((d as [number, number][])[i] ?? [-2, 2])
    const n = shape.reduce((a, b) => a * b, 1)
    const v = Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform())
    return tensor(v, { dtype, shape })
  })
}

export interface ConformanceRunner {
  describe: (name: string, fn: () => void) => void
  test: (name: string, fn: () => void) => void
  // biome-ignore lint/suspicious/noExplicitAny: the expect of any test runner.
  expect: (value: unknown) => any
}

export interface ConformanceOptions {
  /** Relative and absolute tolerance of float32 comparisons (defaults 1e-4, 1e-5). */
  rtol?: number
  atol?: number
  /** Ops to skip (documented gaps of a backend). */
  skip?: readonly string[]
}

interface Result {
  values: number[]
  shape: number[]
  dtype: DType
  grads: (number[] | null)[]
}

function runOn(backend: string, kase: OpCase, seed: number, dtype: DType = 'float32'): Result {
  const prev = getBackend()
  setBackend(backend)
  try {
    return tidy(() => {
      const differentiable = (kase.grad ?? kase.shapes.map((_, i) => i)).length > 0
      const xs = caseInputs(kase, dtype, seed)
      const wrt = kase.grad ?? xs.map((_, i) => i)
      if (differentiable) for (const i of wrt) xs[i]?.requiresGrad_(true)
      const y = kase.fn(...xs)
      const res: Result = {
        values: Array.from(y.dataSync()),
        shape: y.shape.slice(),
        dtype: y.dtype === 'float64' ? 'float32' : y.dtype,
        grads: [],
      }
      if (differentiable && y.requiresGrad) {
        const w = tensor(
          Array.from({ length: y.size }, (_, i) => ((i * 7) % 5) / 4 + 0.25),
          { shape: y.shape, dtype },
        )
        y.mul(w).sum().backward()
        res.grads = xs.map((x) => (x.grad === null ? null : Array.from(x.grad.dataSync())))
      }
      return res
    })
  } finally {
    setBackend(prev)
  }
}

function close(a: number[], b: number[], rtol: number, atol: number): { ok: boolean; at: number } {
  if (a.length !== b.length) return { ok: false, at: -1 }
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number
    const y = b[i] as number
    if (Number.isNaN(x) && Number.isNaN(y)) continue
    if (x === y) continue
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return { ok: false, at: i }
  }
  return { ok: true, at: -1 }
}

/**
 * Registers one test per op case: forward values (and input gradients where the case is
 * differentiable) on `backend` must match the `cpu-ts` reference (for `cpu-ts` itself: its
 * float64 evaluation). Also fails for an op of the
 * op table that has no case.
 *
 * @example
 * import { describe, expect, test } from 'vitest'
 * import { runBackendConformance } from '@mlstack/core/testing'
 * runBackendConformance('my-gpu', { describe, test, expect })
 */
export function runBackendConformance(
  backend: string,
  runner: ConformanceRunner,
  options: ConformanceOptions = {},
): void {
  const { describe, test, expect } = runner
  const rtol = options.rtol ?? 1e-4
  const atol = options.atol ?? 1e-5
  describe(`backend conformance: ${backend}`, () => {
    test('every public op of the op table has a case', () => {
      const missing = Object.entries(OPS)
        .filter(([op, info]) => !info.internal && !OP_CASES[op]?.length)
        .map(([op]) => op)
      expect(missing).toEqual([])
    })
    let seed = 1
    for (const [op, cases] of Object.entries(OP_CASES)) {
      if (options.skip?.includes(op)) continue
      for (const kase of cases) {
        const s = seed++
        test(`${op}: ${kase.label}`, () => {
          const dtype: DType = kase.int32 ? 'int32' : 'float32'
          // The reference backend itself is checked against its own float64 evaluation.
          const ref =
            backend === 'cpu-ts' && !kase.int32
              ? runOn('cpu-ts', kase, s, 'float64')
              : runOn('cpu-ts', kase, s, dtype)
          const got = runOn(backend, kase, s, dtype)
          expect(got.shape).toEqual(ref.shape)
          expect(got.dtype).toBe(ref.dtype)
          const f = close(got.values, ref.values, rtol, atol)
          if (!f.ok)
            expect({ op, index: f.at, got: got.values[f.at] }).toEqual({
              op,
              index: f.at,
              got: ref.values[f.at],
            })
          expect(got.grads.length).toBe(ref.grads.length)
          ref.grads.forEach((rg, i) => {
            const gg = got.grads[i]
            if (rg === null || gg === null || gg === undefined) {
              expect(gg ?? null).toEqual(rg)
              return
            }
            const g = close(gg, rg, rtol * 10, atol * 10)
            if (!g.ok)
              expect({ op, input: i, index: g.at, grad: gg[g.at] }).toEqual({
                op,
                input: i,
                index: g.at,
                grad: rg[g.at],
              })
          })
        })
      }
    }
  })
}
