// Save → load round trips, format/version checks, and atomic checkpoint writes.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ModelFormatError,
  Random,
  randn,
  saveSafetensors,
  type Tensor,
  tensorsToSafetensors,
} from '@mlstack/core'
import { describe, expect, test } from 'vitest'
import {
  BatchNorm2d,
  Conv2d,
  Dense,
  Dropout,
  Flatten,
  LayerNorm,
  l2,
  loadModel,
  loadModelWithInfo,
  MaxPool2d,
  MODEL_FORMAT,
  ModelCheckpoint,
  modelToBytes,
  ReLU,
  Sequential,
} from '../src/index.js'
import { atomicWrite } from '../src/internal/atomicWrite.js'

const dir = () => mkdtempSync(join(tmpdir(), 'nn-save-'))

function blobs(n: number): { x: Float32Array; y: Int32Array } {
  const rng = new Random(1)
  const x = new Float32Array(n * 4)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = i % 3
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal() + (j === y[i] ? 2 : 0)
  }
  return { x, y }
}

describe('save / load', () => {
  test('MLP: trained, saved, loaded → identical predictions and metadata', async () => {
    const d = blobs(90)
    const m = new Sequential([
      new Dense({
        units: 8,
        activation: 'relu',
        inputShape: [4],
        seed: 0,
        kernelRegularizer: l2(1e-3),
      }),
      new Dropout({ rate: 0.2, seed: 1 }),
      new Dense({ units: 3, activation: 'softmax', seed: 2 }),
    ])
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
    await m.fit({ data: d.x, shape: [90, 4] }, d.y, { epochs: 2, verbose: 0 })
    const path = join(dir(), 'm.safetensors')
    await m.save(path, { metadata: { dataset: 'blobs' } })
    const { model, info } = await loadModelWithInfo<Sequential>(path)
    expect(model).toBeInstanceOf(Sequential)
    expect(model.summary()).toBe(m.summary())
    const xs = { data: d.x, shape: [90, 4] }
    expect(Array.from(model.predict(xs).dataSync())).toEqual(Array.from(m.predict(xs).dataSync()))
    expect(info.user).toEqual({ dataset: 'blobs' })
    expect(info.training.epochs).toBe(2)
    expect(info.training.loss).toBe('sparseCategoricalCrossentropy')
    // The header is plain safetensors metadata (readable by PyTorch / HF tools).
    const bytes = readFileSync(path)
    const hlen = Number(bytes.readBigUInt64LE(0))
    const header = JSON.parse(bytes.subarray(8, 8 + hlen).toString('utf8'))
    expect(header.__metadata__.format).toBe(MODEL_FORMAT)
    expect(header.__metadata__.format_version).toBe('1')
    expect(JSON.parse(header.__metadata__.model_config).className).toBe('Sequential')
    expect(header['0.weight'].shape).toEqual([4, 8])
  })

  test('CNN with BatchNorm running stats and LayerNorm round-trips', async () => {
    const m = new Sequential({
      inputShape: [1, 8, 8],
      layers: [
        new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1, seed: 0 }),
        new BatchNorm2d({ numFeatures: 4 }),
        new ReLU(),
        new MaxPool2d({ kernelSize: 2 }),
        new Flatten(),
        new LayerNorm({ normalizedShape: 64 }),
        new Dense({ units: 5, seed: 3 }),
      ],
    })
    const x = randn([6, 1, 8, 8], { seed: 9 })
    m.call(x) // training-mode pass updates the running statistics
    const path = join(dir(), 'cnn.safetensors')
    await m.save(path)
    const back = await loadModel<Sequential>(path)
    expect(Array.from(back.predict(x).dataSync())).toEqual(Array.from(m.predict(x).dataSync()))
    expect(Array.from((back.stateDict()['1.runningVar'] as Tensor).dataSync())).toEqual(
      Array.from((m.stateDict()['1.runningVar'] as Tensor).dataSync()),
    )
  })

  test('a file of another format or version throws ModelFormatError saying what it found', async () => {
    const p = join(dir(), 'plain.safetensors')
    await saveSafetensors(p, { w: randn([2, 2]) }, { format: 'pt' })
    await expect(loadModel(p)).rejects.toThrow(ModelFormatError)
    await expect(loadModel(p)).rejects.toThrow(
      /found format 'pt' version \(none\), expected format 'mlstack.nn.model' version '1'/,
    )
    const m = new Sequential([new Dense({ units: 2, inputShape: [3], seed: 0 })])
    const bytes = await modelToBytes(m)
    const text = Buffer.from(bytes)
      .toString('latin1')
      .replace('"format_version":"1"', '"format_version":"9"')
    const p2 = join(dir(), 'v9.safetensors')
    writeFileSync(p2, Buffer.from(text, 'latin1'))
    await expect(loadModel(p2)).rejects.toThrow(
      /version '9', expected format 'mlstack.nn.model' version '1'/,
    )
    const p3 = join(dir(), 'garbage.safetensors')
    writeFileSync(p3, 'not a model')
    await expect(loadModel(p3)).rejects.toThrow(ModelFormatError)
    // Tensors that do not match the architecture.
    const cfg = JSON.stringify({
      className: 'Sequential',
      config: { layers: [{ className: 'Dense', config: { units: 2, inFeatures: 3 } }] },
    })
    const wrong = await tensorsToSafetensors(
      { '0.weight': randn([3, 5]), '0.bias': randn([2]) },
      { format: MODEL_FORMAT, format_version: '1', model_config: cfg },
    )
    const p4 = join(dir(), 'wrong.safetensors')
    writeFileSync(p4, wrong)
    await expect(loadModel(p4)).rejects.toThrow(
      /'0.weight' is float32 \[3, 5\], the architecture expects float32 \[3, 2\]/,
    )
    const unknown = cfg.replace('"Dense"', '"Mystery"')
    const p5 = join(dir(), 'unknown.safetensors')
    writeFileSync(
      p5,
      await tensorsToSafetensors(
        {},
        { format: MODEL_FORMAT, format_version: '1', model_config: unknown },
      ),
    )
    await expect(loadModel(p5)).rejects.toThrow(/unknown layer class 'Mystery'/)
  })
})

