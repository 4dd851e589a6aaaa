// The web page in a real browser (Debian's headless Chromium through playwright-core): it lists
// the models, a drawing on the 28×28 canvas is sent to the server, and the probabilities shown
// are the model's answer for exactly the pixels the page sent. A screenshot is saved.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LogisticRegression } from '@mlstack/classical'
import { Dense, modelToBytes, Sequential } from '@mlstack/nn'
import * as ort from 'onnxruntime-node'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type TestServer } from './helpers.js'
import { mlpModel, typesModel, writeModel } from './models.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url))
const LABELS = [
  'T-shirt',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Boot',
]

// mlstack's own models on the page: an nn model with a 784-wide input and a classical estimator.
const IRIS = ['setosa', 'versicolor', 'virginica']
const irisX = [
  [5.1, 3.5, 1.4, 0.2],
  [4.9, 3.0, 1.4, 0.2],
  [6.7, 3.1, 4.4, 1.4],
  [6.3, 2.5, 4.9, 1.5],
  [7.7, 3.0, 6.1, 2.3],
  [6.5, 3.0, 5.8, 2.2],
]
const iris = new LogisticRegression().fit(irisX, [0, 0, 1, 1, 2, 2])
const nnDigits = new Sequential([
  new Dense({ units: 10, activation: 'softmax', inputShape: [784], seed: 5 }),
])

/** Draws the same stroke on the page's 28×28 pad; resolves with the infer request it sent. */
async function draw(
  page: Page,
  model: string,
): Promise<{ inputs: { shape: number[]; data: number[] }[] }> {
  const sent = page.waitForRequest((r) => r.url().endsWith(`/v2/models/${model}/infer`))
  const box = await page.locator('#pad').boundingBox()
  if (!box) throw new Error('no canvas')
  await page.mouse.move(box.x + 90, box.y + 60)
  await page.mouse.down()
  for (const [x, y] of [
    [190, 60],
    [190, 140],
    [100, 220],
    [140, 230],
  ] as const) {
    await page.mouse.move(box.x + x, box.y + y, { steps: 8 })
  }
  await page.mouse.up()
  return JSON.parse((await sent).postData() ?? '{}')
}

/** The probability rows the page shows: [label, value]. */
function shownProbabilities(page: Page): Promise<[string | null, number][]> {
  return page
    .locator('#probs .prob-row')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          [e.getAttribute('data-class'), Number(e.querySelector('.prob-value')?.textContent)] as [
            string | null,
            number,
          ],
      ),
    )
}

if (!existsSync(CHROMIUM)) {
  console.warn(
    `ui.test.ts: skipped: ${CHROMIUM} is absent (apt-get install chromium to run the browser test)`,
  )
}

