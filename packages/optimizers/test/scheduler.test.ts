// Scheduler behaviour beyond parity: validation, misuse errors, closed forms, LambdaLR family,
// and checkpoint/resume through stateDict.
import { describe, expect, it } from 'vitest'
import {
  Adagrad,
  Adam,
  type ArrayParameter,
  ChainedScheduler,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiplicativeLR,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  SchedulerError,
  SequentialLR,
  SGD,
  StepLR,
} from '../src/index.js'

function sgd(lrs: number[] = [0.1], momentum = 0): SGD {
  const groups = lrs.map((lr) => ({
    params: [{ data: new Float64Array(1), grad: null } as ArrayParameter],
    lr,
  }))
  return new SGD(groups, { lr: lrs[0], momentum })
}

function lrsOf(o: { paramGroups: { lr: number }[] }): number[] {
  return o.paramGroups.map((g) => g.lr)
}

describe('scheduler validation and misuse', () => {
  it('rejects bad options with RangeError naming the value', () => {
    const o = sgd()
    expect(() => new StepLR(o, { stepSize: 0 })).toThrow(
      /StepLR: invalid stepSize 0 \(expected an integer >= 1\)/,
    )
    expect(() => new StepLR(o, { stepSize: 2.5 })).toThrow(RangeError)
    expect(() => new ExponentialLR(o, { gamma: -1 })).toThrow(/invalid gamma -1/)
    expect(() => new MultiStepLR(o, { milestones: [3, -1] })).toThrow(/invalid milestones\[1\] -1/)
    expect(() => new CosineAnnealingLR(o, { tMax: 0 })).toThrow(/invalid tMax 0/)
    expect(() => new CosineAnnealingWarmRestarts(o, { t0: 0 })).toThrow(/invalid t0 0/)
    expect(() => new CosineAnnealingWarmRestarts(o, { t0: 5, tMult: 1.5 })).toThrow(
      /invalid tMult 1\.5/,
    )
    expect(() => new LinearLR(o, { startFactor: 0 })).toThrow(/invalid startFactor 0/)
    expect(() => new LinearLR(o, { endFactor: 2 })).toThrow(/invalid endFactor 2/)
    expect(() => new ReduceLROnPlateau(o, { factor: 1 })).toThrow(/invalid factor 1/)
    expect(() => new ReduceLROnPlateau(o, { mode: 'up' as never })).toThrow(/invalid mode 'up'/)
    expect(() => new ReduceLROnPlateau(o, { minLr: [0, 0] })).toThrow(/expected 1 minLr values/)
    expect(() => new OneCycleLR(o, { maxLr: 1 })).toThrow(
      /give totalSteps, or epochs and stepsPerEpoch/,
    )
    expect(() => new OneCycleLR(o, { maxLr: 1, totalSteps: 10, pctStart: 1.5 })).toThrow(
      /invalid pctStart 1\.5/,
    )
    expect(() => new OneCycleLR(o, { maxLr: [1, 2], totalSteps: 10 })).toThrow(
      /expected 1 values for maxLr/,
    )
    expect(() => new LambdaLR(o, { lrLambda: 3 as never })).toThrow(TypeError)
  })

  it('rejects things that are not optimizers, and foreign schedulers in chains', () => {
    expect(() => new StepLR({} as never, { stepSize: 1 })).toThrow(SchedulerError)
    const a = sgd()
    const b = sgd()
    expect(
      () =>
        new ChainedScheduler([
          new ExponentialLR(a, { gamma: 0.9 }),
          new ExponentialLR(b, { gamma: 0.9 }),
        ]),
    ).toThrow(/ChainedScheduler: scheduler 1 drives a different optimizer/)
    expect(
      () =>
        new SequentialLR(a, {
          schedulers: [new ExponentialLR(a, { gamma: 0.9 })],
          milestones: [3],
        }),
    ).toThrow(/expected 0 milestones for 1 schedulers, got 1/)
  })

  it('OneCycleLR throws past its total steps and without momentum to cycle', () => {
    const o = sgd([0.1], 0.9)
    const s = new OneCycleLR(o, { maxLr: 1, totalSteps: 3 })
    s.step()
    s.step()
    s.step()
    expect(() => s.step()).toThrow(/OneCycleLR\.step: tried to step 5 times; totalSteps is 3/)
    const ada = new Adagrad([{ data: new Float64Array(1), grad: null }])
    expect(() => new OneCycleLR(ada, { maxLr: 1, totalSteps: 3 })).toThrow(
      /cycleMomentum needs an optimizer/,
    )
    expect(
      () => new OneCycleLR(ada, { maxLr: 1, totalSteps: 3, cycleMomentum: false }),
    ).not.toThrow()
  })

  it('resuming with lastEpoch needs initialLr in the groups', () => {
    expect(() => new StepLR(sgd(), { stepSize: 2, lastEpoch: 4 })).toThrow(
      /param group 0 has no initialLr/,
    )
  })
})

