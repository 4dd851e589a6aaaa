/**
 * Rebuilds dense.generated.ts (the GaussianNB / logistic regression WASM module, base64):
 * `node --import tsx src/internal/wasm/buildDenseWasm.ts` from packages/classical.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { assembleDense, generatedSource } from './assembleDense.js'

const bin = await assembleDense()
writeFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'dense.generated.ts'),
  generatedSource(bin),
)
console.log(`dense kernels wasm: ${bin.length} bytes`)