describe.skipIf(!existsSync(CHROMIUM))('web page in headless Chromium', () => {
  let s: TestServer
  let browser: BrowserContext
  let profile: string
  beforeAll(async () => {
    const nnBytes = await modelToBytes(nnDigits)
    s = await startServer((repo) => {
      writeModel(repo, 'fashion', 1, mlpModel(11), { labels: { probabilities: LABELS } })
      writeModel(repo, 'types', 1, typesModel())
      mkdirSync(join(repo, 'digits-nn', '1'), { recursive: true })
      writeFileSync(join(repo, 'digits-nn', '1', 'model.safetensors'), nnBytes)
      mkdirSync(join(repo, 'iris', '1'), { recursive: true })
      writeFileSync(join(repo, 'iris', '1', 'model.json'), JSON.stringify(iris.toJSON()))
      writeFileSync(
        join(repo, 'iris', 'config.json'),
        JSON.stringify({ labels: { probabilities: IRIS } }),
      )
    })
    profile = mkdtempSync(join(tmpdir(), 'mlstack-chromium-'))
    // A fresh profile per run: launchPersistentContext owns the --user-data-dir flag.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await s?.close()
    rmSync(profile, { recursive: true, force: true })
  })

  test('draw on the canvas, get the model’s class probabilities, see live charts', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(s.url)
    await page.locator('#models li[data-model="fashion"]').waitFor()
    expect(await page.locator('#models li').allTextContents()).toEqual([
      'digits-nnv1',
      'fashionv1',
      'irisv1',
      'typesv1',
    ])
    await page.locator('#models li[data-model="fashion"]').click()
    await page.locator('#draw-panel').waitFor({ state: 'visible' })
    await expect.poll(() => page.locator('#metadata').textContent()).toContain('probabilities')

    const request = await draw(page, 'fashion')
    const pixels = request.inputs[0]?.data as number[]
    expect(request.inputs[0]?.shape).toEqual([1, 784])
    expect(pixels.filter((p) => p > 0.5).length).toBeGreaterThan(20)
    expect(pixels.filter((p) => p === 0).length).toBeGreaterThan(400)

    await page.locator('#probs .prob-row').first().waitFor()
    const rows = await shownProbabilities(page)
    const session = await ort.InferenceSession.create(mlpModel(11))
    const ref = await session.run({
      input: new ort.Tensor('float32', Float32Array.from(pixels), [1, 784]),
    })
    await session.release()
    const want = Array.from(ref.probabilities?.data as Float32Array)
    expect(rows.map((r) => r[0])).toEqual(LABELS)
    for (const [i, r] of rows.entries()) expect(r[1]).toBeCloseTo(want[i] as number, 3)
    const top = LABELS[want.indexOf(Math.max(...want))]
    expect(await page.locator('#probs').getAttribute('data-top')).toBe(top)

    // Traffic shows up in the live request chart (fed by /metrics).
    await Promise.all(
      Array.from({ length: 20 }, () =>
        s.post('/v2/models/fashion/infer', {
          inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: pixels }],
        }),
      ),
    )
    await expect
      .poll(async () => Number(await page.locator('#rps-now').textContent()), { timeout: 10_000 })
      .toBeGreaterThan(0)
    expect(await page.locator('#chart-rps polyline').count()).toBe(1)
    expect(await page.locator('#health').textContent()).toBe('ready')
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'serve-ui.png'), fullPage: true })

    // Other models get a JSON form with a template request.
    await page.locator('#models li[data-model="types"]').click()
    await page.locator('#json-panel').waitFor({ state: 'visible' })
    const template = JSON.parse(await page.locator('#request').inputValue())
    expect(template.inputs.map((t: { name: string }) => t.name)).toContain('bytes_in')
    await page.locator('#send').click()
    await expect.poll(() => page.locator('#raw').textContent()).toContain('"model_name":"types"')
    expect(errors).toEqual([])
  }, 60_000)
  test('mlstack models: an nn 784-input model gets the drawing pad, a classical one the form', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(s.url)
    await page.locator('#models li[data-model="digits-nn"]').click()
    await expect.poll(() => page.locator('#model-title').textContent()).toBe('digits-nn')
    await page.locator('#draw-panel').waitFor({ state: 'visible' })
    await expect.poll(() => page.locator('#metadata').textContent()).toContain('mlstack_nn')
    const request = await draw(page, 'digits-nn')
    const pixels = request.inputs[0]?.data as number[]
    await page.locator('#probs .prob-row').first().waitFor()
    const rows = await shownProbabilities(page)
    const ref = nnDigits.predict({ data: Float32Array.from(pixels), shape: [1, 784] })
    const want = Array.from(ref.dataSync())
    ref.dispose()
    expect(rows.length).toBe(10)
    for (const [i, r] of rows.entries()) expect(r[1]).toBeCloseTo(want[i] as number, 3)

    // The classical estimator: a JSON form; its probabilities come back with config labels.
    await page.locator('#models li[data-model="iris"]').click()
    await page.locator('#json-panel').waitFor({ state: 'visible' })
    const template = JSON.parse(await page.locator('#request').inputValue())
    expect(template.inputs[0]).toMatchObject({ name: 'input', datatype: 'FP64', shape: [1, 4] })
    const flower = [6.9, 3.1, 5.4, 2.1]
    template.inputs[0].data = flower
    await page.locator('#request').fill(JSON.stringify(template))
    await page.locator('#send').click()
    await expect.poll(() => page.locator('#raw').textContent()).toContain('"model_name":"iris"')
    const shown = await shownProbabilities(page)
    const proba = iris.predictProba([flower]).getRow(0)
    expect(shown.map((r) => r[0])).toEqual(IRIS)
    for (const [i, r] of shown.entries()) expect(r[1]).toBeCloseTo(proba[i] as number, 3)
    expect(errors).toEqual([])
  }, 60_000)
})
