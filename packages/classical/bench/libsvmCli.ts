/**
 * Runs LIBSVM's own command-line tools (Debian's libsvm-tools: svm-train / svm-predict) on a
 * reference split written in LIBSVM's sparse text format to a temp dir. Times are wall-clock
 * per process, so they include process start-up and parsing the text files.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Split } from './datasets.js'

export function hasLibsvmCli(): boolean {
  const r = spawnSync('svm-train', [], { encoding: 'utf8' })
  return r.error === undefined
}

function toLibsvm(X: Float64Array[], y: Float64Array): string {
  const lines: string[] = []
  for (let i = 0; i < X.length; i++) {
    const parts = [String(y[i])]
    const row = X[i]
    for (let j = 0; j < row.length; j++) if (row[j] !== 0) parts.push(`${j + 1}:${row[j]}`)
    lines.push(parts.join(' '))
  }
  return `${lines.join('\n')}\n`
}

export interface CliResult {
  fitS: number[]
  /** CPU time (user + system) of each svm-train process, from bash's `time`. */
  fitCpuS: number[]
  predictS: number[]
  predictions: Float64Array
}

export function runLibsvmCli(d: Split, trainArgs: string[], repeats: number): CliResult {
  const dir = mkdtempSync(join(tmpdir(), 'mlstack-libsvm-'))
  try {
    const train = join(dir, 'train.svm')
    const test = join(dir, 'test.svm')
    const model = join(dir, 'model')
    const out = join(dir, 'out')
    writeFileSync(train, toLibsvm(d.Xtrain, d.ytrain))
    writeFileSync(test, toLibsvm(d.Xtest, d.ytest))
    const fitS: number[] = []
    const fitCpuS: number[] = []
    const predictS: number[] = []
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`
    const cmd = ['svm-train', ...trainArgs, '-q', train, model].map(quote).join(' ')
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now()
      const a = spawnSync(
        'bash',
        ['-c', `TIMEFORMAT='%3U %3S'; { time ${cmd} >/dev/null 2>&1 ; } 2>&1`],
        { encoding: 'utf8' },
      )
      fitS.push((performance.now() - t0) / 1000)
      const [u, s] = a.stdout.trim().split(/\s+/).map(Number)
      if (a.status !== 0 || !Number.isFinite(u + s)) {
        throw new Error(`svm-train failed: ${a.stderr || a.stdout}`)
      }
      fitCpuS.push(u + s)
    }
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now()
      const b = spawnSync('svm-predict', ['-q', test, model, out], { encoding: 'utf8' })
      predictS.push((performance.now() - t0) / 1000)
      if (b.status !== 0) throw new Error(`svm-predict failed: ${b.stderr || b.stdout}`)
    }
    const predictions = Float64Array.from(readFileSync(out, 'utf8').trim().split('\n').map(Number))
    return { fitS, fitCpuS, predictS, predictions }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
