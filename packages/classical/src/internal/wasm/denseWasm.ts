/**
 * The dense kernels' generated module (dense.generated.ts from denseWat.ts): what
 * buildDenseWasm.ts writes and the staleness test re-renders (helpers in assembleWat.ts).
 */
import type { GeneratedWasm } from './assembleWat.js'
import { denseWat } from './denseWat.js'

export const DENSE_WASM: GeneratedWasm = {
  name: 'dense-kernels.wat',
  wat: denseWat,
  constant: 'DENSE_WASM_BASE64',
  script: 'src/internal/wasm/buildDenseWasm.ts',
  from: 'denseWat.ts',
}
