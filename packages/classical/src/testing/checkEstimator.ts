/**
 * The shared estimator conformance suite (`@mlstack/classical/testing`): every estimator, from
 * any engineer, runs through the same checks of the scikit-learn contract. Test-framework
 * agnostic: pass vitest's (or jest's) `describe`, `test` and `expect`.
 */
import { Matrix } from 'ml-matrix'
import { Random } from '../internal/random.js'
import { loadEstimator } from '../serialization/registry.js'

/** Minimal estimator surface the suite drives. */
export interface CheckableEstimator {
  readonly kind: string
  readonly isFitted: boolean
  fit(X: unknown, y?: unknown): unknown
  getParams(): object
  clone(): CheckableEstimator
  toJSON(): unknown
  predict?(X: unknown): Float64Array
  predictProba?(X: unknown): Matrix
  transform?(X: unknown): Matrix
  score?(X: unknown, y: unknown): number
}

/** Options for checkEstimator. */
export interface CheckOptions {
  task: 'classification' | 'regression' | 'transform' | 'clustering'
  /** Only two classes in the synthetic classification data. */
  binary?: boolean
  /** Lowest acceptable training score (accuracy or R²) on the easy synthetic data; default 0.8 / 0.5. */
  minScore?: number
  /** Check predictProba (default: when the method exists). */
  predictProba?: boolean
  /** Custom data instead of the synthetic set. */
  data?: { X: number[][]; y: number[] }
}

// biome-ignore lint/suspicious/noExplicitAny: test-framework functions are typed loosely on purpose
type Fn = (...args: any[]) => any
/** The three test-framework functions the suite needs. */
export interface TestApi {
  describe: Fn
  test: Fn
  expect: Fn
}

/** Easy, well-separated synthetic data with arbitrary (non 0..k-1) labels. */
export function syntheticData(
  task: CheckOptions['task'],
  binary = false,
): { X: number[][]; y: number[] } {
  const rng = new Random(42)
  const nFeatures = 4
  const labels = binary ? [-1, 3] : [-1, 2, 7]
  const X: number[][] = []
  const y: number[] = []
  const w = [1.5, -2, 0.5, 3]
  for (let i = 0; i < 60; i++) {
    const c = i % labels.length
    const row: number[] = []
    for (let j = 0; j < nFeatures; j++) {
      const center = task === 'regression' ? 0 : (c * 4 - 4) * (j % 2 === 0 ? 1 : -1)
      row.push(center + rng.normal())
    }
    X.push(row)
    if (task === 'regression') {
      y.push(row.reduce((s, v, j) => s + v * (w[j] as number), 0.5) + 0.1 * rng.normal())
    } else {
      y.push(labels[c] as number)
    }
  }
  return { X, y }
}

/** Asserts that fn throws an error whose `name` is `name` (framework-agnostic). */
function expectThrows(expect: Fn, fn: () => unknown, name: string): void {
  let caught: unknown = null
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught === null ? 'nothing thrown' : (caught as Error).name).toBe(name)
  expect(String((caught as Error).message).length).toBeGreaterThan(10)
}

/** The serialized options with nested estimators' fitted state removed. */
function paramsSignature(est: CheckableEstimator): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (v === null || typeof v !== 'object') return v
    const o = v as Record<string, unknown>
    if ('$estimator' in o) {
      const { state: _state, ...rest } = o.$estimator as Record<string, unknown>
      return { $estimator: strip(rest) }
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, strip(x)]))
  }
  return JSON.stringify(strip((est.toJSON() as { params: unknown }).params))
}

function hasProba(est: CheckableEstimator, opts: CheckOptions): boolean {
  return opts.predictProba ?? typeof est.predictProba === 'function'
}

function outputs(est: CheckableEstimator, X: unknown, opts: CheckOptions): number[][] {
  const task = opts.task
  const out: number[][] = []
  if (task === 'transform') {
    out.push(...(est.transform as Fn).call(est, X).to2DArray())
    return out
  }
  out.push(Array.from((est.predict as Fn).call(est, X) as Float64Array))
  if (task === 'classification' && hasProba(est, opts)) {
    out.push(...(est.predictProba as Fn).call(est, X).to2DArray())
  }
  return out
}

function callApply(est: CheckableEstimator, X: unknown, task: CheckOptions['task']): unknown {
  return task === 'transform'
    ? (est.transform as Fn).call(est, X)
    : (est.predict as Fn).call(est, X)
}

