import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { loadSplit, sklearnResult } from '../../test/datasets.js'
import { RandomForestClassifier } from '../ensemble/RandomForestClassifier.js'
import { InputError, ModelFormatError, ParameterError } from '../errors.js'
import { checkEstimator } from '../testing/index.js'
import { DecisionTreeClassifier } from './DecisionTreeClassifier.js'
import { DecisionTreeRegressor } from './DecisionTreeRegressor.js'
import { exportText, formatFixed } from './exportText.js'

interface FixtureTree {
  node_count: number
  max_depth: number
  left: number[]
  right: number[]
  feature: number[]
  threshold: number[]
  impurity: number[]
  n_node_samples: number[]
  value: number[][]
}
interface FixtureCase {
  dataset: 'iris' | 'breast_cancer' | 'digits' | 'diabetes'
  task: 'clf' | 'reg'
  params: Record<string, number | string | boolean | Record<string, number>>
  ties: 'exact' | 'partition' | 'none'
  score_test: number
  score_test_mean8: number
  predict_test: number[]
  feature_importances: number[]
  n_leaves: number
  tree?: FixtureTree
  export_text?: string
  export_text_weights?: string
}
interface PathCase {
  dataset: 'iris' | 'breast_cancer' | 'diabetes'
  task: 'clf' | 'reg'
  params: { criterion?: 'gini'; max_depth?: number; min_samples_leaf?: number }
  ccp_alphas: number[]
  impurities: number[]
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/sklearn_trees.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[]; paths: PathCase[] }

function featureNames(dataset: string): string[] {
  const path = new URL(`../../fixtures/datasets/${dataset}_train.csv`, import.meta.url)
  return readFileSync(path, 'utf8').split('\n')[0]!.split(',').slice(0, -1)
}

/** The fixture's estimator, fitted (weighted fits use sample weights 1 + row % 3, as the script). */
function fitFromParams(c: FixtureCase, seed: number, d: { Xtrain: number[][]; ytrain: number[] }) {
  const p = c.params
  const opts = {
    maxDepth: (p.max_depth as number | undefined) ?? null,
    minSamplesLeaf: (p.min_samples_leaf as number | undefined) ?? 1,
    minSamplesSplit: (p.min_samples_split as number | undefined) ?? 2,
    maxLeafNodes: (p.max_leaf_nodes as number | undefined) ?? null,
    ccpAlpha: (p.ccp_alpha as number | undefined) ?? 0,
    minImpurityDecrease: (p.min_impurity_decrease as number | undefined) ?? 0,
    randomState: seed,
  }
  const sw = p.sample_weight ? d.ytrain.map((_, i) => 1 + (i % 3)) : undefined
  return c.task === 'clf'
    ? new DecisionTreeClassifier({
        ...opts,
        criterion: (p.criterion as 'gini' | 'entropy' | undefined) ?? 'gini',
        classWeight: (p.class_weight as 'balanced' | undefined) ?? null,
      }).fit(d.Xtrain, d.ytrain, sw)
    : new DecisionTreeRegressor({
        ...opts,
        criterion: (p.criterion as 'friedman_mse' | undefined) ?? 'squared_error',
      }).fit(d.Xtrain, d.ytrain, sw)
}

