// The README examples run (on 1,000 samples of Fashion-MNIST, when it is installed).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FASHION_MNIST_DEFAULT_DIR } from '@mlstack/data'
import { expect, test } from 'vitest'

const haveData = existsSync(join(FASHION_MNIST_DEFAULT_DIR, 'train-images-idx3-ubyte.gz'))
const pkg = new URL('..', import.meta.url).pathname

for (const name of ['keras', 'pytorch']) {
  test.skipIf(!haveData)(
    `examples/${name}.ts runs`,
    () => {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          pathToFileURL(join(pkg, 'node_modules/tsx/dist/loader.mjs')).href,
          '--conditions=@mlstack/source',
          join(pkg, 'examples', `${name}.ts`),
        ],
        {
          cwd: mkdtempSync(join(tmpdir(), 'nn-ex-')),
          env: { ...process.env, NN_EXAMPLE_LIMIT: '1000', NODE_PATH: join(pkg, 'node_modules') },
          encoding: 'utf8',
        },
      )
      expect(r.stderr).not.toMatch(/Error/)
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/test accuracy \d+\.\d %/)
    },
    90_000,
  )
}
