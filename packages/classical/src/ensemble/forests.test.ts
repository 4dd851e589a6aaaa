import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { loadSplit, sklearnResult } from '../../test/datasets.js'
import { ParameterError } from '../errors.js'
import { loadEstimator } from '../serialization/registry.js'
import { checkEstimator } from '../testing/index.js'
import { exportText } from '../tree/exportText.js'
import { ExtraTreesClassifier } from './ExtraTreesClassifier.js'
import { ExtraTreesRegressor } from './ExtraTreesRegressor.js'
import {
  closeTreeWorkers,
  setTreeWorkerSourceForTests,
  treeWorkerStats,
  warmTreeWorkers,
} from './internal/treeWorkers.js'
import { RandomForestClassifier } from './RandomForestClassifier.js'
import { RandomForestRegressor } from './RandomForestRegressor.js'

interface ForestRow {
  dataset: 'iris' | 'breast_cancer' | 'digits' | 'diabetes'
  model: string
  params: Record<string, unknown>
  score_test_mean5: number
  feature_importances_mean5: number[]
  oob_score_mean5?: number
}
const forests = (
  JSON.parse(
    readFileSync(new URL('../tree/fixtures/sklearn_trees.json', import.meta.url), 'utf8'),
  ) as { forests: ForestRow[] }
).forests

const CLASSES = {
  RandomForestClassifier,
  ExtraTreesClassifier,
  RandomForestRegressor,
  ExtraTreesRegressor,
}

function make(row: ForestRow, seed: number) {
  const p = row.params
  const Cls = CLASSES[row.model as keyof typeof CLASSES]
  return new Cls({
    randomState: seed,
    oobScore: (p.oob_score as boolean | undefined) ?? false,
    maxDepth: (p.max_depth as number | undefined) ?? null,
    minSamplesLeaf: (p.min_samples_leaf as number | undefined) ?? 1,
    ...(p.criterion ? { criterion: p.criterion as never } : {}),
    ...(p.max_features ? { maxFeatures: p.max_features as 'sqrt' } : {}),
  })
}

describe('forests: parity with scikit-learn 1.2.1', () => {
  for (const dataset of ['iris', 'breast_cancer', 'digits'] as const) {
    for (const prep of ['raw', 'std'] as const) {
      test(`RandomForest 100 on ${dataset}/${prep}: accuracy within 2 points`, () => {
        const ref = sklearnResult(dataset, 'RandomForest 100 n_jobs=1', prep).acc as number
        const d = loadSplit(dataset, prep)
        const rf = new RandomForestClassifier({ randomState: 0 }).fit(d.Xtrain, d.ytrain)
        expect(Math.abs(rf.score(d.Xtest, d.ytest) - ref)).toBeLessThanOrEqual(0.02)
      })
    }
  }

  for (const row of forests) {
    test(`${row.model} ${row.dataset} ${JSON.stringify(row.params)}: mean of 3 seeds vs scikit-learn's mean of 5`, () => {
      const d = loadSplit(row.dataset)
      const fits = [0, 1, 2].map((s) => make(row, s).fit(d.Xtrain, d.ytrain))
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
      const classifier = row.model.endsWith('Classifier')
      const score = mean(fits.map((f) => f.score(d.Xtest, d.ytest)))
      expect(Math.abs(score - row.score_test_mean5)).toBeLessThanOrEqual(classifier ? 0.02 : 0.03)
      if (row.oob_score_mean5 !== undefined) {
        const oob = mean(fits.map((f) => f.oobScore as number))
        expect(Math.abs(oob - row.oob_score_mean5)).toBeLessThanOrEqual(classifier ? 0.02 : 0.03)
      }
      // Importances: the same features matter (small total variation distance).
      const imp = row.feature_importances_mean5.map((_, f) =>
        mean(fits.map((fit) => fit.featureImportances[f] as number)),
      )
      const tv =
        0.5 * imp.reduce((s, v, f) => s + Math.abs(v - row.feature_importances_mean5[f]!), 0)
      expect(tv).toBeLessThan(0.1)
      expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    })
  }
})

