import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EMBEDDED_DATA_DIR,
  IDX_FILES,
  missingIdxFiles,
  resolveDataSource,
} from '../src/dataSource.js'
import { DataSourceError } from '../src/errors.js'
import { loadData } from '../src/loadData.js'

let root: string
let complete: string
let partial: string
let empty: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fm-source-'))
  complete = join(root, 'complete')
  partial = join(root, 'partial')
  empty = join(root, 'empty')
  for (const d of [complete, partial, empty]) mkdirSync(d)
  for (const f of IDX_FILES)
    copyFileSync(join(EMBEDDED_DATA_DIR, `${f}.gz`), join(complete, `${f}.gz`))
  // partial: only the training files.
  for (const f of IDX_FILES.slice(0, 2))
    copyFileSync(join(EMBEDDED_DATA_DIR, `${f}.gz`), join(partial, `${f}.gz`))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('resolveDataSource', () => {
  it('uses the full data when its folder holds the four files', () => {
    const s = resolveDataSource({ fullDir: complete })
    expect(s.kind).toBe('full')
    expect(s.dir).toBe(complete)
    expect(s.description).toContain('full Fashion-MNIST')
  })

  it('falls back to the embedded subset when the full data is absent or incomplete', () => {
    for (const fullDir of [join(root, 'nope'), partial, empty]) {
      const s = resolveDataSource({ fullDir })
      expect(s.kind).toBe('subset')
      expect(s.dir).toBe(EMBEDDED_DATA_DIR)
      expect(s.description).toContain('embedded Fashion-MNIST subset')
      expect(s.description).toContain('not found')
    }
  })

  it('--subset picks the embedded subset even when the full data is there', () => {
    const s = resolveDataSource({ fullDir: complete, subset: true })
    expect(s.kind).toBe('subset')
    expect(s.description).toContain('--subset')
  })

  it('--data DIR wins over the full data', () => {
    const s = resolveDataSource({ dataDir: complete, fullDir: EMBEDDED_DATA_DIR })
    expect(s.kind).toBe('custom')
    expect(s.dir).toBe(complete)
    expect(s.description).toContain('--data')
  })

  it('--data with a missing folder throws DataSourceError naming the path', () => {
    const missing = join(root, 'does-not-exist')
    expect(() => resolveDataSource({ dataDir: missing })).toThrow(DataSourceError)
    expect(() => resolveDataSource({ dataDir: missing })).toThrow(
      /--data .*does-not-exist.* is not a folder/,
    )
  })

  it('--data with an incomplete folder lists the missing files', () => {
    const err = (() => {
      try {
        resolveDataSource({ dataDir: partial })
      } catch (e) {
        return e as Error
      }
      return null
    })()
    expect(err).toBeInstanceOf(DataSourceError)
    expect(err?.name).toBe('DataSourceError')
    expect(err?.message).toContain('t10k-images-idx3-ubyte')
    expect(err?.message).toContain('t10k-labels-idx1-ubyte')
    expect(err?.message).not.toContain('train-images')
  })

  it('--data together with --subset is rejected', () => {
    expect(() => resolveDataSource({ dataDir: complete, subset: true })).toThrow(DataSourceError)
  })

  it('reports a broken embedded subset instead of crashing later', () => {
    expect(() => resolveDataSource({ fullDir: empty, embeddedDir: partial })).toThrow(
      /embedded subset: .* lacks t10k/,
    )
  })
})

describe('the embedded subset', () => {
  it('is complete and holds the first 6000 train / 1000 test images in [0, 1]', async () => {
    expect(missingIdxFiles(EMBEDDED_DATA_DIR)).toEqual([])
    const d = await loadData(resolveDataSource({ subset: true }))
    expect(d.xTrain.shape).toEqual([6000, 784])
    expect(d.xTest.shape).toEqual([1000, 784])
    expect(d.yTrain.length).toBe(6000)
    expect(d.yTest.length).toBe(1000)
    let lo = Infinity
    let hi = -Infinity
    for (const v of d.xTrain.data) {
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
    expect(lo).toBe(0)
    expect(hi).toBe(1)
    // All ten classes appear in both splits.
    expect(new Set(d.yTrain).size).toBe(10)
    expect(new Set(d.yTest).size).toBe(10)
  })

  it('limits keep the first N samples', async () => {
    const all = await loadData(resolveDataSource({ subset: true }), {
      trainLimit: 50,
      testLimit: 20,
    })
    expect(all.xTrain.shape).toEqual([50, 784])
    expect(all.yTest.length).toBe(20)
  })
})
