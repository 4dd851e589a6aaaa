// Every scheduler against PyTorch's learning-rate (and momentum) sequences in
// fixtures/schedulers.json.
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/schedulers.json' with { type: 'json' }
import {
  Adam,
  type ArrayParameter,
  ChainedScheduler,
  ConstantLR,
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
  SequentialLR,
  SGD,
  StepLR,
} from '../src/index.js'

type Opt = SGD | Adam
type Stepper = { step(metric?: number): void; getLastLr(): number[] }

const MAKE: Record<string, (o: Opt) => Stepper> = {
  step: (o) => new StepLR(o, { stepSize: 7, gamma: 0.5 }),
  multistep: (o) => new MultiStepLR(o, { milestones: [5, 12, 12, 20], gamma: 0.3 }),
  exponential: (o) => new ExponentialLR(o, { gamma: 0.9 }),
  cosine: (o) => new CosineAnnealingLR(o, { tMax: 10, etaMin: 0.001 }),
  cosine_no_min: (o) => new CosineAnnealingLR(o, { tMax: 25 }),
  cosine_warm_restarts: (o) =>
    new CosineAnnealingWarmRestarts(o, { t0: 5, tMult: 2, etaMin: 0.001 }),
  cosine_warm_restarts_tmult1: (o) => new CosineAnnealingWarmRestarts(o, { t0: 7 }),
  linear_warmup: (o) => new LinearLR(o, { startFactor: 0.1, endFactor: 1.0, totalIters: 8 }),
  linear_decay: (o) => new LinearLR(o, { startFactor: 1.0, endFactor: 0.25, totalIters: 10 }),
  onecycle_cos: (o) => new OneCycleLR(o, { maxLr: 1.0, totalSteps: 50 }),
  onecycle_linear_three_phase: (o) =>
    new OneCycleLR(o, {
      maxLr: [0.5, 0.2],
      totalSteps: 40,
      pctStart: 0.25,
      annealStrategy: 'linear',
      threePhase: true,
      divFactor: 10,
      finalDivFactor: 100,
    }),
  onecycle_no_momentum: (o) =>
    new OneCycleLR(o, {
      maxLr: 0.3,
      epochs: 4,
      stepsPerEpoch: 5,
      pctStart: 0.4,
      cycleMomentum: false,
    }),
  plateau_min: (o) =>
    new ReduceLROnPlateau(o, {
      factor: 0.5,
      patience: 2,
      threshold: 1e-4,
      cooldown: 1,
      minLr: 0.004,
    }),
  plateau_max_abs: (o) =>
    new ReduceLROnPlateau(o, {
      mode: 'max',
      factor: 0.1,
      patience: 1,
      threshold: 0.05,
      thresholdMode: 'abs',
    }),
  constant: (o) => new ConstantLR(o, { factor: 0.25, totalIters: 4 }),
  polynomial: (o) => new PolynomialLR(o, { totalIters: 12, power: 2 }),
  lambda: (o) => new LambdaLR(o, { lrLambda: [(e) => 0.95 ** e, (e) => 1 / (1 + e)] }),
  multiplicative: (o) => new MultiplicativeLR(o, { lrLambda: () => 0.9 }),
  chained: (o) =>
    new ChainedScheduler([
      new ExponentialLR(o, { gamma: 0.95 }),
      new StepLR(o, { stepSize: 4, gamma: 0.5 }),
    ]),
  sequential_warmup_cosine: (o) =>
    new SequentialLR(o, {
      schedulers: [
        new LinearLR(o, { startFactor: 0.2, totalIters: 5 }),
        new CosineAnnealingLR(o, { tMax: 15 }),
      ],
      milestones: [5],
    }),
  sequential_three: (o) =>
    new SequentialLR(o, {
      schedulers: [
        new ConstantLR(o, { factor: 0.5, totalIters: 3 }),
        new ExponentialLR(o, { gamma: 0.9 }),
        new StepLR(o, { stepSize: 3, gamma: 0.5 }),
      ],
      milestones: [4, 10],
    }),
}

function makeOptimizer(c: (typeof fixture.cases)[number]): Opt {
  const groups = c.base_lrs.map((lr) => ({
    params: [{ data: new Float64Array(1), grad: null } as ArrayParameter],
    lr,
  }))
  const opts = c.optimizer_options as { momentum?: number }
  return c.optimizer === 'Adam'
    ? new Adam(groups, { lr: c.base_lrs[0] })
    : new SGD(groups, { lr: c.base_lrs[0], ...opts })
}

function momentumOf(o: Opt): number[] {
  return o.paramGroups.map((g) =>
    'betas' in g ? g.betas[0] : (g as SGD['paramGroups'][number]).momentum,
  )
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b))
}

describe('scheduler parity with PyTorch (fixtures/schedulers.json)', () => {
  it('covers every fixture case', () => {
    expect(Object.keys(MAKE).sort()).toEqual(fixture.cases.map((c) => c.name).sort())
  })

  for (const c of fixture.cases) {
    it(`${c.name}: ${c.steps} steps`, () => {
      const opt = makeOptimizer(c)
      const sched = MAKE[c.name](opt)
      const lrs = [opt.paramGroups.map((g) => g.lr)]
      const moms = [momentumOf(opt)]
      const metrics = (c as { metrics?: number[] }).metrics
      for (let i = 0; i < c.steps; i++) {
        opt.step()
        if (metrics) sched.step(metrics[i])
        else sched.step()
        lrs.push(opt.paramGroups.map((g) => g.lr))
        moms.push(momentumOf(opt))
        expect(sched.getLastLr()).toEqual(lrs[lrs.length - 1])
      }
      expect(lrs.length).toBe(c.lrs.length)
      lrs.forEach((row, i) => {
        row.forEach((lr, j) => {
          expect(
            close(lr, c.lrs[i][j]),
            `${c.name} step ${i} group ${j}: ${lr} vs ${c.lrs[i][j]}`,
          ).toBe(true)
        })
      })
      const expectedMoms = (c as { momentums?: number[][] }).momentums
      if (expectedMoms) {
        moms.forEach((row, i) => {
          row.forEach((m, j) => {
            expect(close(m, expectedMoms[i][j]), `${c.name} momentum step ${i} group ${j}`).toBe(
              true,
            )
          })
        })
      }
    })
  }
})