describe('forests: worker threads', () => {
  const d = loadSplit('digits')
  beforeAll(async () => {
    expect(await warmTreeWorkers(1)).toBe(1)
  })

  test('nJobs 2 grows trees on a worker and gives exactly the nJobs 1 forest', () => {
    const before = treeWorkerStats.treesFromWorkers
    const opts = { nEstimators: 150, randomState: 7, oobScore: true }
    const par = new RandomForestClassifier({ ...opts, nJobs: 2 }).fit(d.Xtrain, d.ytrain)
    expect(treeWorkerStats.treesFromWorkers).toBeGreaterThan(before)
    const seq = new RandomForestClassifier({ ...opts, nJobs: 1 }).fit(d.Xtrain, d.ytrain)
    expect(JSON.stringify(par.toJSON().state)).toBe(JSON.stringify(seq.toJSON().state))
    expect(par.oobScore).toBe(seq.oobScore)
    expect(treeWorkerStats.workerErrors).toBe(0)
  })

  test('workers that fail cost speed, never results', async () => {
    const opts = { nEstimators: 12, randomState: 5 }
    const ref = new RandomForestClassifier({ ...opts, nJobs: 1 }).fit(d.Xtrain, d.ytrain)
    const refJson = JSON.stringify(ref.toJSON().state)
    try {
      // A worker that claims trees and reports each as failed: the caller regrows them.
      await closeTreeWorkers()
      setTreeWorkerSourceForTests(`
        const { parentPort, workerData } = require('node:worker_threads')
        parentPort.on('message', (job) => {
          for (;;) {
            const t = Atomics.add(job.ctrl, 0, 1)
            if (t >= job.seeds.length) break
            workerData.port.postMessage({ job: job.id, t, error: 'injected failure' })
            Atomics.add(job.ctrl, 1, 1)
            Atomics.notify(job.ctrl, 1)
          }
        })`)
      await warmTreeWorkers(1)
      const errorsBefore = treeWorkerStats.workerErrors
      const a = new RandomForestClassifier({ ...opts, nJobs: 2 }).fit(d.Xtrain, d.ytrain)
      expect(JSON.stringify(a.toJSON().state)).toBe(refJson)
      expect(treeWorkerStats.workerErrors).toBeGreaterThan(errorsBefore)
      // A worker whose code does not even start: the caller grows every tree.
      await closeTreeWorkers()
      setTreeWorkerSourceForTests('throw new Error("cannot start")')
      const b = new RandomForestClassifier({ ...opts, nJobs: 2 }).fit(d.Xtrain, d.ytrain)
      expect(JSON.stringify(b.toJSON().state)).toBe(refJson)
    } finally {
      await closeTreeWorkers()
      setTreeWorkerSourceForTests(null)
      treeWorkerStats.workerErrors = 0
    }
  })

  test('regressors and extra trees are nJobs-independent too', () => {
    const r = loadSplit('diabetes')
    const a = new ExtraTreesRegressor({ nEstimators: 30, randomState: 1, nJobs: -1 })
    const b = new ExtraTreesRegressor({ nEstimators: 30, randomState: 1, nJobs: 1 })
    expect(Array.from(a.fit(r.Xtrain, r.ytrain).predict(r.Xtest))).toEqual(
      Array.from(b.fit(r.Xtrain, r.ytrain).predict(r.Xtest)),
    )
  })
})

