import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { assembleKernels, generatedModuleSource } from '../../../scripts/assembleKernels.js'

describe('kernels.generated.ts', () => {
  it('matches a fresh build of scripts/kernelsWat.ts (run `pnpm build:wasm` if this fails)', async () => {
    const committed = readFileSync(
      fileURLToPath(new URL('./kernels.generated.ts', import.meta.url)),
      'utf8',
    )
    expect(committed).toBe(generatedModuleSource(await assembleKernels()))
  })
})
