/**
 * WAT source of the dense-model kernels module (WebAssembly SIMD128): GaussianNB's joint
 * log-likelihood and KMeans' squared distances (sqDistWat.ts) and the multinomial logistic regression's products
 * (logisticWat.ts), with fdlibm's exp on two lanes (expWat.ts). Assembled by buildDenseWasm.ts into dense.generated.ts.
 */

import { elkanWat } from './elkanWat.js'
import { logisticWat } from './logisticWat.js'
import { sqDist1Wat, sqDistWat } from './sqDistWat.js'

export function denseWat(): string {
  return `(module
  (import "env" "exp" (func $mathExp (param f64) (result f64)))
  (memory (export "memory") 1)
${sqDistWat()}
${sqDist1Wat()}
${elkanWat()}
${logisticWat()})
`
}
