/**
 * Rebuilds dots.generated.ts (the SVM dot-product WASM module, base64):
 * `node --import tsx src/svm/internal/wasm/buildDotsWasm.ts` from packages/classical.
 */
import { writeGenerated } from '../../../internal/wasm/assembleWat.js'
import { DOTS_WASM } from './dotsWasm.js'

const bytes = await writeGenerated(DOTS_WASM, import.meta.url, 'dots.generated.ts')
console.log(`svm dots wasm: ${bytes} bytes`)
