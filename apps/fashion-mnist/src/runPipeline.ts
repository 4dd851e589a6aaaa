/**
 * The whole job, as a function the CLI and the tests share: pick and load the data, train the
 * seed model (test-set loss and accuracy after every epoch), score it with @mlstack/metrics,
 * save it (safetensors) and write the HTML report and a metrics.json next to it.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { FASHION_MNIST_CLASSES } from '@mlstack/data'
import { classificationReport, confusionMatrix, f1Score } from '@mlstack/metrics'
import { Callback, type Logs, type Sequential } from '@mlstack/nn'
import { buildModel, INIT_DESCRIPTIONS, MODEL_DESCRIPTION } from './buildModel.js'
import { type DataSource, resolveDataSource } from './dataSource.js'
import { type FashionMnistData, loadData } from './loadData.js'
import type { AppOptions } from './parseCli.js'
import type { ClassScores, RunResult } from './RunResult.js'
import { renderReport } from './renderReport.js'

export interface PipelineHooks {
  /** Progress lines (data used, one line per epoch, files written). Default: nothing. */
  log?: (line: string) => void
  /** nn's progress bar (only drawn on a TTY). */
  progressBar?: boolean
  /** Overrides of the data-source search, for tests. */
  fullDir?: string
  embeddedDir?: string
  /** The command line shown in the report. */
  command?: string
  /** Called with the trained model (before it is disposed) and the data, e.g. to compare a reload. */
  onTrained?: (model: Sequential, data: FashionMnistData) => void | Promise<void>
}

/** Times each epoch and logs one line per epoch. */
class EpochLogger extends Callback {
  readonly seconds: number[] = []
  private t0 = 0
  constructor(private readonly log: (line: string) => void) {
    super()
  }
  override onEpochBegin(): void {
    this.t0 = performance.now()
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const s = (performance.now() - this.t0) / 1000
    this.seconds.push(s)
    const total = this.params?.epochs ?? 0
    this.log(
      `epoch ${String(epoch + 1).padStart(2)}/${total}  loss ${(logs.loss ?? Number.NaN).toFixed(4)}  acc ${pct(logs.accuracy)}  test loss ${(logs.val_loss ?? Number.NaN).toFixed(4)}  test acc ${pct(logs.val_accuracy)}  ${s.toFixed(1)} s`,
    )
  }
}

const pct = (v: number | undefined): string => `${((v ?? Number.NaN) * 100).toFixed(2)} %`

/** Formats a confusion matrix as a text table with short class names. */
export function formatConfusion(
  matrix: readonly (readonly number[])[],
  names: readonly string[],
): string {
  // Fits 10 classes in 100 columns: 'T-shirt/top' → 'T-shirt', 'Ankle boot' → 'Boot'.
  const short = names.map((n) => {
    if (n.length <= 8) return n
    if (n.includes('/')) return n.slice(0, n.indexOf('/')).slice(0, 8)
    const last = n.split(' ').pop() ?? n
    return (last.charAt(0).toUpperCase() + last.slice(1)).slice(0, 8)
  })
  const w = Math.max(5, ...matrix.flat().map((v) => String(v).length + 1))
  const head = `${'true \\ pred'.padEnd(12)}${short.map((s) => s.padStart(Math.max(w, 9))).join('')}`
  const rows = matrix.map(
    (row, i) =>
      `${(short[i] ?? String(i)).padEnd(12)}${row.map((v) => String(v).padStart(Math.max(w, 9))).join('')}`,
  )
  return [head, ...rows].join('\n')
}

/**
 * Runs the job end to end and returns what it measured (also written to `outDir`).
 *
 * @example
 * const r = await runPipeline({ ...defaults, epochs: 1, trainLimit: 500 }, { log: console.log })
 * r.testAccuracy // e.g. 0.71
 */