describe('DecisionTree: hand-checked trees', () => {
  test('one threshold at the midpoint separates two classes', () => {
    const tree = new DecisionTreeClassifier().fit([[0], [1], [2], [3]], [5, 5, 9, 9])
    const t = tree.tree
    expect(t.nodeCount).toBe(3)
    expect(t.feature[0]).toBe(0)
    expect(t.threshold[0]).toBe(1.5)
    expect(t.impurity[0]).toBe(0.5)
    expect(Array.from(t.value)).toEqual([2, 2, 2, 0, 0, 2])
    expect(Array.from(tree.predict([[1.4], [1.6], [-10]]))).toEqual([5, 9, 5])
    expect(Array.from(tree.featureImportances)).toEqual([1])
    expect(tree.depth).toBe(1)
    expect(tree.nLeaves).toBe(2)
  })

  test('XOR needs depth 2; maxDepth 1 cannot separate it', () => {
    const X = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]
    const y = [0, 1, 1, 0]
    const deep = new DecisionTreeClassifier({ randomState: 0 }).fit(X, y)
    expect(deep.score(X, y)).toBe(1)
    expect(deep.depth).toBe(2)
    const stump = new DecisionTreeClassifier({ maxDepth: 1, randomState: 0 }).fit(X, y)
    expect(stump.score(X, y)).toBe(0.5)
    expect(stump.predictProba([[0, 0]]).to2DArray()[0]).toEqual([0.5, 0.5])
  })

  test('regression leaves hold the mean; impurity is the variance', () => {
    const tree = new DecisionTreeRegressor({ maxDepth: 1 }).fit(
      [[1], [2], [3], [10], [11]],
      [1, 2, 3, 20, 22],
    )
    const t = tree.tree
    expect(t.threshold[0]).toBe(6.5)
    expect(t.value[0]).toBeCloseTo(9.6, 12)
    expect(t.impurity[0]).toBeCloseTo((1 + 4 + 9 + 400 + 484) / 5 - 9.6 * 9.6, 10)
    expect(Array.from(tree.predict([[0], [100]]))).toEqual([2, 21])
    // minSamplesLeaf 3 forbids the clean 3|2 split above 3 samples on the right.
    const leafy = new DecisionTreeRegressor({ minSamplesLeaf: 3 }).fit(
      [[1], [2], [3], [10], [11]],
      [1, 2, 3, 20, 22],
    )
    expect(leafy.tree.nodeCount).toBe(1)
  })

  test('thresholds and comparisons use float32 features like scikit-learn', () => {
    // 0.1 and 0.1 + 1e-12 are the same float32: the feature is constant, no split.
    const tree = new DecisionTreeClassifier().fit([[0.1], [0.1 + 1e-12]], [0, 1])
    expect(tree.tree.nodeCount).toBe(1)
    const t2 = new DecisionTreeClassifier().fit([[0.1], [0.3]], [0, 1])
    expect(t2.tree.threshold[0]).toBe(Math.fround(0.1) / 2 + Math.fround(0.3) / 2)
  })

  test('a ParameterError for bad options, InputError for bad data', () => {
    const X = [[0], [1], [2]]
    const y = [0, 1, 1]
    expect(() => new DecisionTreeClassifier({ maxDepth: 0 }).fit(X, y)).toThrow(ParameterError)
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1 }).fit(X, y)).toThrow(
      /minSamplesSplit/,
    )
    expect(() => new DecisionTreeClassifier({ maxFeatures: 3 }).fit(X, y)).toThrow(
      /maxFeatures = 3 but X has 1 features/,
    )
    expect(() => new DecisionTreeClassifier({ criterion: 'mse' as never }).fit(X, y)).toThrow(
      /criterion/,
    )
    expect(() => new DecisionTreeRegressor({ criterion: 'gini' as never }).fit(X, y)).toThrow(
      ParameterError,
    )
    expect(() => new DecisionTreeClassifier().fit(X, [0, 1])).toThrow(InputError)
  })
})