describe('atomic checkpoint writes', () => {
  test('a write that fails midway leaves the previous file intact and no temp file', async () => {
    const d = dir()
    const path = join(d, 'ckpt.safetensors')
    writeFileSync(path, 'previous good checkpoint')
    const real = await import('node:fs/promises')
    const failing = {
      open: async (p: string, f: string) => {
        const h = await real.open(p, f)
        let calls = 0
        return {
          write: async (data: Uint8Array, off: number, len: number) => {
            if (calls++ > 0) throw new Error('disk full (injected)')
            const half = Math.floor(len / 2)
            await h.write(data, off, half)
            return { bytesWritten: half }
          },
          sync: () => h.sync(),
          close: () => h.close(),
        }
      },
      rename: real.rename,
      unlink: real.unlink,
    }
    await expect(atomicWrite(path, new Uint8Array(1000).fill(7), failing)).rejects.toThrow(
      /disk full/,
    )
    expect(readFileSync(path, 'utf8')).toBe('previous good checkpoint')
    expect(readdirSync(d)).toEqual(['ckpt.safetensors'])
  })

  test('killing a process mid-save never leaves a corrupt checkpoint', async () => {
    const d = dir()
    const path = join(d, 'model.safetensors')
    // The child rewrites a ~8 MB model in a loop; it is SIGKILLed at an arbitrary moment.
    const script = `
      import { Dense, Sequential } from './src/index.ts'
      const m = new Sequential([new Dense({ units: 2048, inputShape: [1024], seed: 0 })])
      process.stdout.write('ready\\n')
      for (;;) await m.save(${JSON.stringify(path)})
    `
    for (let round = 0; round < 3; round++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=@mlstack/source', '--input-type=module', '-e', script],
        {
          cwd: new URL('..', import.meta.url).pathname,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      await new Promise<void>((res) => child.stdout.once('data', () => res()))
      await new Promise((r) => setTimeout(r, 150 + round * 170))
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
      if (existsSync(path)) {
        const m = await loadModel<Sequential>(path)
        expect(m.parameters()[0].shape).toEqual([1024, 2048])
        m.dispose()
      }
    }
    expect(existsSync(path)).toBe(true)
  }, 60_000)

  test('ModelCheckpoint saves the best epoch only', async () => {
    const d = blobs(60)
    const dd = dir()
    const m = new Sequential([
      new Dense({ units: 3, activation: 'softmax', inputShape: [4], seed: 0 }),
    ])
    m.compile({ optimizer: { name: 'adam', lr: 0.05 }, loss: 'sparseCategoricalCrossentropy' })
    const ck = new ModelCheckpoint({
      filepath: join(dd, 'best-{epoch}.safetensors'),
      monitor: 'loss',
      saveBestOnly: true,
    })
    const h = await m.fit({ data: d.x, shape: [60, 4] }, d.y, {
      epochs: 4,
      verbose: 0,
      callbacks: [ck],
      shuffle: false,
    })
    const losses = h.history.loss as number[]
    const improving = losses.filter((l, i) => losses.slice(0, i).every((p) => l < p)).length
    expect(ck.saved).toHaveLength(improving)
    const last = await loadModelWithInfo<Sequential>(ck.saved[ck.saved.length - 1])
    expect(last.info.user?.epoch).toBe(
      Number(ck.saved[ck.saved.length - 1].match(/best-(\d+)/)?.[1]),
    )
  })
})
