/**
 * Batched iteration over a dataset with seeded shuffling, drop-last and batch transforms, in
 * both `for...of` and `for await...of` forms (the async form yields to the event loop between
 * batches so long training loops never block a server or a progress bar).
 */
import { InvalidOptionError } from '../errors.js'
import { Random } from '../internal/random.js'
import { defaultCollate } from './collate.js'
import type { Dataset } from './Dataset.js'

export interface DataLoaderOptions<B, U> {
  /** Samples per batch. Default 32. */
  batchSize?: number
  /** Reshuffle the sample order every epoch. Default false. */
  shuffle?: boolean
  /** Seed of the shuffle; the sequence of epochs is reproducible. */
  seed?: number
  /** Drop the last batch when it is smaller than batchSize. Default false. */
  dropLast?: boolean
  /** Builds a batch from samples when the dataset has no `getBatch`. Default `defaultCollate`. */
  collate?: (samples: unknown[]) => B
  /** Applied to every batch (e.g. augmentation, normalization, conversion to tensors). */
  transform?: (batch: B, batchIndex: number) => U
  /**
   * Async iteration yields to the event loop once this many milliseconds have passed since the
   * last yield (0: after every batch). Default 10: timers, I/O and progress bars stay live
   * while a macrotask per batch would cost more than small batches themselves.
   */
  yieldEveryMs?: number
}

const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * Iterates a dataset in batches, as PyTorch's `DataLoader`. Each iteration is one epoch; with
 * `shuffle` every epoch draws a new order from one seeded generator, so a run is reproducible.
 *
 * @example
 * const loader = new DataLoader(new ArrayDataset({ x, y }), { batchSize: 32, shuffle: true, seed: 0 })
 * for await (const { x, y } of loader) { ... } // x.shape [32, 784], y.shape [32]
 */
export class DataLoader<B = unknown, U = B> implements Iterable<U>, AsyncIterable<Awaited<U>> {
  readonly dataset: Dataset<unknown>
  readonly batchSize: number
  readonly shuffle: boolean
  readonly dropLast: boolean
  private readonly collate: (samples: unknown[]) => B
  private readonly transform: ((batch: B, batchIndex: number) => U) | undefined
  private readonly rng: Random
  private readonly yieldEveryMs: number
  private epochCount = 0

  /** With a custom `collate`, batches are whatever it returns. */
  constructor(
    dataset: Dataset<unknown>,
    options: DataLoaderOptions<B, U> & { collate: (samples: unknown[]) => B },
  )
  /** Batches are the dataset's `getBatch` result (ArrayDataset: one NDArray per field). */
  constructor(
    dataset: Dataset<unknown> & { getBatch?(indices: ArrayLike<number>): B | undefined },
    options?: DataLoaderOptions<B, U>,
  )
  constructor(dataset: Dataset<unknown>, options: DataLoaderOptions<B, U> = {}) {
    const batchSize = options.batchSize ?? 32
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InvalidOptionError(
        `DataLoader: batchSize is ${batchSize}; expected an integer >= 1`,
      )
    }
    if (!dataset || typeof dataset.get !== 'function' || !Number.isInteger(dataset.length)) {
      throw new InvalidOptionError('DataLoader: dataset must have an integer length and get(index)')
    }
    this.dataset = dataset
    this.batchSize = batchSize
    this.shuffle = options.shuffle ?? false
    this.dropLast = options.dropLast ?? false
    this.collate = options.collate ?? (defaultCollate as (samples: unknown[]) => B)
    this.transform = options.transform
    this.rng = new Random(options.seed)
    const y = options.yieldEveryMs ?? 10
    if (!(y >= 0)) {
      throw new InvalidOptionError(`DataLoader: yieldEveryMs is ${y}; expected a number >= 0`)
    }
    this.yieldEveryMs = y
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize)
  }

  /** Epochs started so far. */
  get epoch(): number {
    return this.epochCount
  }

  /** The sample order of the next epoch (advances the shuffle generator). */
  private nextOrder(): number[] {
    this.epochCount++
    const n = this.dataset.length
    return this.shuffle ? this.rng.permutation(n) : Array.from({ length: n }, (_, i) => i)
  }

  private batchAt(order: number[], b: number): U {
    const indices = order.slice(b * this.batchSize, (b + 1) * this.batchSize)
    let batch: B | undefined
    if (this.dataset.getBatch && this.collate === defaultCollate) {
      batch = this.dataset.getBatch(indices) as B | undefined
    }
    if (batch === undefined) batch = this.collate(indices.map((i) => this.dataset.get(i)))
    return this.transform ? this.transform(batch, b) : (batch as unknown as U)
  }

  *[Symbol.iterator](): Iterator<U> {
    const order = this.nextOrder()
    const count = this.length
    for (let b = 0; b < count; b++) yield this.batchAt(order, b)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Awaited<U>> {
    const order = this.nextOrder()
    const count = this.length
    let last = performance.now()
    for (let b = 0; b < count; b++) {
      // Awaiting also resolves transforms that return promises.
      yield await this.batchAt(order, b)
      const now = performance.now()
      if (now - last >= this.yieldEveryMs) {
        await yieldToEventLoop()
        last = performance.now()
      }
    }
  }
}
