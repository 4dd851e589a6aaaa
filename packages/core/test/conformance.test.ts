import { describe, expect, test } from 'vitest'
import '../src/index.js'
import { runBackendConformance } from '../src/testing/index.js'

// `cpu` runs the WASM kernels where registered (cpu-ts elsewhere) and is compared with cpu-ts;
// `cpu-ts` (float32) is compared with its own float64 evaluation.
runBackendConformance('cpu', { describe, test, expect })
runBackendConformance('cpu-ts', { describe, test, expect }, { rtol: 2e-4, atol: 1e-5 })
