// Optimizer behaviour beyond parity: validation, lazy state, zeroGrad, parameter groups,
// closures, state dicts (resume gives the identical trajectory) and float32 parameters.
import { describe, expect, it } from 'vitest'
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  type ArrayParameter,
  createOptimizer,
  NAdam,
  OPTIMIZER_NAMES,
  OptimizerStateError,
  ParameterError,
  RMSprop,
  SGD,
} from '../src/index.js'
import {
  cases,
  initParams,
  lossAndGrad,
  type Names,
  ORDER,
  type Params,
  zeroParams,
} from './fixtureProblem.js'
import { type AnyOptimizer, type Case, CTORS, makeOptimizer, wrap } from './makeOptimizer.js'

function p64(values: number[], grad: number[] | null = null): ArrayParameter {
  return { data: Float64Array.from(values), grad: grad === null ? null : Float64Array.from(grad) }
}

/** Runs `steps` steps of case `c` from the current values, driving gradients by hand. */
function run(
  opt: AnyOptimizer,
  values: Params,
  params: Record<Names, ArrayParameter>,
  steps: number,
) {
  const grads = zeroParams()
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad()
    lossAndGrad(values, grads)
    for (const n of ORDER) params[n].grad = grads[n]
    opt.step()
  }
}

describe('hyperparameter validation', () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['SGD', { lr: -0.1 }, /SGD \(options\): invalid lr -0\.1 \(expected a finite number >= 0\)/],
    ['SGD', { lr: Number.NaN }, /invalid lr NaN/],
    ['SGD', { momentum: -1 }, /invalid momentum -1/],
    ['SGD', { nesterov: true }, /nesterov needs momentum > 0 and dampening 0/],
    ['SGD', { nesterov: true, momentum: 0.9, dampening: 0.1 }, /nesterov needs/],
    [
      'Adam',
      { betas: [1, 0.999] },
      /invalid betas\[0\] 1 \(expected a finite number >= 0 and < 1\)/,
    ],
    ['Adam', { betas: [0.9, -0.1] }, /invalid betas\[1\] -0\.1/],
    ['Adam', { eps: -1e-8 }, /invalid eps -1e-8/],
    ['AdamW', { weightDecay: -0.01 }, /AdamW \(options\): invalid weightDecay -0\.01/],
    ['Adamax', { lr: Number.POSITIVE_INFINITY }, /invalid lr Infinity/],
    ['NAdam', { momentumDecay: -1 }, /invalid momentumDecay -1/],
    ['RMSprop', { alpha: 1.5 }, /invalid alpha 1\.5/],
    ['Adagrad', { lrDecay: -1 }, /invalid lrDecay -1/],
    ['Adagrad', { initialAccumulatorValue: -1 }, /invalid initialAccumulatorValue -1/],
    ['Adadelta', { rho: 2 }, /invalid rho 2/],
  ]
  for (const [name, options, message] of bad) {
    it(`${name} rejects ${JSON.stringify(options)} with a RangeError`, () => {
      expect(() => new CTORS[name]([p64([1])], options)).toThrow(RangeError)
      expect(() => new CTORS[name]([p64([1])], options)).toThrow(message)
    })
  }

  it('rejects wrong types and unknown (e.g. snake_case) options with a TypeError', () => {
    expect(() => new Adam([p64([1])], { amsgrad: 1 as unknown as boolean })).toThrow(
      /Adam \(options\): amsgrad must be a boolean, got number/,
    )
    expect(() => new Adam([p64([1])], { lr: '0.1' as unknown as number })).toThrow(TypeError)
    expect(() => new Adam([p64([1])], { weight_decay: 0.1 } as never)).toThrow(
      /Adam: unknown option 'weight_decay' \(expected one of lr, betas, eps, weightDecay, amsgrad, maximize\)/,
    )
    expect(() => new Adam([p64([1])], { betas: 0.9 as never })).toThrow(/betas must be a pair/)
  })

  it('validates per-group options too, naming the group', () => {
    expect(
      () => new SGD([{ params: [p64([1])] }, { params: [p64([2])], lr: -1 }], { lr: 0.1 }),
    ).toThrow(/SGD \(param group 1\): invalid lr -1/)
  })
})

