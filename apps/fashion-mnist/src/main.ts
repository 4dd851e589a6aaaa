/**
 * The main job's CLI (`pnpm start` at the repository root): trains the seed MLP on
 * Fashion-MNIST and prints test accuracy, the confusion matrix and per-class F1; the model,
 * report.html and metrics.json go to out/. Flags: see `--help` or README.md.
 */
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataError } from '@mlstack/data'
import { FashionMnistAppError } from './errors.js'
import { parseCli, USAGE } from './parseCli.js'
import { PYTORCH_ANCHOR } from './RunResult.js'
import { formatConfusion, runPipeline } from './runPipeline.js'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')

async function main(): Promise<void> {
  // pnpm runs the script in the app's folder; INIT_CWD is where the user typed the command.
  const userDir = process.env.INIT_CWD ?? process.cwd()
  const options = parseCli(process.argv.slice(2), join(appDir, 'out'), userDir)
  if (options.help) {
    console.log(USAGE)
    return
  }
  const t0 = performance.now()
  const r = await runPipeline(options, {
    log: (line) => console.log(line),
    progressBar: !options.quiet && process.stderr.isTTY === true,
    command: ['pnpm start', ...process.argv.slice(2).filter((a) => a !== '--')].join(' '),
  })
  const names = r.classes.map((c) => c.name)
  console.log(
    `\ntest accuracy: ${(r.testAccuracy * 100).toFixed(2)} % (${r.data.test} images, ${r.data.kind} data)`,
  )
  const anchor = PYTORCH_ANCHOR.find((a) => a.epoch === r.recipe.epochs)
  if (anchor && r.data.train === 60000 && r.data.test === 10000) {
    const d = (r.testAccuracy - anchor.value) * 100
    console.log(
      `PyTorch anchor, same recipe (seed 0), after ${anchor.epoch} epoch(s): ${(anchor.value * 100).toFixed(1)} % (${d >= 0 ? '+' : ''}${d.toFixed(2)} points; seed-to-seed spread ≈ ±0.4, see apps/fashion-mnist/README.md)`,
    )
  }
  console.log(`macro F1: ${r.macroF1.toFixed(4)}\n`)
  console.log('confusion matrix (rows: true class, columns: predicted)')
  console.log(formatConfusion(r.confusion, names))
  console.log('\nper-class precision, recall, F1 (test set)')
  console.log(r.classificationText)
  const rel = (p: string) => {
    const r = relative(userDir, p)
    return r === '' || r.startsWith('..') ? p : r
  }
  console.log(`model:   ${rel(r.files.model)}`)
  console.log(`report:  ${rel(r.files.report)}  (open it in a browser)`)
  console.log(`metrics: ${rel(r.files.metrics)}`)
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

main().catch((e: unknown) => {
  // Our usage/data-source errors and @mlstack/data's (a corrupt or truncated IDX file) are the
  // user's to fix: one line, no stack trace.
  if (e instanceof FashionMnistAppError || e instanceof DataError) {
    console.error(`error: ${e.message}`)
    process.exitCode = 2
    return
  }
  console.error(e)
  process.exitCode = 1
})