describe('scheduler values', () => {
  it('sets initialLr once, and per group', () => {
    const o = sgd([0.1, 0.02])
    new StepLR(o, { stepSize: 1, gamma: 0.5 })
    expect(o.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.02])
  })

  it('step(epoch) jumps using the closed form', () => {
    const o = sgd()
    const s = new StepLR(o, { stepSize: 3, gamma: 0.5 })
    s.step(7)
    expect(lrsOf(o)[0]).toBeCloseTo(0.1 * 0.25, 15)
    const c = new CosineAnnealingLR(sgd(), { tMax: 10 })
    c.step(5)
    expect(c.getLastLr()[0]).toBeCloseTo(0.05, 15)
    const w = new CosineAnnealingWarmRestarts(sgd(), { t0: 2, tMult: 2 })
    w.step(3.5) // second cycle (length 4), 1.5 epochs in
    expect(w.getLastLr()[0]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 1.5) / 4)), 15)
  })

  it('LambdaLR and MultiplicativeLR follow the user function', () => {
    const o = sgd([0.1, 0.2])
    const s = new LambdaLR(o, { lrLambda: [(e) => 1 / (e + 1), (e) => 0.5 ** e] })
    s.step()
    s.step()
    expect(lrsOf(o)[0]).toBeCloseTo(0.1 / 3, 15)
    expect(lrsOf(o)[1]).toBeCloseTo(0.05, 15)
    const m = sgd()
    const ms = new MultiplicativeLR(m, { lrLambda: () => 0.9 })
    ms.step()
    ms.step()
    expect(lrsOf(m)[0]).toBeCloseTo(0.081, 15)
  })

  it('PolynomialLR decays to zero at totalIters', () => {
    const o = sgd()
    const s = new PolynomialLR(o, { totalIters: 4, power: 2 })
    const seen = [lrsOf(o)[0]]
    for (let i = 0; i < 5; i++) {
      s.step()
      seen.push(lrsOf(o)[0])
    }
    const expected = [0.1, 0.1 * 0.75 ** 2, 0.1 * 0.5 ** 2, 0.1 * 0.25 ** 2, 0, 0]
    for (let i = 0; i < seen.length; i++) expect(seen[i]).toBeCloseTo(expected[i], 15)
  })

  it('OneCycleLR on Adam cycles beta1 and keeps beta2', () => {
    const o = new Adam([{ data: new Float64Array(1), grad: null }], { betas: [0.9, 0.98] })
    const s = new OneCycleLR(o, { maxLr: 0.01, totalSteps: 10 })
    expect(o.paramGroups[0].betas).toEqual([0.95, 0.98])
    s.step()
    s.step() // the end of the warm-up phase (0.3 * 10 - 1): lowest momentum
    expect(o.paramGroups[0].betas[0]).toBeCloseTo(0.85, 12)
    expect(o.paramGroups[0].betas[1]).toBe(0.98)
  })

  it('ReduceLROnPlateau treats NaN as no improvement and respects minLr', () => {
    const o = sgd()
    const s = new ReduceLROnPlateau(o, { patience: 0, factor: 0.5, minLr: 0.03 })
    s.step(1)
    s.step(Number.NaN)
    expect(lrsOf(o)[0]).toBe(0.05)
    s.step(Number.NaN)
    expect(lrsOf(o)[0]).toBe(0.03)
    s.step(Number.NaN)
    expect(lrsOf(o)[0]).toBe(0.03)
    expect(() => s.step('1' as never)).toThrow(TypeError)
  })
})

