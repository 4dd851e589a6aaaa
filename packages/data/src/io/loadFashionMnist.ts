/** Loaders for MNIST-style datasets stored as the four standard IDX files. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatasetNotFoundError, FileFormatError } from '../errors.js'
import type { NDArray } from '../types.js'
import { readIdx } from './idx.js'

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DEFAULT_DIR = '/usr/share/datasets/fashion-mnist'

/** Class names of Fashion-MNIST, indexed by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const

export interface MnistLoadOptions {
  /** Folder holding `{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]`. */
  dir?: string
  /** 'train' (60k) or 'test' (10k). Default 'train'. */
  split?: 'train' | 'test'
  /** Images as Float32Array in [0, 1] (default true) or raw Uint8Array pixels. */
  normalize?: boolean
  /** Shape [n, 784] (default true) instead of [n, 28, 28]. */
  flatten?: boolean
  /** Keep only the first `limit` samples. */
  limit?: number
}

export interface MnistSplit {
  images: NDArray<Float32Array> | NDArray<Uint8Array>
  labels: NDArray<Uint8Array>
  /** Files that were read. */
  files: { images: string; labels: string }
}

function find(dir: string, base: string): string {
  for (const name of [`${base}.gz`, base]) {
    const p = join(dir, name)
    if (existsSync(p)) return p
  }
  throw new DatasetNotFoundError(
    `loadMnistLike: neither ${join(dir, base)}.gz nor ${join(dir, base)} exists; point dir at a folder with the four IDX files (Debian: apt-get install dataset-fashion-mnist)`,
  )
}

/**
 * Loads one split of an MNIST-format dataset (MNIST, Fashion-MNIST, KMNIST, ...).
 *
 * @example
 * const { images, labels } = await loadMnistLike({ dir: './data/mnist', split: 'test' })
 */
export async function loadMnistLike(options: MnistLoadOptions = {}): Promise<MnistSplit> {
  const dir = options.dir ?? FASHION_MNIST_DEFAULT_DIR
  const prefix = (options.split ?? 'train') === 'train' ? 'train' : 't10k'
  const imagesPath = find(dir, `${prefix}-images-idx3-ubyte`)
  const labelsPath = find(dir, `${prefix}-labels-idx1-ubyte`)
  const [img, lab] = await Promise.all([readIdx(imagesPath), readIdx(labelsPath)])
  if (img.dtype !== 'uint8' || img.shape.length !== 3) {
    throw new FileFormatError(
      `loadMnistLike: ${imagesPath} holds ${img.dtype} [${img.shape.join(', ')}]; expected uint8 [n, rows, cols]`,
    )
  }
  if (lab.dtype !== 'uint8' || lab.shape.length !== 1 || lab.shape[0] !== img.shape[0]) {
    throw new FileFormatError(
      `loadMnistLike: ${labelsPath} holds ${lab.dtype} [${lab.shape.join(', ')}]; expected uint8 [${img.shape[0]}] to match the images`,
    )
  }
  const [n0, h, w] = img.shape as [number, number, number]
  const n = options.limit === undefined ? n0 : Math.max(0, Math.min(n0, Math.floor(options.limit)))
  const pixels = img.data.subarray(0, n * h * w)
  const shape = (options.flatten ?? true) ? [n, h * w] : [n, h, w]
  let images: MnistSplit['images']
  if (options.normalize ?? true) {
    const data = new Float32Array(pixels.length)
    for (let i = 0; i < pixels.length; i++) data[i] = pixels[i]! / 255
    images = { data, shape }
  } else images = { data: pixels.slice(), shape }
  return {
    images,
    labels: { data: (lab.data as Uint8Array).slice(0, n), shape: [n] },
    files: { images: imagesPath, labels: labelsPath },
  }
}

/**
 * Loads one split of Fashion-MNIST (default folder: Debian's `dataset-fashion-mnist`).
 *
 * @example
 * const train = await loadFashionMnist({ split: 'train' }) // images [60000, 784] in [0, 1]
 */
export function loadFashionMnist(options: MnistLoadOptions = {}): Promise<MnistSplit> {
  return loadMnistLike({ dir: FASHION_MNIST_DEFAULT_DIR, ...options })
}
