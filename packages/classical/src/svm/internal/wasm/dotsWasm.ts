/**
 * The SVM kernel module (dots.generated.ts from dotsWat.ts): what buildDotsWasm.ts writes and
 * the staleness test re-renders (helpers in internal/wasm/assembleWat.ts).
 */
import type { GeneratedWasm } from '../../../internal/wasm/assembleWat.js'
import { dotsWat } from './dotsWat.js'

export const DOTS_WASM: GeneratedWasm = {
  name: 'svm-dots.wat',
  wat: dotsWat,
  constant: 'DOTS_WASM_BASE64',
  script: 'src/svm/internal/wasm/buildDotsWasm.ts',
  from: 'dotsWat.ts',
}