describe('scheduler state dicts', () => {
  type Make = (o: SGD) => { step(): void; stateDict(): object; loadStateDict(d: never): void }
  const makers: [string, Make][] = [
    ['StepLR', (o) => new StepLR(o, { stepSize: 3, gamma: 0.5 })],
    ['MultiStepLR', (o) => new MultiStepLR(o, { milestones: [2, 5, 5], gamma: 0.5 })],
    ['CosineAnnealingLR', (o) => new CosineAnnealingLR(o, { tMax: 6, etaMin: 0.01 })],
    ['CosineAnnealingWarmRestarts', (o) => new CosineAnnealingWarmRestarts(o, { t0: 3, tMult: 2 })],
    ['OneCycleLR', (o) => new OneCycleLR(o, { maxLr: 1, totalSteps: 30 })],
    [
      'SequentialLR',
      (o) =>
        new SequentialLR(o, {
          schedulers: [
            new LinearLR(o, { startFactor: 0.1, totalIters: 4 }),
            new ExponentialLR(o, { gamma: 0.8 }),
          ],
          milestones: [4],
        }),
    ],
    [
      'ChainedScheduler',
      (o) =>
        new ChainedScheduler([
          new ExponentialLR(o, { gamma: 0.9 }),
          new StepLR(o, { stepSize: 4 }),
        ]),
    ],
  ]
  for (const [name, make] of makers) {
    it(`${name}: optimizer + scheduler state dicts resume the same lr sequence`, () => {
      const o = sgd([0.1], 0.9)
      const s = make(o)
      for (let i = 0; i < 7; i++) s.step()
      const optDict = o.stateDict()
      const schedDict = structuredClone(s.stateDict())
      const rest: number[][] = []
      for (let i = 0; i < 10; i++) {
        s.step()
        rest.push(lrsOf(o))
      }
      const o2 = sgd([0.5], 0.1)
      const s2 = make(o2)
      o2.loadStateDict(optDict)
      s2.loadStateDict(schedDict as never)
      const resumed: number[][] = []
      for (let i = 0; i < 10; i++) {
        s2.step()
        resumed.push(lrsOf(o2))
      }
      expect(resumed).toEqual(rest)
    })
  }

  it('schedulers that wrap others reject state dicts of the wrong shape', () => {
    const o = sgd()
    const chained = new ChainedScheduler([
      new ExponentialLR(o, { gamma: 0.9 }),
      new StepLR(o, { stepSize: 4 }),
    ])
    const dict = chained.stateDict() as { schedulers: unknown[] }
    expect(() => chained.loadStateDict({ ...dict, schedulers: dict.schedulers.slice(1) })).toThrow(
      /ChainedScheduler\.loadStateDict: expected 2 scheduler states, got 1/,
    )
    expect(() => chained.loadStateDict(null as never)).toThrow(SchedulerError)
    const sequential = new SequentialLR(o, {
      schedulers: [new ExponentialLR(o, { gamma: 0.9 })],
      milestones: [],
    })
    expect(() => sequential.loadStateDict({})).toThrow(
      /SequentialLR\.loadStateDict: expected 1 scheduler states, got none/,
    )
  })

  it('ReduceLROnPlateau resumes its counters and best value', () => {
    const metrics = [1, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 1, 1.1]
    const o = sgd()
    const s = new ReduceLROnPlateau(o, { patience: 2 })
    for (const m of metrics.slice(0, 4)) s.step(m)
    const dict = structuredClone(s.stateDict())
    const o2 = sgd()
    o2.loadStateDict(o.stateDict())
    const s2 = new ReduceLROnPlateau(o2)
    s2.loadStateDict(dict)
    for (const m of metrics.slice(4)) {
      s.step(m)
      s2.step(m)
      expect(lrsOf(o2)).toEqual(lrsOf(o))
    }
    expect(lrsOf(o)[0]).toBeCloseTo(0.001, 15)
  })

  it('LambdaLR state dicts hold no functions and resume with the new lambdas', () => {
    const o = sgd()
    const s = new LambdaLR(o, { lrLambda: (e) => 0.5 ** e })
    s.step()
    s.step()
    const dict = structuredClone(s.stateDict())
    expect(Object.values(dict).some((v) => typeof v === 'function')).toBe(false)
    const o2 = sgd()
    const s2 = new LambdaLR(o2, { lrLambda: (e) => 0.5 ** e })
    s2.loadStateDict(dict)
    s.step()
    s2.step()
    expect(lrsOf(o2)).toEqual(lrsOf(o))
    expect(lrsOf(o)[0]).toBeCloseTo(0.0125, 15)
  })

  it('rejects state dicts with unknown keys or wrong kinds', () => {
    const s = new StepLR(sgd(), { stepSize: 2 })
    expect(() => s.loadStateDict({ bogus: 1 })).toThrow(
      /StepLR\.loadStateDict: unknown key 'bogus'/,
    )
    expect(() => s.loadStateDict({ gamma: 'x' })).toThrow(
      /'gamma' is string in the state dict, expected number/,
    )
    expect(() => s.loadStateDict(null as never)).toThrow(SchedulerError)
  })
})
