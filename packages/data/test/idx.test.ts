// IDX reader: files this test writes itself (raw and gzipped, every dtype), corrupt files, and
// the real Fashion-MNIST files when Debian's dataset-fashion-mnist is installed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DatasetNotFoundError,
  encodeIdx,
  FASHION_MNIST_DEFAULT_DIR,
  FileFormatError,
  loadFashionMnist,
  loadMnistLike,
  parseIdx,
  readIdx,
  readIdxSync,
  writeIdx,
} from '../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'mlstack-idx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A hand-built IDX file, independent of encodeIdx: 2 x 3 uint8. */
const HAND = Uint8Array.from([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 250, 251, 252])

describe('parseIdx', () => {
  it('reads a hand-written uint8 file, raw and gzipped', async () => {
    for (const [name, bytes] of [
      ['raw', HAND],
      ['gz', new Uint8Array(gzipSync(HAND))],
    ] as const) {
      const p = join(dir, `hand-${name}`)
      writeFileSync(p, bytes)
      for (const a of [await readIdx(p), readIdxSync(p)]) {
        expect(a.dtype).toBe('uint8')
        expect(a.shape).toEqual([2, 3])
        expect(Array.from(a.data)).toEqual([1, 2, 3, 250, 251, 252])
      }
    }
  })
  it('reads big-endian multi-byte types exactly', () => {
    // int16 [2] = [-2, 513]; float32 [1] = 1.5 (0x3fc00000)
    const i16 = Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0xff, 0xfe, 0x02, 0x01])
    expect(Array.from(parseIdx(i16).data)).toEqual([-2, 513])
    const f32 = Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0])
    expect(Array.from(parseIdx(f32).data)).toEqual([1.5])
  })
  it.each([
    ['uint8', Uint8Array.from([0, 1, 255, 7, 8, 9])],
    ['int8', Int8Array.from([-128, -1, 0, 1, 127, 5])],
    ['int16', Int16Array.from([-32768, -2, 0, 513, 32767, 9])],
    ['int32', Int32Array.from([-(2 ** 31), -5, 0, 1, 2 ** 31 - 1, 70000])],
    ['float32', Float32Array.from([-1.5, 0, 3.25, 1e-8, 65504, Math.PI])],
    ['float64', Float64Array.from([-1.5, 0, Math.E, 1e-300, 1e300, Math.PI])],
  ])('round-trips %s through encodeIdx / writeIdx (raw and .gz)', async (dtype, data) => {
    const nd = { data, shape: [3, 2] }
    for (const file of [`a-${dtype}.idx`, `a-${dtype}.idx.gz`]) {
      const p = join(dir, file)
      await writeIdx(p, nd)
      const gz = file.endsWith('.gz')
      expect(readFileSync(p)[0] === 0x1f).toBe(gz)
      const back = await readIdx(p)
      expect(back.dtype).toBe(dtype)
      expect(back.shape).toEqual([3, 2])
      expect(back.data.constructor).toBe(data.constructor)
      expect(Array.from(back.data)).toEqual(Array.from(data))
    }
  })
  it('rejects corrupt files with a FileFormatError naming the problem', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0]))).toThrow(FileFormatError)
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(/expected 0, 0/)
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow(/type code 0x0a/)
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]))).toThrow(/0 dimensions/)
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0, 0]))).toThrow(
      /truncated inside its header/,
    )
    expect(() => parseIdx(HAND.subarray(0, HAND.length - 1))).toThrow(/truncated/)
    expect(() => parseIdx(Uint8Array.from([...HAND, 9]))).toThrow(/extra bytes/)
    const gz = new Uint8Array(gzipSync(HAND))
    expect(() => parseIdx(gz.subarray(0, gz.length - 6), 'cut.gz')).toThrow(/cut.gz looks gzipped/)
    expect(() => encodeIdx({ data: new Uint8Array(5), shape: [2, 3] })).toThrow(/does not match/)
  })
  it('readIdx reports corrupt gzip files and missing files', async () => {
    const p = join(dir, 'cut.idx.gz')
    const gz = new Uint8Array(gzipSync(HAND))
    writeFileSync(p, gz.subarray(0, gz.length - 6))
    await expect(readIdx(p)).rejects.toThrow(FileFormatError)
    await expect(readIdx(p)).rejects.toThrow(/cut.idx.gz looks gzipped/)
    expect(() => readIdxSync(p)).toThrow(FileFormatError)
    await expect(readIdx(join(dir, 'absent.idx'))).rejects.toThrow(DatasetNotFoundError)
    expect(() => readIdxSync(dir)).toThrow(/is a directory/)
  })
})

describe('MNIST-style loaders', () => {
  it('loads a small synthetic dataset folder', async () => {
    const d = mkdtempSync(join(dir, 'mnist-'))
    const n = 5
    const images = Uint8Array.from({ length: n * 28 * 28 }, (_, i) => i % 256)
    const labels = Uint8Array.from([3, 1, 4, 1, 5])
    writeFileSync(
      join(d, 't10k-images-idx3-ubyte.gz'),
      encodeIdx({ data: images, shape: [n, 28, 28] }, { gzip: true }),
    )
    writeFileSync(join(d, 't10k-labels-idx1-ubyte'), encodeIdx({ data: labels, shape: [n] }))
    const s = await loadMnistLike({ dir: d, split: 'test' })
    expect(s.images.shape).toEqual([5, 784])
    expect(s.images.data).toBeInstanceOf(Float32Array)
    expect(s.images.data[255]).toBe(1)
    expect(s.images.data[1]).toBeCloseTo(1 / 255, 7)
    expect(Array.from(s.labels.data)).toEqual([3, 1, 4, 1, 5])
    const raw = await loadMnistLike({
      dir: d,
      split: 'test',
      normalize: false,
      flatten: false,
      limit: 2,
    })
    expect(raw.images.shape).toEqual([2, 28, 28])
    expect(raw.images.data).toBeInstanceOf(Uint8Array)
    await expect(loadMnistLike({ dir: d, split: 'train' })).rejects.toThrow(DatasetNotFoundError)
  })

  const present = existsSync(join(FASHION_MNIST_DEFAULT_DIR, 't10k-labels-idx1-ubyte.gz'))
  it.skipIf(!present)('reads the real Fashion-MNIST files', async () => {
    const test = await loadFashionMnist({ split: 'test' })
    expect(test.images.shape).toEqual([10000, 784])
    expect(test.labels.shape).toEqual([10000])
    const counts = new Array(10).fill(0)
    for (const l of test.labels.data) counts[l]++
    expect(counts).toEqual(new Array(10).fill(1000))
    let max = 0
    for (const v of test.images.data) if (v > max) max = v
    expect(max).toBe(1)
    const train = await readIdx(join(FASHION_MNIST_DEFAULT_DIR, 'train-labels-idx1-ubyte.gz'))
    expect(train.shape).toEqual([60000])
    // The first training label of Fashion-MNIST is 9 (ankle boot), the first test label 9 too.
    expect(train.data[0]).toBe(9)
    expect(test.labels.data[0]).toBe(9)
  })
  if (!present) {
    it('skips the real-data test: Fashion-MNIST is not installed', () => {
      console.warn(
        `Fashion-MNIST not found in ${FASHION_MNIST_DEFAULT_DIR} (apt-get install dataset-fashion-mnist); real-data IDX test skipped`,
      )
    })
  }
})
