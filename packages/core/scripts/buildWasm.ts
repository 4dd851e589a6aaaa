/**
 * Rebuilds the embedded WASM kernels: `pnpm --filter @mlstack/core build:wasm`.
 * Writes src/internal/wasm/kernels.generated.ts (both variants, base64) and, for inspection,
 * the raw binaries and WAT under dist/wasm/ (git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { assembleKernels, generatedModuleSource } from './assembleKernels.js'
import { kernelsWat } from './kernelsWat.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bins = await assembleKernels()
writeFileSync(join(root, 'src/internal/wasm/kernels.generated.ts'), generatedModuleSource(bins))
if (process.argv.includes('--emit')) {
  mkdirSync(join(root, 'dist/wasm'), { recursive: true })
  writeFileSync(join(root, 'dist/wasm/kernels.wasm'), bins.simd)
  writeFileSync(join(root, 'dist/wasm/kernels-relaxed.wasm'), bins.relaxed)
  writeFileSync(join(root, 'dist/wasm/kernels.wat'), kernelsWat({ relaxed: false }))
  writeFileSync(join(root, 'dist/wasm/kernels-relaxed.wat'), kernelsWat({ relaxed: true }))
}
console.log(`kernels: simd ${bins.simd.length} B, relaxed ${bins.relaxed.length} B`)
