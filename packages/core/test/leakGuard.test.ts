import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

test('tensors garbage-collected without dispose() release their storage', () => {
  const script = fileURLToPath(new URL('./scripts/leakGuard.ts', import.meta.url))
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  })
  const { leaked, after } = JSON.parse(out.trim().split('\n').pop() as string)
  expect(leaked).toBe(2000)
  expect(after).toBe(0)
})
