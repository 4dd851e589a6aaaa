/** Loads the train and test splits of the chosen data source as [n, 784] floats in [0, 1]. */
import { loadMnistLike, type NDArray } from '@mlstack/data'
import type { DataSource } from './dataSource.js'

export interface FashionMnistData {
  xTrain: NDArray<Float32Array>
  yTrain: Uint8Array
  xTest: NDArray<Float32Array>
  yTest: Uint8Array
}

export interface LoadDataOptions {
  /** Keep only the first `trainLimit` training samples (tests use a few hundred). */
  trainLimit?: number
  testLimit?: number
}

/**
 * @example
 * const { xTrain, yTrain } = await loadData(resolveDataSource({}), { trainLimit: 500 })
 */
export async function loadData(
  source: DataSource,
  options: LoadDataOptions = {},
): Promise<FashionMnistData> {
  const [train, test] = await Promise.all([
    loadMnistLike({ dir: source.dir, split: 'train', limit: options.trainLimit }),
    loadMnistLike({ dir: source.dir, split: 'test', limit: options.testLimit }),
  ])
  return {
    xTrain: train.images as NDArray<Float32Array>,
    yTrain: train.labels.data,
    xTest: test.images as NDArray<Float32Array>,
    yTest: test.labels.data,
  }
}
