import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Tensor } from '@mlstack/core'
import { loadModel, type Sequential } from '@mlstack/nn'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli } from '../src/parseCli.js'
import type { RunResult } from '../src/RunResult.js'
import { runPipeline } from '../src/runPipeline.js'

// One short run on a slice of the embedded subset, shared by the checks below.
let out: string
let result: RunResult
let probs: Float32Array
let xTest: { data: Float32Array; shape: number[] }
const lines: string[] = []

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'fm-pipeline-'))
  const options = parseCli(
    ['--epochs', '2', '--train-limit', '400', '--test-limit', '200', '--out', out],
    out,
  )
  result = await runPipeline(options, {
    log: (l) => lines.push(l),
    // Pretend the full data is absent, so the test is the same on every machine.
    fullDir: join(out, 'no-full-data-here'),
    onTrained: (model: Sequential, data) => {
      const p = model.predict(data.xTest)
      probs = Float32Array.from(p.dataSync() as Float32Array)
      p.dispose()
      xTest = data.xTest
    },
  })
}, 60_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('runPipeline on a slice of the embedded subset', () => {
  it('says which data it used', () => {
    expect(result.data.kind).toBe('subset')
    expect(result.data.train).toBe(400)
    expect(result.data.test).toBe(200)
    expect(lines[0]).toMatch(/^data: embedded Fashion-MNIST subset/)
    expect(lines.filter((l) => l.startsWith('epoch '))).toHaveLength(2)
  })

  it('learns something and reports consistent metrics', () => {
    expect(result.history.loss).toHaveLength(2)
    expect(result.history.testAccuracy).toHaveLength(2)
    // 10 classes: chance is 10 %; two epochs on 400 images already do far better.
    expect(result.testAccuracy).toBeGreaterThan(0.4)
    expect(result.history.loss[1]).toBeLessThan(result.history.loss[0] as number)
    // The last epoch's test accuracy (from fit) equals the one computed from predictions.
    expect(result.history.testAccuracy[1]).toBeCloseTo(result.testAccuracy, 10)
    const cm = result.confusion
    expect(cm).toHaveLength(10)
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(200)
    const diag = cm.reduce((a, row, i) => a + (row[i] as number), 0)
    expect(diag / 200).toBeCloseTo(result.testAccuracy, 12)
    expect(result.classes.map((c) => c.name)).toContain('Ankle boot')
    expect(result.classes.reduce((a, c) => a + c.support, 0)).toBe(200)
    const macro = result.classes.reduce((a, c) => a + c.f1, 0) / 10
    expect(result.macroF1).toBeCloseTo(macro, 12)
    expect(result.classificationText).toContain('macro avg')
  })

  it('writes a self-contained HTML report with the expected sections', () => {
    const html = readFileSync(result.files.report, 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    for (const id of ['summary', 'curves', 'confusion-matrix', 'per-class', 'epochs', 'run']) {
      expect(html).toContain(`id="${id}"`)
    }
    expect(html).toContain('Loss per epoch')
    expect(html).toContain('Accuracy per epoch')
    expect((html.match(/<svg /g) ?? []).length).toBe(3)
    // 100 heatmap cells, each with its count as a tooltip.
    expect((html.match(/<title>true /g) ?? []).length).toBe(100)
    expect(html).toContain(`${(result.testAccuracy * 100).toFixed(2)} %`)
    expect(html).toContain('embedded subset')
    // Nothing loaded from elsewhere: no scripts, stylesheets or images by URL.
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i)
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  })

  it('writes metrics.json with the same numbers', () => {
    const m = JSON.parse(readFileSync(result.files.metrics, 'utf8'))
    expect(m.testAccuracy).toBe(result.testAccuracy)
    expect(m.confusion).toEqual(result.confusion)
    expect(m.history.loss).toEqual(result.history.loss)
  })

  it('saves a model that reloads to identical predictions', async () => {
    expect(existsSync(result.files.model)).toBe(true)
    const model = await loadModel<Sequential>(result.files.model)
    const p: Tensor = model.predict(xTest)
    expect(p.shape).toEqual([200, 10])
    expect(Float32Array.from(p.dataSync() as Float32Array)).toEqual(probs)
    p.dispose()
    model.dispose()
  })

  it('stores what the model was trained on in the file header', async () => {
    const bytes = readFileSync(result.files.model)
    const headerLen = Number(bytes.readBigUInt64LE(0))
    const header = JSON.parse(bytes.subarray(8, 8 + headerLen).toString('utf8'))
    const user = JSON.parse(header.__metadata__.user)
    expect(user).toMatchObject({ app: '@mlstack/fashion-mnist', data: 'subset', trainSamples: 400 })
    expect(Object.keys(header)).toContain('0.weight')
  })
})
