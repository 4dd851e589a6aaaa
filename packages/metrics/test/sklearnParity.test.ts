// Parity with scikit-learn 1.2.1: every case of fixtures/metrics_fixtures.json (made by
// fixtures/make_fixtures.py from real model predictions on the shared datasets) is recomputed here.
import { describe, expect, it } from 'vitest'
import fixtures from '../fixtures/metrics_fixtures.json' with { type: 'json' }
import * as M from '../src/index.js'

type Kw = Record<string, unknown>
interface Case {
  fn: string
  args: string[]
  kwargs: Kw
  expected: unknown
}

const data = fixtures.data as unknown as Record<string, Record<string, unknown>>
const ref = (key: string): never => {
  const [d, f] = key.split('.')
  return data[d!]![f!] as never
}

const RENAME: Record<string, string> = {
  pos_label: 'posLabel',
  zero_division: 'zeroDivision',
  sample_weight: 'sampleWeight',
  target_names: 'targetNames',
  drop_intermediate: 'dropIntermediate',
  multi_class: 'multiClass',
}

function options(kw: Kw): Kw {
  const out: Kw = {}
  for (const [k, v] of Object.entries(kw)) {
    if (k === 'output_dict' || k === 'squared' || k === 'beta') continue
    out[RENAME[k] ?? k] = typeof v === 'string' && v.startsWith('@') ? ref(v.slice(1)) : v
  }
  return out
}

function run(c: Case): unknown {
  // scikit-learn needs an indicator matrix for multiclass average precision; mlstack takes labels.
  const [a, b] = c.args.map((k) => ref(k.replace('.y_true_bin', '.y_true')))
  const o = options(c.kwargs) as never
  switch (c.fn) {
    case 'accuracy_score':
      return M.accuracyScore(a, b, o)
    case 'confusion_matrix':
      return M.confusionMatrix(a, b, o)
    case 'precision_score':
      return M.precisionScore(a, b, o)
    case 'recall_score':
      return M.recallScore(a, b, o)
    case 'f1_score':
      return M.f1Score(a, b, o)
    case 'fbeta_score':
      return M.fbetaScore(a, b, c.kwargs.beta as number, o)
    case 'precision_recall_fscore_support': {
      const r = M.precisionRecallFscoreSupport(a, b, o)
      return [r.precision, r.recall, r.fScore, r.support]
    }
    case 'classification_report': {
      const r = M.classificationReport(a, b, o)
      if (!c.kwargs.output_dict) return r.text
      const dict: Record<string, unknown> = {}
      const row = (x: M.ReportRow) => ({
        precision: x.precision,
        recall: x.recall,
        'f1-score': x.f1Score,
        support: x.support,
      })
      for (const cl of r.classes) dict[cl.name] = row(cl)
      if (r.accuracy !== undefined) dict.accuracy = r.accuracy
      if (r.microAvg) dict['micro avg'] = row(r.microAvg)
      dict['macro avg'] = row(r.macroAvg)
      dict['weighted avg'] = row(r.weightedAvg)
      return dict
    }
    case 'roc_auc_score':
      return M.rocAucScore(a, b, o)
    case 'roc_curve': {
      const r = M.rocCurve(a, b, o)
      expect(r.thresholds[0]).toBe(Number.POSITIVE_INFINITY)
      return { fpr: r.fpr, tpr: r.tpr, thresholds: r.thresholds.slice(1) }
    }
    case 'balanced_accuracy_score':
      return M.balancedAccuracyScore(a, b, o)
    case 'matthews_corrcoef':
      return M.matthewsCorrcoef(a, b, o)
    case 'cohen_kappa_score':
      return M.cohenKappaScore(a, b, o)
    case 'top_k_accuracy_score':
      return M.topKAccuracyScore(a, b, o)
    case 'precision_recall_curve':
      return M.precisionRecallCurve(a, b, o)
    case 'average_precision_score':
      return M.averagePrecisionScore(a, b, o)
    case 'mean_absolute_percentage_error':
      return M.meanAbsolutePercentageError(a, b, o)
    case 'median_absolute_error':
      return M.medianAbsoluteError(a, b, o)
    case 'max_error':
      return M.maxError(a, b)
    case 'log_loss':
      return M.logLoss(a, b, o)
    case 'mean_squared_error':
      return c.kwargs.squared === false
        ? M.rootMeanSquaredError(a, b, o)
        : M.meanSquaredError(a, b, o)
    case 'mean_absolute_error':
      return M.meanAbsoluteError(a, b, o)
    case 'r2_score':
      return M.r2Score(a, b, o)
    case 'explained_variance_score':
      return M.explainedVarianceScore(a, b, o)
  }
  throw new Error(`no mapping for ${c.fn}`)
}

/** Deep comparison with |a - b| <= 1e-12 * max(1, |b|) for numbers. */
function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number')
    const a = actual as number
    const tol = 1e-12 * Math.max(1, Math.abs(expected))
    if (Math.abs(a - expected) > tol) {
      throw new Error(`${path}: got ${a}, scikit-learn ${expected}`)
    }
    return
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true)
    expect((actual as unknown[]).length, path).toBe(expected.length)
    expected.forEach((e, i) => {
      close((actual as unknown[])[i], e, `${path}[${i}]`)
    })
    return
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort())
    for (const [k, e] of Object.entries(expected)) {
      close((actual as Record<string, unknown>)[k], e, `${path}.${k}`)
    }
    return
  }
  expect(actual, path).toEqual(expected)
}

describe(`scikit-learn ${fixtures.sklearn} parity`, () => {
  const cases = fixtures.cases as Case[]
  it('has a fixture for every metric', () => {
    expect(new Set(cases.map((c) => c.fn)).size).toBe(24)
    expect(cases.length).toBeGreaterThan(250)
  })
  it.each(
    cases.map((c, i) => [`${i} ${c.fn}(${c.args.join(', ')}) ${JSON.stringify(c.kwargs)}`, c]),
  )('%s', (_name, c) => {
    close(run(c as Case), (c as Case).expected, (c as Case).fn)
  })
})
