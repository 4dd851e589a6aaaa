/**
 * The classical tour: `pnpm --filter @mlstack/classical-tour start [--datasets iris,digits]
 * [--only Forest] [--no-warmup]` runs every estimator, prints the table and writes out/tour.html.
 * By default each estimator is fitted once untimed first, so the times show warmed-up code.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DATASETS, type DatasetName } from './datasets.js'
import { formatTable, renderHtml } from './report.js'
import { runTour } from './runTour.js'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const requested = (arg('datasets') ?? DATASETS.join(',')).split(',') as DatasetName[]
for (const d of requested) {
  if (!DATASETS.includes(d)) {
    console.error(`unknown dataset '${d}'; expected some of ${DATASETS.join(', ')}`)
    process.exit(2)
  }
}
const only = arg('only')
const rows = runTour(requested, {
  only: only ? (name) => name.includes(only) : undefined,
  warmup: !process.argv.includes('--no-warmup'),
  onRow: (r) => process.stderr.write(`  ${r.dataset} ${r.estimator}\n`),
})
console.log(formatTable(rows))
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'tour.html')
mkdirSync(dirname(out), { recursive: true })
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}`
writeFileSync(out, renderHtml(rows, { generated: new Date().toISOString(), machine }))
console.log(`\nwrote ${out}`)
const failed = rows.filter((r) => r.error)
if (failed.length > 0) {
  console.error(`${failed.length} estimator(s) failed`)
  process.exitCode = 1
}
