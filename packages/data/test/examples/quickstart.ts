// The README's example: read a CSV, split it with stratification, scale it, batch it.
import {
  ArrayDataset,
  DataLoader,
  KFold,
  readCsvSync,
  StandardScaler,
  StratifiedKFold,
  trainTestSplit,
} from '@mlstack/data'

export async function quickstart(csvPath: string) {
  // 1. Read a CSV with a header row; numeric columns become Float64Array.
  const table = readCsvSync(csvPath)
  const X = table.toMatrix(table.columns.slice(0, -1)) // ml-matrix Matrix, n × 4
  const y = table.column('target') as Float64Array

  // 2. Stratified, seeded train/test split (each part keeps the input's kind).
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, {
    testSize: 0.25,
    seed: 0,
    stratify: true,
  })

  // 3. scikit-learn-style preprocessing: fit on train, apply to both.
  const scaler = new StandardScaler().fit(xTrain)
  const trainStd = scaler.transform(xTrain)
  const testStd = scaler.transform(xTest)

  // 4. Cross-validation indices.
  const folds = [...new StratifiedKFold({ nSplits: 5 }).split(xTrain, yTrain)]
  const plainFolds = [...new KFold({ nSplits: 3, shuffle: true, seed: 1 }).split(xTrain)]

  // 5. Mini-batches for training loops, shuffled with a seed, async iteration.
  const loader = new DataLoader(new ArrayDataset({ x: trainStd, y: yTrain }), {
    batchSize: 32,
    shuffle: true,
    seed: 0,
  })
  const batchShapes: number[][] = []
  for await (const batch of loader) {
    batchShapes.push(batch.x.shape)
  }
  return { trainStd, testStd, yTest, folds, plainFolds, batchShapes, scaler }
}
