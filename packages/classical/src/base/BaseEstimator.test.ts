import { Matrix } from 'ml-matrix'
import { describe, expect, test } from 'vitest'
import { PCA } from '../decomposition/PCA.js'
import { ModelFormatError, NotFittedError, ParameterError } from '../errors.js'
import { Ridge } from '../linear/Ridge.js'
import { Pipeline } from '../model_selection/Pipeline.js'
import { decode, encode } from '../serialization/codec.js'
import '../index.js'
import { loadEstimator, registeredKinds } from '../serialization/registry.js'

describe('BaseEstimator contract', () => {
  test('constructor merges defaults and rejects unknown options', () => {
    expect(new Ridge({ alpha: 3 }).getParams()).toEqual({ alpha: 3, fitIntercept: true })
    expect(() => new Ridge({ alhpa: 3 } as never)).toThrow(ParameterError)
    expect(() => new Ridge({ alhpa: 3 } as never)).toThrow(
      /Ridge: unknown option 'alhpa'; expected one of alpha, fitIntercept/,
    )
  })

  test('setParams updates known options and returns this; getParams is a copy', () => {
    const r = new Ridge()
    expect(r.setParams({ alpha: 5 })).toBe(r)
    const p = r.getParams()
    p.alpha = 99
    expect(r.getParams().alpha).toBe(5)
    expect(() => r.setParams({ nope: 1 } as never)).toThrow(/unknown option 'nope'/)
  })

  test('NotFittedError names the estimator and the method', () => {
    expect(() => new Ridge().predict([[1]])).toThrow(NotFittedError)
    expect(() => new Ridge().predict([[1]])).toThrow(
      /Ridge\.predict: this Ridge instance is not fitted yet/,
    )
  })

  test('clone copies nested estimators instead of sharing them', () => {
    const pca = new PCA({ nComponents: 1 })
    const pipe = new Pipeline({
      steps: [
        ['pca', pca],
        ['ridge', new Ridge()],
      ],
    })
    const c = pipe.clone()
    expect(c.namedStep('pca')).not.toBe(pca)
    expect((c.namedStep('pca') as PCA).getParams()).toEqual(pca.getParams())
  })

  test('toJSON carries format, version and kind; fromJSON checks them', () => {
    const r = new Ridge().fit([[0], [1], [2]], [1, 3, 5])
    const json = r.toJSON()
    expect(json.format).toBe('mlstack.classical')
    expect(json.version).toBe(1)
    expect(json.kind).toBe('Ridge')
    expect(() => PCA.fromJSON(json)).toThrow(/kind is 'Ridge'; expected 'PCA'/)
    expect(() => Ridge.fromJSON({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => Ridge.fromJSON({ ...json, state: 5 })).toThrow(ModelFormatError)
    expect(Array.from(Ridge.fromJSON(JSON.stringify(json)).predict([[3]]))).toEqual(
      Array.from(r.predict([[3]])),
    )
  })

  test('every estimator of the package is registered', () => {
    const kinds = registeredKinds()
    for (const k of [
      'LinearRegression',
      'Ridge',
      'Lasso',
      'ElasticNet',
      'LogisticRegression',
      'KMeans',
      'PCA',
      'Pipeline',
    ]) {
      expect(kinds).toContain(k)
    }
    expect(() =>
      loadEstimator({
        format: 'mlstack.classical',
        version: 1,
        kind: 'Nope',
        params: {},
        state: null,
      }),
    ).toThrow(/unknown kind 'Nope'/)
  })
})

describe('codec', () => {
  test('round-trips typed arrays, matrices and non-finite numbers exactly through JSON text', () => {
    const value = {
      f: Float64Array.from([0.1, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e-300]),
      i: Int32Array.from([1, -2]),
      m: new Matrix([
        [1, 2],
        [3, Number.NEGATIVE_INFINITY],
      ]),
      n: Number.NaN,
      nested: [{ a: 1 }, 'x', true, null],
    }
    const back = decode(JSON.parse(JSON.stringify(encode(value)))) as typeof value
    expect(back.f).toBeInstanceOf(Float64Array)
    expect(Array.from(back.f)).toEqual(Array.from(value.f))
    expect(Array.from(back.i)).toEqual([1, -2])
    expect(back.m.to2DArray()).toEqual(value.m.to2DArray())
    expect(back.n).toBeNaN()
    expect(back.nested).toEqual(value.nested)
  })
})