describe('DecisionTree: parity with scikit-learn 1.2.1 trees', () => {
  for (const c of fixture.cases) {
    const label = `${c.dataset} ${c.task} ${JSON.stringify(c.params)} (${c.ties})`
    test(label, () => {
      const d = loadSplit(c.dataset)
      const est = fitFromParams(c, 0, d)
      const score = est.score(d.Xtest, d.ytest)
      if (c.ties === 'none') {
        // The tree depends on the random feature order (tied splits): compare the mean test
        // score over seeds with scikit-learn's mean over 8 seeds.
        const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((s) =>
          fitFromParams(c, s, d).score(d.Xtest, d.ytest),
        )
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length
        expect(Math.abs(mean - c.score_test_mean8)).toBeLessThanOrEqual(
          c.task === 'clf' ? 0.02 : 0.05,
        )
        return
      }
      const ref = c.tree as FixtureTree
      const t = est.tree
      const k = ref.value[0]!.length
      expect(t.nodeCount).toBe(ref.node_count)
      expect(t.maxDepth).toBe(ref.max_depth)
      expect(Array.from(t.left)).toEqual(ref.left)
      expect(Array.from(t.right)).toEqual(ref.right)
      expect(Array.from(t.nNodeSamples)).toEqual(ref.n_node_samples)
      for (let i = 0; i < t.nodeCount; i++) {
        expect(t.impurity[i]).toBeCloseTo(ref.impurity[i]!, 10)
        for (let j = 0; j < k; j++) expect(t.value[i * k + j]).toBeCloseTo(ref.value[i]![j]!, 9)
      }
      if (c.ties === 'exact') {
        // Same features and thresholds: the same test predictions.
        expect(score).toBeCloseTo(c.score_test, 12)
        expect(Array.from(t.feature)).toEqual(ref.feature)
        expect(Array.from(t.threshold)).toEqual(ref.threshold)
        expect(Array.from(est.predict(d.Xtest))).toEqual(c.predict_test)
        const imp = est.featureImportances
        c.feature_importances.forEach((v, f) => {
          expect(imp[f]).toBeCloseTo(v, 10)
        })
        expect(exportText(est, { featureNames: featureNames(c.dataset) })).toBe(c.export_text)
        expect(exportText(est, { maxDepth: 2, decimals: 3, spacing: 2, showWeights: true })).toBe(
          c.export_text_weights,
        )
      }
    })
  }

  for (const c of fixture.paths) {
    test(`costComplexityPruningPath on ${c.dataset} ${JSON.stringify(c.params)}`, () => {
      const d = loadSplit(c.dataset)
      const opts = {
        maxDepth: c.params.max_depth ?? null,
        minSamplesLeaf: c.params.min_samples_leaf ?? 1,
        randomState: 0,
      }
      const est =
        c.task === 'clf' ? new DecisionTreeClassifier(opts) : new DecisionTreeRegressor(opts)
      const path = est.costComplexityPruningPath(d.Xtrain, d.ytrain)
      expect(est.isFitted).toBe(false)
      expect(path.ccpAlphas.length).toBe(c.ccp_alphas.length)
      c.ccp_alphas.forEach((a, i) => {
        expect(path.ccpAlphas[i]).toBeCloseTo(a, 12)
        expect(path.impurities[i]).toBeCloseTo(c.impurities[i]!, 12)
      })
    })
  }

  for (const dataset of ['iris', 'breast_cancer', 'digits'] as const) {
    for (const prep of ['raw', 'std'] as const) {
      test(`DecisionTree gini on ${dataset}/${prep}: accuracy within 2 points of scikit-learn`, () => {
        const ref = sklearnResult(dataset, 'DecisionTree gini', prep).acc as number
        const d = loadSplit(dataset, prep)
        const accs = [0, 1, 2].map((seed) =>
          new DecisionTreeClassifier({ randomState: seed })
            .fit(d.Xtrain, d.ytrain)
            .score(d.Xtest, d.ytest),
        )
        const mean = accs.reduce((s, a) => s + a, 0) / accs.length
        expect(Math.abs(mean - ref)).toBeLessThanOrEqual(0.02)
      })
    }
  }
})