export async function runPipeline(
  options: AppOptions,
  hooks: PipelineHooks = {},
): Promise<RunResult> {
  const log = hooks.log ?? (() => {})
  const source: DataSource = resolveDataSource({
    dataDir: options.dataDir,
    subset: options.subset,
    fullDir: hooks.fullDir,
    embeddedDir: hooks.embeddedDir,
  })
  const data = await loadData(source, {
    trainLimit: options.trainLimit,
    testLimit: options.testLimit,
  })
  const nTrain = data.yTrain.length
  const nTest = data.yTest.length
  log(`data: ${source.description}`)
  log(`      ${nTrain} training images, ${nTest} test images`)

  const model = buildModel(options.seed, options.init)
  model.compile({
    optimizer: { name: 'adam', lr: options.learningRate },
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  })
  const summary = model.summary()
  log(
    `model: ${MODEL_DESCRIPTION}; Adam lr ${options.learningRate}, batch ${options.batchSize}, ${options.epochs} epoch(s), seed ${options.seed}`,
  )

  const epochLogger = new EpochLogger(log)
  const history = await model.fit(data.xTrain, data.yTrain, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    shuffle: true,
    seed: options.seed,
    validationData: [data.xTest, data.yTest],
    callbacks: [epochLogger],
    verbose: hooks.progressBar ? 1 : 0,
  })

  const probs = model.predict(data.xTest)
  const predTensor = probs.argmax(-1)
  const yPred = Array.from(predTensor.dataSync(), Number)
  probs.dispose()
  predTensor.dispose()
  const yTrue = Array.from(data.yTest, Number)
  const labels = FASHION_MNIST_CLASSES.map((_, i) => i)
  const names = [...FASHION_MNIST_CLASSES]
  const confusion = confusionMatrix(yTrue, yPred, { labels })
  const report = classificationReport(yTrue, yPred, {
    labels,
    targetNames: names,
    digits: 4,
    zeroDivision: 0,
  })
  const correct = yPred.reduce((a, p, i) => a + (p === yTrue[i] ? 1 : 0), 0)
  const testAccuracy = correct / nTest
  const classes: ClassScores[] = report.classes.map((row) => ({
    name: row.name,
    precision: row.precision,
    recall: row.recall,
    f1: row.f1Score,
    support: row.support,
  }))

  mkdirSync(options.outDir, { recursive: true })
  const files = {
    model: join(options.outDir, 'model.safetensors'),
    report: join(options.outDir, 'report.html'),
    metrics: join(options.outDir, 'metrics.json'),
  }
  await model.save(files.model, {
    metadata: {
      app: '@mlstack/fashion-mnist',
      data: source.kind,
      trainSamples: nTrain,
      testSamples: nTest,
      testAccuracy,
      classes: names,
    },
  })
  await hooks.onTrained?.(model, data)
  model.dispose()

  const h = history.history
  const result: RunResult = {
    data: {
      kind: source.kind,
      dir: source.dir,
      description: source.description,
      train: nTrain,
      test: nTest,
    },
    recipe: {
      model: MODEL_DESCRIPTION,
      optimizer: `Adam (lr ${options.learningRate}, β = (0.9, 0.999), ε = 1e-8)`,
      loss: 'sparse categorical cross-entropy (trained on the logits, fused with the softmax)',
      initializer: INIT_DESCRIPTIONS[options.init],
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      seed: options.seed,
    },
    history: {
      loss: h.loss ?? [],
      accuracy: h.accuracy ?? [],
      testLoss: h.val_loss ?? [],
      testAccuracy: h.val_accuracy ?? [],
    },
    epochSeconds: epochLogger.seconds,
    testAccuracy,
    macroF1: f1Score(yTrue, yPred, { labels, average: 'macro', zeroDivision: 0 }) as number,
    weightedF1: report.weightedAvg.f1Score,
    classes,
    confusion,
    classificationText: report.text,
    modelSummary: summary,
    files,
    generated: new Date().toISOString(),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, Node ${process.version}`,
    command: hooks.command ?? 'pnpm start',
  }
  writeFileSync(files.report, renderReport(result))
  writeFileSync(files.metrics, `${JSON.stringify(result, null, 2)}\n`)
  return result
}
