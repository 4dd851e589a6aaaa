/**
 * Rebuilds dots.generated.ts (the SVM dot-product WASM module, base64):
 * `node --import tsx src/svm/internal/wasm/buildDotsWasm.ts` from packages/classical.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { assembleDots, generatedSource } from './assembleDots.js'

const bin = await assembleDots()
writeFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'dots.generated.ts'),
  generatedSource(bin),
)
console.log(`svm dots wasm: ${bin.length} bytes`)
