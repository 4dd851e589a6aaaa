/**
 * Rebuilds dense.generated.ts (the GaussianNB / logistic regression WASM module, base64):
 * `node --import tsx src/internal/wasm/buildDenseWasm.ts` from packages/classical.
 */

import { writeGenerated } from './assembleWat.js'
import { DENSE_WASM } from './denseWasm.js'

const bytes = await writeGenerated(DENSE_WASM, import.meta.url, 'dense.generated.ts')
console.log(`dense kernels wasm: ${bytes} bytes`)