/**
 * Registers the conformance tests for one estimator.
 * `make` must return a fresh, unfitted, seeded estimator each call.
 * @example
 * import { describe, expect, test } from 'vitest'
 * checkEstimator('Ridge', () => new Ridge(), { task: 'regression' }, { describe, test, expect })
 */
export function checkEstimator(
  name: string,
  make: () => CheckableEstimator,
  opts: CheckOptions,
  t: TestApi,
): void {
  const { describe, test, expect } = t
  const task = opts.task
  const supervised = task === 'classification' || task === 'regression'
  const data = opts.data ?? syntheticData(task, opts.binary)
  const fit = (est: CheckableEstimator, X: unknown = data.X, y: unknown = data.y) =>
    supervised ? est.fit(X, y) : est.fit(X)

  describe(`checkEstimator: ${name}`, () => {
    test('constructor stores options only; fit returns this', () => {
      const est = make()
      expect(est.isFitted).toBe(false)
      expect(fit(est)).toBe(est)
      expect(est.isFitted).toBe(true)
    })

    test('does not mutate its inputs', () => {
      const X = data.X.map((r) => r.slice())
      const y = Float64Array.from(data.y)
      const est = make()
      fit(est, X, y)
      callApply(est, X, task)
      expect(X).toEqual(data.X)
      expect(Array.from(y)).toEqual(data.y)
    })

    test('accepts number[][], Float64Array[] and Matrix alike', () => {
      const a = make()
      fit(a)
      const b = make()
      fit(
        b,
        data.X.map((r) => Float64Array.from(r)),
        Float64Array.from(data.y),
      )
      const c = make()
      fit(c, new Matrix(data.X), data.y)
      const ref = outputs(a, data.X, opts)
      expect(outputs(b, data.X, opts)).toEqual(ref)
      expect(outputs(c, new Matrix(data.X), opts)).toEqual(ref)
    })

    test('refitting replaces the model (no state leaks from the first fit)', () => {
      // The first two thirds: classes cycle through the synthetic data, so all stay present.
      const half = data.X.map((_, i) => i).filter((i) => i < Math.ceil((data.X.length * 2) / 3))
      const Xh = half.map((i) => data.X[i] as number[])
      const yh = half.map((i) => data.y[i] as number)
      const refit = make()
      fit(refit)
      fit(refit, Xh, yh)
      const fresh = make()
      fit(fresh, Xh, yh)
      expect(outputs(refit, data.X, opts)).toEqual(outputs(fresh, data.X, opts))
    })

    test('predicts a single row like the same row in a batch', () => {
      const est = make()
      fit(est)
      const one = outputs(est, [data.X[4] as number[]], opts)
      const all = outputs(est, data.X, opts)
      if (task === 'transform') expect(one[0]).toEqual(all[4])
      else expect((one[0] as number[])[0]).toBe((all[0] as number[])[4])
    })

    test('predict/transform before fit throws NotFittedError', () => {
      const est = make()
      expectThrows(expect, () => callApply(est, data.X, task), 'NotFittedError')
      if (hasProba(est, opts)) {
        const p = est
        expectThrows(expect, () => (p.predictProba as Fn).call(p, data.X), 'NotFittedError')
      }
    })

    test('is deterministic with its seed', () => {
      const a = make()
      const b = make()
      fit(a)
      fit(b)
      expect(outputs(b, data.X, opts)).toEqual(outputs(a, data.X, opts))
    })

    test('clone is unfitted with the same options', () => {
      const est = make()
      fit(est)
      const c = est.clone()
      expect(c).not.toBe(est)
      expect(c.isFitted).toBe(false)
      expect(c.kind).toBe(est.kind)
      expect(paramsSignature(c)).toBe(paramsSignature(est))
      fit(c)
      expect(outputs(c, data.X, opts)).toEqual(outputs(est, data.X, opts))
    })

    test('JSON round trip gives identical outputs', () => {
      const est = make()
      fit(est)
      const text = JSON.stringify(est.toJSON())
      const back = loadEstimator(text) as unknown as CheckableEstimator
      expect(back.kind).toBe(est.kind)
      expect(back.isFitted).toBe(true)
      expect(outputs(back, data.X, opts)).toEqual(outputs(est, data.X, opts))
      const unfitted = loadEstimator(
        JSON.stringify(make().toJSON()),
      ) as unknown as CheckableEstimator
      expect(unfitted.isFitted).toBe(false)
    })

    test('loading wrong format, version or kind throws ModelFormatError', () => {
      const est = make()
      fit(est)
      const json = est.toJSON() as Record<string, unknown>
      const bad = [
        { ...json, version: 999 },
        { ...json, format: 'something-else' },
        { ...json, kind: 'NoSuchEstimator' },
      ]
      for (const b of bad) {
        expectThrows(expect, () => loadEstimator(b as never), 'ModelFormatError')
      }
      expectThrows(expect, () => loadEstimator('{not json'), 'ModelFormatError')
    })

    test('NaN or Inf in X throws InputError', () => {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const X = data.X.map((r) => r.slice())
        ;(X[3] as number[])[1] = bad
        expectThrows(expect, () => fit(make(), X), 'InputError')
      }
      const est = make()
      fit(est)
      const X = data.X.map((r) => r.slice())
      ;(X[0] as number[])[0] = Number.NaN
      expectThrows(expect, () => callApply(est, X, task), 'InputError')
    })

    test('wrong feature count at predict throws InputError', () => {
      const est = make()
      fit(est)
      const X = data.X.map((r) => r.slice(0, r.length - 1))
      expectThrows(expect, () => callApply(est, X, task), 'InputError')
    })

    test('empty or non-2-D input throws InputError', () => {
      expectThrows(expect, () => fit(make(), [], []), 'InputError')
      expectThrows(expect, () => fit(make(), [1, 2, 3], [1, 2, 3]), 'InputError')
      const ragged = data.X.map((r, i) => (i === 2 ? r.slice(1) : r))
      expectThrows(expect, () => fit(make(), ragged), 'InputError')
    })

    if (supervised) {
      test('y with NaN or the wrong length throws InputError', () => {
        const y = data.y.slice()
        y[5] = Number.NaN
        expectThrows(expect, () => fit(make(), data.X, y), 'InputError')
        expectThrows(expect, () => fit(make(), data.X, data.y.slice(1)), 'InputError')
      })
    }

    if (task === 'classification') {
      test('a single class throws InputError', () => {
        const y = data.y.map(() => data.y[0] as number)
        expectThrows(expect, () => fit(make(), data.X, y), 'InputError')
      })

      test('predicts only seen labels, learns easy data, probabilities sum to 1', () => {
        const est = make()
        fit(est)
        const classes = Array.from(new Set(data.y)).sort((a, b) => a - b)
        expect(Array.from((est as unknown as { classes: Float64Array }).classes)).toEqual(classes)
        const pred = (est.predict as Fn).call(est, data.X) as Float64Array
        expect(pred).toBeInstanceOf(Float64Array)
        for (const p of pred) expect(classes).toContain(p)
        expect((est.score as Fn).call(est, data.X, data.y)).toBeGreaterThanOrEqual(
          opts.minScore ?? 0.8,
        )
        if (hasProba(est, opts)) {
          const P = (est.predictProba as Fn).call(est, data.X) as Matrix
          expect(P.rows).toBe(data.X.length)
          expect(P.columns).toBe(classes.length)
          for (let i = 0; i < P.rows; i++) {
            expect(P.getRow(i).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 8)
          }
        }
      })
    }

    if (task === 'regression') {
      test('learns easy linear data (R²)', () => {
        const est = make()
        fit(est)
        const pred = (est.predict as Fn).call(est, data.X) as Float64Array
        expect(pred).toBeInstanceOf(Float64Array)
        expect(pred.length).toBe(data.X.length)
        expect((est.score as Fn).call(est, data.X, data.y)).toBeGreaterThanOrEqual(
          opts.minScore ?? 0.5,
        )
      })
    }

    if (task === 'transform') {
      test('transform keeps the sample count', () => {
        const est = make()
        fit(est)
        const T = (est.transform as Fn).call(est, data.X) as Matrix
        expect(T.rows).toBe(data.X.length)
      })
    }

    if (task === 'clustering') {
      test('assigns every sample a cluster index', () => {
        const est = make()
        fit(est)
        const pred = (est.predict as Fn).call(est, data.X) as Float64Array
        expect(pred.length).toBe(data.X.length)
        for (const p of pred) expect(Number.isInteger(p) && p >= 0).toBe(true)
      })
    }
  })
}