describe('parameters', () => {
  it('rejects empty, duplicated, mixed and non-parameter inputs with ParameterError', () => {
    const a = p64([1])
    expect(() => new SGD([])).toThrow(/SGD: got an empty parameter list; expected at least one/)
    expect(() => new SGD([a, a])).toThrow(ParameterError)
    expect(() => new SGD([{ params: [a] }, { params: [a] }])).toThrow(
      /appears in more than one place/,
    )
    expect(() => new SGD([a, { params: [p64([2])] }] as never)).toThrow(
      /mixes parameters and parameter groups/,
    )
    expect(() => new SGD([{ data: [1, 2], grad: null }] as never)).toThrow(
      /SGD: param group 0, parameter 0 has no Float32Array\/Float64Array data \(got Array\)/,
    )
    expect(() => new SGD([{ data: new Float64Array(1), grad: [1] }] as never)).toThrow(
      /has a grad of type Array/,
    )
    expect(() => new SGD(null as never)).toThrow(ParameterError)
    expect(() => new SGD([{ params: [] }])).toThrow(/param group 0 has no parameters/)
  })

  it('throws at step when a gradient does not match its parameter, naming both sizes', () => {
    const a = p64([1, 2], [0.1])
    const opt = new SGD([a], { lr: 0.1 })
    expect(() => opt.step()).toThrow(
      /SGD\.step: param group 0, parameter 0 has 2 values but its gradient has 1/,
    )
    expect(Array.from(a.data)).toEqual([1, 2])
  })
})

describe('step, state and zeroGrad', () => {
  it('creates state lazily and skips parameters without gradients', () => {
    const a = p64([1, 2], [0.5, -0.5])
    const b = p64([3], null)
    const opt = new Adam([a, b], { lr: 0.1 })
    expect(opt.state.size).toBe(0)
    opt.step()
    expect(opt.state.size).toBe(1)
    expect(opt.state.get(a)?.step).toBe(1)
    expect(opt.state.has(b)).toBe(false)
    expect(Array.from(b.data)).toEqual([3])
    // First Adam step moves each weight by about lr against the gradient's sign.
    expect(a.data[0]).toBeCloseTo(0.9, 6)
    expect(a.data[1]).toBeCloseTo(2.1, 6)
  })

  it('zeroGrad drops gradients by default and zero-fills them on request', () => {
    const g = Float64Array.from([1, 2])
    const a: ArrayParameter = { data: Float64Array.from([0, 0]), grad: g }
    const opt = new SGD([a], { lr: 1 })
    opt.zeroGrad(false)
    expect(a.grad).toBe(g)
    expect(Array.from(g)).toEqual([0, 0])
    opt.zeroGrad()
    expect(a.grad).toBeNull()
  })

  it('returns what the closure returns, after calling it before the update', () => {
    const a = p64([1])
    const opt = new SGD([a], { lr: 0.5 })
    const loss = opt.step(() => {
      a.grad = Float64Array.from([2 * a.data[0]])
      return a.data[0] ** 2
    })
    expect(loss).toBe(1)
    expect(a.data[0]).toBe(0)
    expect(opt.step()).toBeUndefined()
  })

  it('per-group options override defaults and addParamGroup inherits the rest', () => {
    const a = p64([1], [1])
    const b = p64([1], [1])
    const c = p64([1], [1])
    const opt = new SGD([{ params: [a] }, { params: b, lr: 0.5 }], { lr: 0.1 })
    opt.addParamGroup({ params: [c], momentum: 0.9 })
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([
      [0.1, 0],
      [0.5, 0],
      [0.1, 0.9],
    ])
    opt.step()
    expect([a.data[0], b.data[0], c.data[0]]).toEqual([0.9, 0.5, 0.9])
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(ParameterError)
    expect(opt.paramGroups).toHaveLength(3)
  })

  it('a changed group lr (what schedulers do) takes effect on the next step', () => {
    const a = p64([1], [1])
    const opt = new SGD([a], { lr: 0.1 })
    opt.paramGroups[0].lr = 0.25
    opt.step()
    expect(a.data[0]).toBe(0.75)
  })

  it('turning on amsgrad, momentum or centering mid-run creates the missing state', () => {
    for (const [Ctor, key] of [
      [Adam, 'amsgrad'],
      [RMSprop, 'centered'],
    ] as const) {
      const a = p64([1, 2], [0.1, 0.2])
      const opt = new Ctor([a])
      opt.step()
      ;(opt.paramGroups[0] as unknown as Record<string, unknown>)[key] = true
      opt.step()
      expect(Number.isFinite(a.data[0])).toBe(true)
    }
    const a = p64([1], [1])
    const sgd = new SGD([a], { lr: 0.1 })
    sgd.step()
    sgd.paramGroups[0].momentum = 0.9
    sgd.step()
    expect(sgd.state.get(a)?.momentumBuffer).toBeInstanceOf(Float64Array)
  })

  it('updates float32 parameters in place with float32 state, close to the float64 run', () => {
    const c = cases.find((x) => x.name === 'adam') as Case
    const v64 = initParams()
    const p64s = wrap(v64)
    run(makeOptimizer(c, p64s), v64, p64s, 50)
    const v32 = initParams()
    const f32: Record<Names, ArrayParameter> = {
      w1: { data: Float32Array.from(v32.w1), grad: null },
      b1: { data: Float32Array.from(v32.b1), grad: null },
      w2: { data: Float32Array.from(v32.w2), grad: null },
      b2: { data: Float32Array.from(v32.b2), grad: null },
    }
    const opt = makeOptimizer(c, f32)
    const grads = zeroParams()
    for (let s = 0; s < 50; s++) {
      for (const n of ORDER) v32[n].set(f32[n].data)
      lossAndGrad(v32, grads)
      for (const n of ORDER) f32[n].grad = Float32Array.from(grads[n])
      opt.step()
    }
    expect(opt.state.get(f32.w1)?.expAvg).toBeInstanceOf(Float32Array)
    for (const n of ORDER) {
      for (let i = 0; i < v64[n].length; i++)
        expect(Math.abs(f32[n].data[i] - v64[n][i])).toBeLessThan(1e-4)
    }
  })
})

