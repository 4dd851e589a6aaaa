/** What one training run produced: the numbers the CLI prints and the report renders. */
import type { DataKind } from './dataSource.js'

export interface ClassScores {
  name: string
  precision: number
  recall: number
  f1: number
  support: number
}

export interface RunResult {
  data: { kind: DataKind; dir: string; description: string; train: number; test: number }
  recipe: {
    model: string
    optimizer: string
    loss: string
    initializer: string
    epochs: number
    batchSize: number
    learningRate: number
    seed: number
  }
  /** Per epoch: training loss/accuracy (running means over the epoch) and test loss/accuracy. */
  history: { loss: number[]; accuracy: number[]; testLoss: number[]; testAccuracy: number[] }
  /** Per-epoch seconds of `fit` (training and the test evaluation after each epoch). */
  epochSeconds: number[]
  testAccuracy: number
  macroF1: number
  weightedF1: number
  classes: ClassScores[]
  /** Rows: true class, columns: predicted class (Fashion-MNIST's label order). */
  confusion: number[][]
  /** The metrics package's scikit-learn-identical text report. */
  classificationText: string
  modelSummary: string
  files: { model: string; report: string; metrics: string }
  generated: string
  machine: string
  /** The command line that reproduces the run. */
  command: string
}

/** PyTorch's test accuracy for the same recipe on the full data, seed 0 (shared reference). */
export const PYTORCH_ANCHOR = [
  { epoch: 1, value: 0.836 },
  { epoch: 5, value: 0.857 },
  { epoch: 10, value: 0.876 },
] as const