describe('forests: options and errors', () => {
  const d = loadSplit('iris')
  test('oobScore needs bootstrap; nJobs 0 and bad nEstimators are rejected', () => {
    expect(() => new ExtraTreesClassifier({ oobScore: true }).fit(d.Xtrain, d.ytrain)).toThrow(
      /oobScore = true needs bootstrap = true/,
    )
    expect(() => new RandomForestClassifier({ nJobs: 0 }).fit(d.Xtrain, d.ytrain)).toThrow(
      ParameterError,
    )
    expect(() => new RandomForestClassifier({ nEstimators: 0 }).fit(d.Xtrain, d.ytrain)).toThrow(
      /nEstimators/,
    )
    expect(() => new RandomForestClassifier({ maxSamples: 2.5 }).fit(d.Xtrain, d.ytrain)).toThrow(
      /maxSamples/,
    )
  })

  test('oob results are null unless requested; maxSamples shrinks each bootstrap', () => {
    const rf = new RandomForestClassifier({ nEstimators: 5, randomState: 0 }).fit(
      d.Xtrain,
      d.ytrain,
    )
    expect(rf.oobScore).toBeNull()
    expect(rf.oobDecisionFunction).toBeNull()
    const small = new RandomForestClassifier({ nEstimators: 5, maxSamples: 20, randomState: 0 })
    small.fit(d.Xtrain, d.ytrain)
    for (const t of small.trees) expect(t.weightedNNodeSamples[0]).toBe(20)
    for (const t of rf.trees) expect(t.weightedNNodeSamples[0]).toBe(d.Xtrain.length)
  })

  test('sample and class weights reach every tree (nJobs-independent)', () => {
    const b = loadSplit('breast_cancer')
    const w = b.ytrain.map((_, i) => 1 + (i % 3))
    const opts = {
      nEstimators: 20,
      randomState: 2,
      classWeight: 'balanced' as const,
      oobScore: true,
    }
    const a = new RandomForestClassifier({ ...opts, nJobs: 1 }).fit(b.Xtrain, b.ytrain, w)
    const c = new RandomForestClassifier({ ...opts, nJobs: 2 }).fit(b.Xtrain, b.ytrain, w)
    expect(JSON.stringify(c.toJSON().state)).toBe(JSON.stringify(a.toJSON().state))
    // Balanced weights: each class carries half the (bootstrap-weighted) root weight on average.
    const k = 2
    let share0 = 0
    for (const t of a.trees) share0 += t.value[0]! / (t.value[0]! + t.value[1]!)
    expect(share0 / a.trees.length).toBeGreaterThan(0.42)
    expect(share0 / a.trees.length).toBeLessThan(0.58)
    expect(a.trees[0]!.value.length % k).toBe(0)
    expect(a.score(b.Xtest, b.ytest)).toBeGreaterThan(0.93)
    const r = loadSplit('diabetes')
    const rw = new RandomForestRegressor({ nEstimators: 10, randomState: 0 })
    expect(() => rw.fit(r.Xtrain, r.ytrain, [1, 2])).toThrow(/sampleWeight has 2 values/)
  })

  test('oob decision rows are class fractions', () => {
    const rf = new RandomForestClassifier({ nEstimators: 30, randomState: 0, oobScore: true })
    rf.fit(d.Xtrain, d.ytrain)
    const P = rf.oobDecisionFunction!
    expect(P.rows).toBe(d.Xtrain.length)
    for (let i = 0; i < P.rows; i++)
      expect(P.getRow(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(rf.oobScore!).toBeGreaterThan(0.85)
  })

  test('estimators are decision trees whose average is the forest', () => {
    const rf = new RandomForestClassifier({ nEstimators: 7, randomState: 4 }).fit(
      d.Xtrain,
      d.ytrain,
    )
    const trees = rf.estimators
    expect(trees.length).toBe(7)
    const P = rf.predictProba(d.Xtest).to2DArray()
    const avg = trees
      .map((t) => t.predictProba(d.Xtest).to2DArray())
      .reduce(
        (acc, m) => acc.map((row, i) => row.map((v, j) => v + m[i]![j]! / 7)),
        P.map((r) => r.map(() => 0)),
      )
    for (let i = 0; i < P.length; i++) {
      for (let j = 0; j < P[i]!.length; j++) expect(avg[i]![j]).toBeCloseTo(P[i]![j]!, 12)
    }
    expect(exportText(trees[0]!)).toContain('class:')
    const r = loadSplit('diabetes')
    const rr = new ExtraTreesRegressor({ nEstimators: 3, randomState: 0 }).fit(r.Xtrain, r.ytrain)
    const mean = rr.estimators
      .map((t) => t.predict(r.Xtest))
      .reduce((a, b) => a.map((v, i) => v + b[i]! / 3), new Float64Array(r.Xtest.length))
    const pred = rr.predict(r.Xtest)
    for (let i = 0; i < pred.length; i++) expect(pred[i]).toBeCloseTo(mean[i]!, 9)
  })

  test('a saved forest reloads through loadEstimator with identical probabilities', () => {
    const rf = new RandomForestClassifier({ nEstimators: 10, randomState: 3 }).fit(
      d.Xtrain,
      d.ytrain,
    )
    const back = loadEstimator(JSON.stringify(rf.toJSON())) as RandomForestClassifier
    expect(back.predictProba(d.Xtest).to2DArray()).toEqual(rf.predictProba(d.Xtest).to2DArray())
    const bad = rf.toJSON() as { state: { trees: unknown[] } }
    bad.state.trees = []
    expect(() => loadEstimator(bad as never)).toThrow(/trees must be a non-empty array/)
  })
})

for (const [name, Cls, task] of [
  ['RandomForestClassifier', RandomForestClassifier, 'classification'],
  ['ExtraTreesClassifier', ExtraTreesClassifier, 'classification'],
  ['RandomForestRegressor', RandomForestRegressor, 'regression'],
  ['ExtraTreesRegressor', ExtraTreesRegressor, 'regression'],
] as const) {
  checkEstimator(
    name,
    () => new Cls({ nEstimators: 10, randomState: 0 }),
    { task },
    { describe, test, expect },
  )
}