describe('stateDict / loadStateDict', () => {
  for (const c of cases as Case[]) {
    it(`${c.name}: resuming from a state dict gives the identical trajectory`, () => {
      const values = initParams()
      const params = wrap(values)
      const opt = makeOptimizer(c, params)
      run(opt, values, params, 30)
      const saved = opt.stateDict()
      const savedValues = initParams()
      for (const n of ORDER) savedValues[n].set(values[n])
      run(opt, values, params, 70)

      const resumedParams = wrap(savedValues)
      const fresh = makeOptimizer(c, resumedParams)
      fresh.loadStateDict(saved)
      run(fresh, savedValues, resumedParams, 70)
      for (const n of ORDER) expect(Array.from(savedValues[n])).toEqual(Array.from(values[n]))
    })
  }

  it('is a deep copy in PyTorch layout (state by index, groups with indices)', () => {
    const a = p64([1, 2], [0.5, 0.5])
    const b = p64([3], [1])
    const opt = new Adam([{ params: [a] }, { params: [b], lr: 0.01 }])
    opt.step()
    const dict = opt.stateDict()
    expect(dict.optimizer).toBe('Adam')
    expect(dict.paramGroups.map((g) => g.params)).toEqual([[0], [1]])
    expect(dict.paramGroups[1].lr).toBe(0.01)
    expect(Object.keys(dict.state)).toEqual(['0', '1'])
    const m = dict.state[0].expAvg as Float64Array
    const before = Array.from(m)
    opt.step()
    expect(Array.from(m)).toEqual(before)
    ;(dict.paramGroups[0].betas as number[])[0] = 0.5
    expect(opt.paramGroups[0].betas[0]).toBe(0.9)
  })

  it('restores group options (including scheduler keys) and accepts plain arrays', () => {
    const a = p64([1], [1])
    const opt = new SGD([a], { lr: 0.1, momentum: 0.9 })
    opt.step()
    const dict = opt.stateDict()
    dict.paramGroups[0].lr = 0.01
    dict.paramGroups[0].initialLr = 0.1
    dict.state[0].momentumBuffer = Array.from(dict.state[0].momentumBuffer as Float64Array) as never
    const b = p64([1], [1])
    const other = new SGD([b], { lr: 0.5 })
    other.loadStateDict(dict)
    expect(other.paramGroups[0].lr).toBe(0.01)
    expect(other.paramGroups[0].momentum).toBe(0.9)
    expect(other.paramGroups[0].initialLr).toBe(0.1)
    expect(other.state.get(b)?.momentumBuffer).toBeInstanceOf(Float64Array)
  })

  it('rejects mismatched dicts with OptimizerStateError and leaves the optimizer unchanged', () => {
    const a = p64([1, 2], [1, 1])
    const adam = new Adam([a], { lr: 0.1 })
    adam.step()
    const good = adam.stateDict()
    const target = new Adam([p64([5, 6], [1, 1])], { lr: 0.3 })
    target.step()
    const before = target.stateDict()

    const sgd = new SGD([p64([1, 2])])
    expect(() => target.loadStateDict(sgd.stateDict())).toThrow(
      /Adam\.loadStateDict: the state dict was made by SGD, expected Adam/,
    )
    // A plain object that is not a state dict at all says what a state dict looks like.
    expect(() => target.loadStateDict({ foo: 1 } as never)).toThrow(
      /has no 'optimizer' name; expected one made by Adam\.stateDict\(\)/,
    )
    const twoGroups = new Adam([{ params: [p64([1])] }, { params: [p64([1])] }]).stateDict()
    expect(() => target.loadStateDict(twoGroups)).toThrow(
      /has 2 parameter groups, this optimizer has 1/,
    )
    const small = new Adam([p64([1], [1])])
    small.step()
    expect(() => target.loadStateDict(small.stateDict())).toThrow(
      /state 'expAvg' of parameter 0 has 1 values, the parameter has 2/,
    )
    const missing = structuredClone(good)
    delete missing.state[0].expAvgSq
    expect(() => target.loadStateDict(missing)).toThrow(/needs an array 'expAvgSq'/)
    const badLr = structuredClone(good)
    badLr.paramGroups[0].lr = -1
    expect(() => target.loadStateDict(badLr)).toThrow(OptimizerStateError)
    expect(() => target.loadStateDict(null as never)).toThrow(OptimizerStateError)
    expect(target.stateDict()).toEqual(before)
  })

  it('every optimizer round-trips its own state dict', () => {
    for (const Ctor of [SGD, RMSprop, Adagrad, Adadelta, Adam, AdamW, Adamax, NAdam]) {
      const a = p64([1, 2, 3], [0.1, -0.2, 0.3])
      const opt = new Ctor([a])
      opt.step()
      const dict = opt.stateDict()
      const b = p64([1, 2, 3], [0.1, -0.2, 0.3])
      const copy = new Ctor([b])
      copy.loadStateDict(dict)
      expect(copy.stateDict()).toEqual(dict)
    }
  })
})

describe('createOptimizer', () => {
  it('builds each optimizer by name, case-insensitively', () => {
    const byName = {
      sgd: SGD,
      RMSprop,
      adagrad: Adagrad,
      Adadelta,
      ADAM: Adam,
      AdamW,
      adamax: Adamax,
      NAdam,
    }
    for (const [name, Ctor] of Object.entries(byName)) {
      const opt = createOptimizer(name, [p64([1], [1])], { lr: 0.5 })
      expect(opt).toBeInstanceOf(Ctor)
      expect(opt.paramGroups[0].lr).toBe(0.5)
    }
    expect(OPTIMIZER_NAMES).toHaveLength(8)
  })

  it('rejects unknown names and bad options', () => {
    expect(() => createOptimizer('adamm', [p64([1])])).toThrow(
      /createOptimizer: unknown optimizer 'adamm' \(expected one of sgd, rmsprop, adagrad, adadelta, adam, adamw, adamax, nadam\)/,
    )
    expect(() => createOptimizer('toString', [p64([1])])).toThrow(RangeError)
    expect(() => createOptimizer('adam', [p64([1])], { lr: -1 })).toThrow(RangeError)
  })
})
