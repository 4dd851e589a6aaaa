import { describe, expect, test } from 'vitest'
import '../src/index.js'
import { runBackendConformance } from '../src/testing/index.js'

// `cpu` runs the WASM kernels where registered (cpu-ts elsewhere); `cpu-ts` checks the harness
// itself (it must agree with itself exactly).
runBackendConformance('cpu', { describe, test, expect })
runBackendConformance('cpu-ts', { describe, test, expect }, { rtol: 0, atol: 0 })
