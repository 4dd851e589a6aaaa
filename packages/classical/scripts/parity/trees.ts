/**
 * Parity rows of the trees and forests against scikit-learn 1.2.1: the published results
 * (DecisionTree gini, RandomForest 100 on the shared splits) plus the tree fixtures of
 * src/tree/fixtures (exact tree structures where scikit-learn's tree does not depend on its
 * random feature order; seed-averaged scores for forests and extra trees).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ExtraTreesClassifier } from '../../src/ensemble/ExtraTreesClassifier.js'
import { ExtraTreesRegressor } from '../../src/ensemble/ExtraTreesRegressor.js'
import { RandomForestClassifier } from '../../src/ensemble/RandomForestClassifier.js'
import { RandomForestRegressor } from '../../src/ensemble/RandomForestRegressor.js'
import { DecisionTreeClassifier } from '../../src/tree/DecisionTreeClassifier.js'
import { DecisionTreeRegressor } from '../../src/tree/DecisionTreeRegressor.js'
import { type DatasetName, loadSplit, sklearnResult } from '../../test/datasets.js'
import type { ParityCase } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const fx = JSON.parse(
  readFileSync(join(here, '../../src/tree/fixtures/sklearn_trees.json'), 'utf8'),
) as {
  cases: {
    dataset: DatasetName
    task: 'clf' | 'reg'
    params: Record<string, number | string | boolean | Record<string, number>>
    ties: 'exact' | 'partition' | 'none'
    score_test: number
    score_test_mean8: number
    tree?: { node_count: number; feature: number[]; threshold: number[] }
  }[]
  forests: {
    dataset: DatasetName
    model: string
    params: Record<string, unknown>
    score_test_mean5: number
    oob_score_mean5?: number
  }[]
}

const family = 'trees'
const cases: ParityCase[] = []
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length
const describe = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) =>
      k === 'sample_weight'
        ? 'sample_weight=1+i%3'
        : `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`,
    )
    .join(', ')

for (const dataset of ['iris', 'breast_cancer', 'digits'] as const) {
  for (const prep of ['raw', 'std'] as const) {
    cases.push({
      family,
      estimator: 'DecisionTreeClassifier (gini), mean of seeds 0-4',
      dataset,
      prep,
      metric: 'test accuracy',
      sklearn: sklearnResult(dataset, 'DecisionTree gini', prep).acc as number,
      tolerance: 0.02,
      run: () => {
        const s = loadSplit(dataset, prep)
        const accs = [0, 1, 2, 3, 4].map((seed) =>
          new DecisionTreeClassifier({ randomState: seed })
            .fit(s.Xtrain, s.ytrain)
            .score(s.Xtest, s.ytest),
        )
        return { value: mean(accs), note: `seeds: ${accs.map((a) => a.toFixed(4)).join(' ')}` }
      },
    })
    cases.push({
      family,
      estimator: 'RandomForestClassifier (100 trees, seed 0)',
      dataset,
      prep,
      metric: 'test accuracy',
      sklearn: sklearnResult(dataset, 'RandomForest 100 n_jobs=1', prep).acc as number,
      tolerance: 0.02,
      run: () => {
        const s = loadSplit(dataset, prep)
        const rf = new RandomForestClassifier({ randomState: 0, nJobs: -1 })
        return { value: rf.fit(s.Xtrain, s.ytrain).score(s.Xtest, s.ytest) }
      },
    })
  }
}

for (const c of fx.cases) {
  if (c.ties !== 'exact') continue
  const p = c.params
  cases.push({
    family,
    estimator: `${c.task === 'clf' ? 'DecisionTreeClassifier' : 'DecisionTreeRegressor'} (${describe(p)}): same tree`,
    dataset: c.dataset,
    prep: 'raw',
    metric: c.task === 'clf' ? 'test accuracy' : 'test R²',
    sklearn: c.score_test,
    tolerance: 1e-12,
    run: () => {
      const s = loadSplit(c.dataset)
      const opts = {
        maxDepth: (p.max_depth as number | undefined) ?? null,
        minSamplesLeaf: (p.min_samples_leaf as number | undefined) ?? 1,
        maxLeafNodes: (p.max_leaf_nodes as number | undefined) ?? null,
        ccpAlpha: (p.ccp_alpha as number | undefined) ?? 0,
        minImpurityDecrease: (p.min_impurity_decrease as number | undefined) ?? 0,
        randomState: 0,
      }
      const sw = p.sample_weight ? s.ytrain.map((_, i) => 1 + (i % 3)) : undefined
      const m =
        c.task === 'clf'
          ? new DecisionTreeClassifier({
              ...opts,
              criterion: (p.criterion as 'gini' | undefined) ?? 'gini',
              classWeight: (p.class_weight as 'balanced' | undefined) ?? null,
            }).fit(s.Xtrain, s.ytrain, sw)
          : new DecisionTreeRegressor({
              ...opts,
              criterion: (p.criterion as 'friedman_mse' | undefined) ?? 'squared_error',
            }).fit(s.Xtrain, s.ytrain, sw)
      const ref = c.tree as { node_count: number; feature: number[]; threshold: number[] }
      const same =
        m.tree.nodeCount === ref.node_count &&
        ref.feature.every((f, i) => m.tree.feature[i] === f) &&
        ref.threshold.every((t, i) => m.tree.threshold[i] === t)
      return {
        value: m.score(s.Xtest, s.ytest),
        note: `${ref.node_count} nodes; features and thresholds ${same ? 'identical' : 'DIFFER'}`,
      }
    },
  })
}

const FOREST_CLASSES = {
  RandomForestClassifier,
  ExtraTreesClassifier,
  RandomForestRegressor,
  ExtraTreesRegressor,
}

for (const f of fx.forests) {
  const classifier = f.model.endsWith('Classifier')
  const make = (seed: number) => {
    const p = f.params
    const Cls = FOREST_CLASSES[f.model as keyof typeof FOREST_CLASSES]
    return new Cls({
      randomState: seed,
      nJobs: -1,
      oobScore: (p.oob_score as boolean | undefined) ?? false,
      maxDepth: (p.max_depth as number | undefined) ?? null,
      minSamplesLeaf: (p.min_samples_leaf as number | undefined) ?? 1,
      ...(p.criterion ? { criterion: p.criterion as never } : {}),
      ...(p.max_features ? { maxFeatures: p.max_features as 'sqrt' } : {}),
    })
  }
  const extra = Object.keys(f.params).length ? `, ${describe(f.params)}` : ''
  cases.push({
    family,
    estimator: `${f.model} (100 trees${extra}), mean of 5 seeds`,
    dataset: f.dataset,
    prep: 'raw',
    metric: classifier ? 'test accuracy' : 'test R²',
    sklearn: f.score_test_mean5,
    tolerance: classifier ? 0.02 : 0.03,
    run: () => {
      const s = loadSplit(f.dataset)
      const fits = [0, 1, 2, 3, 4].map((seed) => make(seed).fit(s.Xtrain, s.ytrain))
      const oob =
        f.oob_score_mean5 === undefined
          ? ''
          : `; OOB ${mean(fits.map((m) => m.oobScore as number)).toFixed(4)} (sklearn ${f.oob_score_mean5.toFixed(4)})`
      return { value: mean(fits.map((m) => m.score(s.Xtest, s.ytest))), note: oob.slice(2) }
    },
  })
}

export default cases
