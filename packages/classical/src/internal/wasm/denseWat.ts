/**
 * WAT source of the dense-model kernels module (WebAssembly SIMD128): GaussianNB's joint
 * log-likelihood (gnbWat.ts) and the multinomial logistic regression's products
 * (logisticWat.ts), with fdlibm's exp on two lanes (expWat.ts). Assembled by buildDenseWasm.ts into dense.generated.ts.
 */
import { gnbWat } from './gnbWat.js'
import { logisticWat } from './logisticWat.js'

export function denseWat(): string {
  return `(module
  (import "env" "exp" (func $mathExp (param f64) (result f64)))
  (memory (export "memory") 1)
${gnbWat()}
${logisticWat()})
`
}
