/**
 * `pnpm --filter @mlstack/classical bench [filter...] [--write]`: times every bench case side by
 * side in one run — mlstack, the ml.js packages that do the same job, scikit-learn (through
 * bench/sklearn_bench.py with Debian's /usr/bin/python3, skipped with a message when missing) and
 * LIBSVM's CLI (when svm-train is on PATH). Fit and predict times are medians of `repeats` runs
 * after untimed warm-ups, as wall clock and as process CPU time (robust when other processes share
 * the cores; ratios use CPU time). Every `filter` word must match the case file, model or dataset
 * (e.g. `svm digits`); `--write`
 * (full runs only) rewrites the results table in BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { accuracy, loadSplit, referenceDir, type Split } from './datasets.js'
import { hasLibsvmCli, runLibsvmCli } from './libsvmCli.js'
import type { BenchCase } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const PYTHON = process.env.MLSTACK_PYTHON ?? '/usr/bin/python3'

interface Row {
  model: string
  dataset: string
  system: string
  fitS: number | null
  /** Process CPU time of fit (user + system): robust to other processes sharing the cores. */
  fitCpuS: number | null
  predictS: number | null
  score: number | null
  ratioBy?: 'cpu' | 'wall'
  note?: string
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function r2(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let mean = 0
  for (let i = 0; i < y.length; i++) mean += y[i]
  mean /= y.length
  let ss = 0
  let st = 0
  for (let i = 0; i < y.length; i++) {
    ss += (y[i] - p[i]) ** 2
    st += (y[i] - mean) ** 2
  }
  return 1 - ss / st
}

function hasSklearn(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], {
    encoding: 'utf8',
  })
  return r.status === 0 ? r.stdout.trim() : null
}

interface SklearnJob {
  id: number
  expr: string
  dataset: string
  prep: string
  task: string
  repeats: number
  ref: string
}

