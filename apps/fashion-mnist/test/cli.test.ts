import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = join(appDir, 'node_modules', '.bin', 'tsx')
const run = (args: string[]) =>
  spawnSync(tsx, ['--conditions=@mlstack/source', join(appDir, 'src', 'main.ts'), ...args], {
    cwd: appDir,
    encoding: 'utf8',
    timeout: 60_000,
  })
const out = mkdtempSync(join(tmpdir(), 'fm-cli-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the CLI', () => {
  it('--data with a missing folder exits with status 2 and one clear line', () => {
    // (bad flag values take the same path: parseCli's UsageError, tested in parseCli.test.ts)
    const r = run(['--data', join(out, 'missing-dir')])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toMatch(
      /^error: --data \S*missing-dir is not a folder; expected a folder with the four Fashion-MNIST IDX files/,
    )
    expect(r.stderr).not.toContain('    at ') // no stack trace
  })

  it('a corrupt IDX file under --data exits with status 2 and names the file', () => {
    const dir = join(out, 'corrupt')
    mkdirSync(dir)
    for (const f of [
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
      't10k-labels-idx1-ubyte',
    ]) {
      copyFileSync(join(appDir, 'data', `${f}.gz`), join(dir, `${f}.gz`))
    }
    // A truncated image file: right magic, too few bytes.
    writeFileSync(
      join(dir, 't10k-images-idx3-ubyte'),
      Buffer.from([0, 0, 8, 3, 0, 0, 3, 232, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]),
    )
    const r = run(['--data', dir, '--quiet'])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toMatch(/^error: .*t10k-images-idx3-ubyte/)
    expect(r.stderr).not.toContain('    at ')
  })

  it('trains on the subset and prints data, accuracy, confusion matrix and per-class F1', () => {
    const r = run([
      '--subset',
      '--epochs',
      '1',
      '--train-limit',
      '300',
      '--test-limit',
      '100',
      '--out',
      out,
      '--quiet',
    ])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^data: embedded Fashion-MNIST subset/m)
    expect(r.stdout).toMatch(/^test accuracy: \d+\.\d\d % \(100 images, subset data\)$/m)
    expect(r.stdout).toContain('confusion matrix (rows: true class, columns: predicted)')
    expect(r.stdout).toMatch(/f1-score/)
    const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'))
    expect(r.stdout).toContain(`${(m.testAccuracy * 100).toFixed(2)} %`)
  })
})
