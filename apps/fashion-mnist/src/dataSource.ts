/**
 * Picks the data the app trains on: `--data DIR` when given (it must hold the four IDX files),
 * else the full Fashion-MNIST where Debian's `dataset-fashion-mnist` put it, else the subset
 * committed in `data/` so the app also runs offline on a fresh machine.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FASHION_MNIST_DEFAULT_DIR } from '@mlstack/data'
import { DataSourceError } from './errors.js'

/** The embedded subset: the first 6000 train and 1000 test items (see data/make_subset.py). */
export const EMBEDDED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data')

/** The four files of an MNIST-format dataset (each may be gzipped: `<name>.gz`). */
export const IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
] as const

/** `full`: Debian's copy; `subset`: the embedded subset; `custom`: the folder given by `--data`. */
export type DataKind = 'full' | 'subset' | 'custom'

export interface DataSource {
  kind: DataKind
  /** Folder holding the four IDX files. */
  dir: string
  /** One line for the output and the report, e.g. "full Fashion-MNIST (/usr/share/...)". */
  description: string
}

export interface ResolveDataSourceOptions {
  /** `--data DIR`: use this folder (an error if it is not a complete dataset). */
  dataDir?: string
  /** `--subset`: use the embedded subset even when the full data is installed. */
  subset?: boolean
  /** Where to look for the full data (default Debian's /usr/share/datasets/fashion-mnist). */
  fullDir?: string
  /** The embedded subset's folder (tests point this elsewhere). */
  embeddedDir?: string
}

/** The files of the four that `dir` lacks (neither `<name>` nor `<name>.gz` exists). */
export function missingIdxFiles(dir: string): string[] {
  return IDX_FILES.filter((f) => !existsSync(join(dir, f)) && !existsSync(join(dir, `${f}.gz`)))
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/**
 * Decides which data to use.
 *
 * @example
 * resolveDataSource({}) // { kind: 'full', dir: '/usr/share/datasets/fashion-mnist', ... } when installed
 * resolveDataSource({ dataDir: './fm' }) // { kind: 'custom', dir: '/abs/fm', ... } or DataSourceError
 */
export function resolveDataSource(options: ResolveDataSourceOptions = {}): DataSource {
  const embeddedDir = options.embeddedDir ?? EMBEDDED_DATA_DIR
  if (options.dataDir !== undefined) {
    if (options.subset) {
      throw new DataSourceError('--data and --subset: give one of them, not both')
    }
    const dir = resolve(options.dataDir)
    const given = dir === options.dataDir ? dir : `${options.dataDir}: ${dir}`
    if (!isDir(dir)) {
      throw new DataSourceError(
        `--data ${given} is not a folder; expected a folder with the four Fashion-MNIST IDX files (${IDX_FILES.join(', ')}, each optionally .gz)`,
      )
    }
    const missing = missingIdxFiles(dir)
    if (missing.length > 0) {
      throw new DataSourceError(
        `--data ${given} lacks ${missing.map((f) => `${f}[.gz]`).join(', ')}; expected the four Fashion-MNIST IDX files`,
      )
    }
    return { kind: 'custom', dir, description: `Fashion-MNIST from --data ${dir}` }
  }
  const fullDir = options.fullDir ?? FASHION_MNIST_DEFAULT_DIR
  if (!options.subset && isDir(fullDir) && missingIdxFiles(fullDir).length === 0) {
    return { kind: 'full', dir: fullDir, description: `full Fashion-MNIST from ${fullDir}` }
  }
  const missing = missingIdxFiles(embeddedDir)
  if (missing.length > 0) {
    throw new DataSourceError(
      `embedded subset: ${embeddedDir} lacks ${missing.join(', ')} (a broken checkout?); reinstall or pass --data DIR`,
    )
  }
  const why = options.subset
    ? '--subset'
    : `${fullDir} not found; apt-get install dataset-fashion-mnist or --data DIR for the full set`
  return {
    kind: 'subset',
    dir: embeddedDir,
    description: `embedded Fashion-MNIST subset (first 6000 train / 1000 test) from ${embeddedDir} (${why})`,
  }
}