describe('DecisionTree: options', () => {
  const d = loadSplit('digits')
  test('maxFeatures subsets are seeded: same seed same tree, other seed other tree', () => {
    const fit = (seed: number) =>
      new DecisionTreeClassifier({ maxFeatures: 'sqrt', randomState: seed }).fit(d.Xtrain, d.ytrain)
    expect(Array.from(fit(3).tree.threshold)).toEqual(Array.from(fit(3).tree.threshold))
    expect(Array.from(fit(3).tree.feature)).not.toEqual(Array.from(fit(4).tree.feature))
  })

  test('maxDepth and minSamplesLeaf bound the tree', () => {
    const t = new DecisionTreeClassifier({ maxDepth: 4, minSamplesLeaf: 7, randomState: 0 }).fit(
      d.Xtrain,
      d.ytrain,
    )
    expect(t.depth).toBeLessThanOrEqual(4)
    const tr = t.tree
    for (let i = 0; i < tr.nodeCount; i++) {
      if (tr.left[i] === -1) expect(tr.nNodeSamples[i]).toBeGreaterThanOrEqual(7)
    }
    expect(t.nLeaves).toBeLessThanOrEqual(16)
  })

  test('maxLeafNodes grows best-first up to that many leaves (forests too)', () => {
    for (const maxLeafNodes of [2, 7, 40]) {
      const t = new DecisionTreeClassifier({ maxLeafNodes, randomState: 0 }).fit(d.Xtrain, d.ytrain)
      expect(t.nLeaves).toBe(maxLeafNodes)
      expect(t.tree.nodeCount).toBe(2 * maxLeafNodes - 1)
    }
    const rf = new RandomForestClassifier({ nEstimators: 5, maxLeafNodes: 12, randomState: 0 })
    for (const tree of rf.fit(d.Xtrain, d.ytrain).trees) {
      expect(Array.from(tree.left).filter((l) => l === -1).length).toBeLessThanOrEqual(12)
    }
    expect(() => new DecisionTreeClassifier({ maxLeafNodes: 1 }).fit(d.Xtrain, d.ytrain)).toThrow(
      /maxLeafNodes = 1; expected an integer in \[2, Infinity\]/,
    )
  })

  test('ccpAlpha prunes more as it grows, down to a single leaf', () => {
    const b = loadSplit('breast_cancer')
    const leaves = [0, 0.001, 0.005, 0.02, 1].map(
      (ccpAlpha) =>
        new DecisionTreeClassifier({ ccpAlpha, randomState: 0 }).fit(b.Xtrain, b.ytrain).nLeaves,
    )
    for (let i = 1; i < leaves.length; i++) expect(leaves[i]).toBeLessThanOrEqual(leaves[i - 1]!)
    expect(leaves[0]).toBeGreaterThan(leaves[3]!)
    expect(leaves[4]).toBe(1)
    const rf = new RandomForestClassifier({ nEstimators: 4, ccpAlpha: 1, randomState: 0, nJobs: 2 })
    for (const t of rf.fit(b.Xtrain, b.ytrain).trees) expect(t.nodeCount).toBe(1)
    expect(() => new DecisionTreeClassifier({ ccpAlpha: -1 }).fit(b.Xtrain, b.ytrain)).toThrow(
      /ccpAlpha = -1/,
    )
  })

  test('entropy and splitter random grow valid, accurate trees', () => {
    const e = new DecisionTreeClassifier({ criterion: 'entropy', randomState: 0 })
    expect(e.fit(d.Xtrain, d.ytrain).score(d.Xtest, d.ytest)).toBeGreaterThan(0.8)
    const r = new DecisionTreeClassifier({ splitter: 'random', randomState: 0 })
    expect(r.fit(d.Xtrain, d.ytrain).score(d.Xtest, d.ytest)).toBeGreaterThan(0.75)
    expect(r.score(d.Xtrain, d.ytrain)).toBe(1)
  })

  test('an integer sample weight equals repeating the row', () => {
    const b = loadSplit('breast_cancer')
    const w = b.ytrain.map((_, i) => 1 + (i % 3))
    const Xrep: number[][] = []
    const yrep: number[] = []
    b.Xtrain.forEach((row, i) => {
      for (let r = 0; r < w[i]!; r++) {
        Xrep.push(row)
        yrep.push(b.ytrain[i]!)
      }
    })
    const opts = { criterion: 'entropy' as const, maxDepth: 4, randomState: 0 }
    const weighted = new DecisionTreeClassifier(opts).fit(b.Xtrain, b.ytrain, w)
    const repeated = new DecisionTreeClassifier(opts).fit(Xrep, yrep)
    expect(Array.from(weighted.tree.value)).toEqual(Array.from(repeated.tree.value))
    expect(Array.from(weighted.tree.threshold)).toEqual(Array.from(repeated.tree.threshold))
    expect(Array.from(weighted.predict(b.Xtest))).toEqual(Array.from(repeated.predict(b.Xtest)))
  })

  test('classWeight balanced evens out the classes at the root; bad weights are rejected', () => {
    const X = [[0], [1], [2], [3], [4], [5]]
    const y = [0, 0, 0, 0, 1, 1]
    const t = new DecisionTreeClassifier({ classWeight: 'balanced', maxDepth: 1 }).fit(X, y)
    expect(Array.from(t.tree.value.subarray(0, 2))).toEqual([3, 3])
    const custom = new DecisionTreeClassifier({ classWeight: { 1: 5 }, maxDepth: 1 }).fit(X, y)
    expect(Array.from(custom.tree.value.subarray(0, 2))).toEqual([4, 10])
    expect(() => new DecisionTreeClassifier({ classWeight: { 9: 1 } }).fit(X, y)).toThrow(
      /classWeight has 9: 1; expected a weight >= 0 for one of the labels 0, 1/,
    )
    expect(() => new DecisionTreeClassifier().fit(X, y, [1, 1])).toThrow(
      /sampleWeight has 2 values but X has 6 samples/,
    )
    expect(() => new DecisionTreeClassifier().fit(X, y, [1, 1, 1, -1, 1, 1])).toThrow(
      /sampleWeight\[3\] = -1/,
    )
    expect(() => new DecisionTreeRegressor().fit(X, y, [0, 0, 0, 0, 0, 0])).toThrow(/sums to 0/)
    // Zero-weight rows take no part: the tree equals one grown without them.
    const w0 = new DecisionTreeClassifier().fit(X, y, [1, 1, 1, 1, 1, 0])
    const without = new DecisionTreeClassifier().fit(X.slice(0, 5), y.slice(0, 5))
    expect(Array.from(w0.tree.threshold)).toEqual(Array.from(without.tree.threshold))
  })

  test('a corrupt saved tree is rejected with ModelFormatError, node by node', () => {
    const t = new DecisionTreeClassifier({ maxDepth: 2, randomState: 0 }).fit(
      [[0], [1], [2], [3]],
      [0, 0, 1, 1],
    )
    const good = t.toJSON()
    const corrupt = (
      edit: (tree: Record<string, { $i32?: number[]; $f64?: number[] }>) => void,
    ) => {
      const json = JSON.parse(JSON.stringify(good))
      edit(json.state.tree)
      return () => DecisionTreeClassifier.fromJSON(json)
    }
    expect(corrupt(() => {})).not.toThrow()
    expect(
      corrupt((tr) => {
        tr.left!.$i32![0] = 0
      }),
    ).toThrow(ModelFormatError)
    expect(
      corrupt((tr) => {
        tr.feature!.$i32![0] = 7
      }),
    ).toThrow(/node 0 has children/)
    expect(corrupt((tr) => void tr.threshold!.$f64!.pop())).toThrow(
      /threshold must be a Float64Array/,
    )
    expect(
      corrupt((tr) => {
        tr.value = { $f64: [1] }
      }),
    ).toThrow(/value must be a Float64Array/)
  })

  test('formatFixed rounds exact ties to even like Python', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12')
    expect(formatFixed(0.375, 2)).toBe('0.38')
    expect(formatFixed(-0.125, 2)).toBe('-0.12')
    expect(formatFixed(2.5, 0)).toBe('2')
    expect(formatFixed(0.1 + 0.2, 2)).toBe('0.30')
    expect(formatFixed(16.825, 3)).toBe('16.825')
  })
})

checkEstimator(
  'DecisionTreeClassifier',
  () => new DecisionTreeClassifier({ randomState: 0, maxFeatures: 'sqrt' }),
  { task: 'classification' },
  { describe, test, expect },
)
checkEstimator(
  'DecisionTreeRegressor',
  () => new DecisionTreeRegressor({ randomState: 0 }),
  { task: 'regression' },
  { describe, test, expect },
)