function runSklearn(
  jobs: SklearnJob[],
): { id: number; fit_s: number; fit_cpu_s: number; predict_s: number; score: number }[] {
  const r = spawnSync(PYTHON, [join(here, 'sklearn_bench.py')], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (r.status !== 0) throw new Error(`sklearn_bench.py failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

async function loadCases(): Promise<(BenchCase & { file: string })[]> {
  const dir = join(here, 'cases')
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const all: (BenchCase & { file: string })[] = []
  for (const f of files.sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: BenchCase[] }
    for (const c of mod.default) all.push({ ...c, file: f.replace(/\.ts$/, '') })
  }
  return all
}

async function timeContender(
  c: BenchCase,
  d: Split,
  contender: BenchCase['contenders'][number],
): Promise<Row> {
  const base = { model: c.model, dataset: `${d.name}/${d.prep}`, system: contender.system }
  const reason = contender.skip?.(d)
  if (reason) {
    return { ...base, fitS: null, fitCpuS: null, predictS: null, score: null, note: reason }
  }
  const repeats = c.repeats ?? 5
  const fits: number[] = []
  const cpus: number[] = []
  const preds: number[] = []
  // Untimed warm-up (at least 2 runs, then until 1 s has passed) lets V8 tier the hot loops up,
  // so the medians show steady-state speed even for sub-millisecond fits.
  let predict = await contender.fit(d)
  await predict(d.Xtest)
  const w0 = performance.now()
  for (let w = 1; w < 2 || (performance.now() - w0 < 1000 && w < 2000); w++) {
    predict = await contender.fit(d)
    await predict(d.Xtest)
  }
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    predict = await contender.fit(d)
    const c1 = process.cpuUsage(c0)
    fits.push((performance.now() - t0) / 1000)
    cpus.push((c1.user + c1.system) / 1e6)
  }
  let p: ArrayLike<number> = new Float64Array(0)
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now()
    p = await predict(d.Xtest)
    preds.push((performance.now() - t0) / 1000)
  }
  const score = c.task === 'classification' ? accuracy(d.ytest, p) : r2(d.ytest, p)
  return { ...base, fitS: median(fits), fitCpuS: median(cpus), predictS: median(preds), score }
}

function fmtMs(s: number | null): string {
  return s === null ? '—' : (s * 1000).toFixed(s < 0.01 ? 2 : 1)
}

function table(rows: Row[]): string {
  const out = [
    '| model | dataset | system | fit ms (wall) | fit ms (CPU) | predict ms (wall) | score | fit vs sklearn |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const sk = rows.find(
      (o) => o.model === r.model && o.dataset === r.dataset && o.system === 'scikit-learn',
    )
    const ratio =
      r.system === 'scikit-learn' || !sk
        ? ''
        : r.ratioBy === 'wall'
          ? sk.fitS && r.fitS !== null
            ? `${(r.fitS / sk.fitS).toFixed(2)}× (wall)`
            : ''
          : sk.fitCpuS && r.fitCpuS !== null
            ? `${(r.fitCpuS / sk.fitCpuS).toFixed(2)}×`
            : ''
    const score = r.score === null ? (r.note ?? '—') : r.score.toFixed(4)
    out.push(
      `| ${r.model} | ${r.dataset} | ${r.system} | ${fmtMs(r.fitS)} | ${fmtMs(r.fitCpuS)} | ${fmtMs(r.predictS)} | ${score} | ${ratio} |`,
    )
  }
  return out.join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const write = args.includes('--write')
  const filters = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase())
  const cases = await loadCases()
  // Every filter word must match the case file (svm, forest, linear), the model or the dataset.
  const match = (c: BenchCase & { file: string }, ds: string) =>
    filters.every((f) => c.file.includes(f) || c.model.toLowerCase().includes(f) || ds.includes(f))
  const skVersion = hasSklearn()
  const cli = hasLibsvmCli()
  console.log(
    `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}; ` +
      `scikit-learn: ${skVersion ?? `not found (${PYTHON} cannot import sklearn: apt-get install python3-sklearn) — skipped`}; ` +
      `LIBSVM CLI: ${cli ? 'svm-train' : 'not found (apt-get install libsvm-tools) — skipped'}`,
  )
  const rows: Row[] = []
  for (const c of cases) {
    for (const [name, prep] of c.datasets) {
      const ds = `${name}/${prep}`
      if (!match(c, ds)) continue
      const d = loadSplit(name, prep)
      for (const contender of c.contenders) {
        const row = await timeContender(c, d, contender)
        row.ratioBy = c.ratio ?? 'cpu'
        rows.push(row)
        console.error(`  ${c.model} ${ds} ${row.system}: fit ${fmtMs(row.fitS)} ms`)
      }
      if (c.sklearn) {
        const row: Row = {
          model: c.model,
          dataset: ds,
          system: 'scikit-learn',
          fitS: null,
          fitCpuS: null,
          predictS: null,
          score: null,
        }
        if (skVersion) {
          // Run right after the JS contenders (one Python process per case and dataset), so both
          // sides see the same machine load.
          const [res] = runSklearn([
            {
              id: 0,
              expr: c.sklearn,
              dataset: name,
              prep,
              task: c.task,
              repeats: c.repeats ?? 5,
              ref: referenceDir(),
            },
          ])
          row.fitS = res.fit_s
          row.fitCpuS = res.fit_cpu_s
          row.predictS = res.predict_s
          row.score = res.score
        } else row.note = 'not installed'
        rows.push(row)
      }
      if (c.libsvm && cli) {
        const r = runLibsvmCli(d, c.libsvm.trainArgs(d), c.repeats ?? 5)
        const score =
          c.task === 'classification'
            ? accuracy(d.ytest, r.predictions)
            : r2(d.ytest, r.predictions)
        rows.push({
          model: c.model,
          dataset: ds,
          system: 'LIBSVM CLI',
          fitS: median(r.fitS),
          fitCpuS: median(r.fitCpuS),
          predictS: median(r.predictS),
          score,
        })
      }
    }
  }
  // Rows within a case/dataset: contenders first, then scikit-learn and LIBSVM (push order).
  const md = table(rows)
  console.log(md)
  if (write) {
    if (filters.length > 0) {
      console.error('--write ignored: only a full (unfiltered) run rewrites BENCHMARKS.md')
      return
    }
    const path = join(here, '..', 'BENCHMARKS.md')
    const text = readFileSync(path, 'utf8')
    const start = '<!-- bench:start -->'
    const end = '<!-- bench:end -->'
    const i = text.indexOf(start)
    const j = text.indexOf(end)
    if (i < 0 || j < 0) throw new Error(`BENCHMARKS.md lacks the ${start} / ${end} markers`)
    const stamp = `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}, scikit-learn ${skVersion ?? 'n/a'}.`
    writeFileSync(path, `${text.slice(0, i + start.length)}\n${stamp}\n\n${md}\n${text.slice(j)}`)
    console.error(`wrote ${path}`)
  }
}

await main()
