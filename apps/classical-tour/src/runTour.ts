/**
 * Runs the catalog over the datasets: fit on the training part, score on the test part, with
 * fit and predict wall times and scikit-learn's score on the same split where one is published.
 */
import { CATALOG, type Entry } from './catalog.js'
import { type DatasetName, loadDataset, sklearnResults } from './datasets.js'

/** One line of the tour's table. */
export interface TourRow {
  dataset: DatasetName
  estimator: string
  /** 'accuracy', 'R²' or 'purity' (clustering). */
  metric: string
  score: number | null
  /** scikit-learn 1.2.1's score on the same split and settings, when published. */
  sklearn: number | null
  fitMs: number | null
  predictMs: number | null
  /** Why the row has no score (the estimator failed or is not exported yet). */
  error?: string
}

function accuracy(y: number[], p: Float64Array): number {
  let ok = 0
  for (let i = 0; i < y.length; i++) if (y[i] === p[i]) ok++
  return ok / y.length
}

function r2(y: number[], p: Float64Array): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length
  let ssRes = 0
  let ssTot = 0
  for (let i = 0; i < y.length; i++) {
    ssRes += ((y[i] as number) - (p[i] as number)) ** 2
    ssTot += ((y[i] as number) - mean) ** 2
  }
  return 1 - ssRes / ssTot
}

/** Fraction of samples whose cluster's most common label is their own label. */
function purity(y: number[], clusters: Float64Array): number {
  const counts = new Map<number, Map<number, number>>()
  clusters.forEach((c, i) => {
    const m = counts.get(c) ?? new Map<number, number>()
    m.set(y[i] as number, (m.get(y[i] as number) ?? 0) + 1)
    counts.set(c, m)
  })
  let ok = 0
  for (const m of counts.values()) ok += Math.max(...m.values())
  return ok / y.length
}

function applies(e: Entry, task: 'classification' | 'regression'): boolean {
  return task === 'regression' ? e.task === 'regression' : e.task !== 'regression'
}

/** Runs every catalog entry that fits each dataset's task. `only` filters estimators by name. */
export function runTour(
  datasets: readonly DatasetName[],
  options: {
    only?: (name: string) => boolean
    onRow?: (row: TourRow) => void
    /** Fit and predict once untimed first, so times show warmed-up (JIT-compiled) code. */
    warmup?: boolean
  } = {},
): TourRow[] {
  const ref = sklearnResults()
  const rows: TourRow[] = []
  for (const name of datasets) {
    const d = loadDataset(name)
    const nClasses = new Set(d.ytrain).size
    for (const e of CATALOG) {
      if (!applies(e, d.task) || (options.only && !options.only(e.name))) continue
      const metric =
        e.task === 'regression' ? 'R²' : e.task === 'clustering' ? 'purity' : 'accuracy'
      const prep = e.scaled ? 'std' : 'raw'
      const refRow = e.sklearn
        ? ref.find(
            (r) =>
              r.dataset === name &&
              r.model === e.sklearn &&
              (r.prep === undefined || r.prep === prep),
          )
        : undefined
      const row: TourRow = {
        dataset: name,
        estimator: e.name + (e.scaled ? ' (scaled)' : ''),
        metric,
        score: null,
        sklearn: (e.task === 'regression' ? refRow?.r2 : refRow?.acc) ?? null,
        fitMs: null,
        predictMs: null,
      }
      try {
        if (options.warmup) e.make(nClasses).fit(d.Xtrain, d.ytrain)
        const model = e.make(nClasses)
        const t0 = performance.now()
        model.fit(d.Xtrain, d.ytrain)
        const t1 = performance.now()
        const pred = model.predict(d.Xtest)
        const t2 = performance.now()
        row.fitMs = t1 - t0
        row.predictMs = t2 - t1
        row.score =
          e.task === 'regression'
            ? r2(d.ytest, pred)
            : e.task === 'clustering'
              ? purity(d.ytest, pred)
              : accuracy(d.ytest, pred)
      } catch (err) {
        row.error = (err as Error).message
      }
      rows.push(row)
      options.onRow?.(row)
    }
  }
  return rows
}
