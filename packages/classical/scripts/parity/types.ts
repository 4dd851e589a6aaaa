/**
 * One row of the README parity table: an mlstack result next to scikit-learn's on the same data.
 * Each estimator family contributes a file `scripts/parity/<family>.ts` that default-exports
 * `ParityCase[]`; scripts/parity.ts runs them all.
 */
export interface ParityCase {
  /** Section of the table, e.g. 'linear', 'svm', 'trees'. */
  family: string
  /** Estimator and settings, e.g. 'LogisticRegression (lbfgs, C=1)'. */
  estimator: string
  /** Dataset name, e.g. 'iris'. */
  dataset: string
  /** 'raw', 'std' (StandardScaler fitted on train) or '' when not applicable. */
  prep: string
  /** What is compared, e.g. 'test accuracy', 'test R²', 'inertia'. */
  metric: string
  /** scikit-learn 1.2.1's value (from a committed fixture). */
  sklearn: number
  /** Largest allowed |mlstack - sklearn| (the targets: 0.005 accuracy/R² for linear models, ...). */
  tolerance: number
  /** Fits and evaluates the mlstack model; `note` adds detail such as support-vector counts. */
  run: () => { value: number; note?: string } | Promise<{ value: number; note?: string }>
}
