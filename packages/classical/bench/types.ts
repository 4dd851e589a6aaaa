/**
 * The benchmark case format: each estimator family contributes bench/cases/<family>.ts, which
 * default-exports BenchCase[]; bench/run.ts times every contender side by side with
 * scikit-learn (and LIBSVM's CLI where a case asks for it).
 */
import type { DatasetName, Prep, Split } from './datasets.js'

/** Predicts labels (classification) or values (regression) for rows of features. */
export type PredictFn = (X: Float64Array[]) => ArrayLike<number> | Promise<ArrayLike<number>>

/** One system that does the case's job (mlstack, an ml.js package, ...). */
export interface Contender {
  /** Column label, e.g. 'mlstack' or 'libsvm-js'. */
  system: string
  /** Trains on d.Xtrain / d.ytrain and returns the predict function (timed as "fit"). */
  fit(d: Split): PredictFn | Promise<PredictFn>
  /** Set when the contender cannot run on this dataset (e.g. binary-only); gives the reason. */
  skip?(d: Split): string | null
}

/** LIBSVM command-line settings for a case (svm-train / svm-predict from Debian's libsvm-tools). */
export interface LibsvmCliSpec {
  /** svm-train options, e.g. ['-s', '0', '-t', '2', '-c', '1', '-g', String(gamma)]. */
  trainArgs(d: Split): string[]
}

export interface BenchCase {
  /** Row label, e.g. 'SVC rbf C=1 gamma=scale'. */
  model: string
  task: 'classification' | 'regression'
  datasets: [DatasetName, Prep][]
  /** A scikit-learn constructor expression, e.g. "SVC(C=1.0, gamma='scale')"; omitted: no sklearn column. */
  sklearn?: string
  libsvm?: LibsvmCliSpec
  contenders: Contender[]
  /** Timed runs of fit and of predict (median reported). Default 5. */
  repeats?: number
  /**
   * What the "vs sklearn" ratio compares: 'cpu' (default; process CPU time, robust on a busy
   * machine) or 'wall' (use it when mlstack trains on several threads, since CPU time then sums
   * the threads).
   */
  ratio?: 'cpu' | 'wall'
}
