/**
 * Registers the two CPU backends and the TypeScript kernels. `cpu` (the default, priority 2)
 * runs the WASM SIMD kernels registered for it and falls back to the `cpu-ts` kernels for every
 * other op; `cpu-ts` (priority 1) is the pure TypeScript reference. `reshape` is registered for
 * the generic backend '*' since it only shares a buffer, and so is a composite `linear` (any
 * backend without its own kernel runs nn's dense layers through matmul, add and relu).
 */
import { registerBackend, registerKernel } from '../../engine/registry.js'
import { linearComposite } from '../linearComposite.js'
import { CpuBackend } from './CpuBackend.js'
import { convKernels } from './ts/conv.js'
import { elementwiseKernels } from './ts/elementwise.js'
import { linalgKernels } from './ts/linalg.js'
import { movementKernels, reshapeKernel } from './ts/movement.js'
import { reduceKernels } from './ts/reduce.js'
import { softmaxKernels } from './ts/softmax.js'
// The WASM SIMD kernels of `cpu` (owned by src/backends/cpu/wasm); each falls back to the
// cpu-ts kernel of its op for dtypes and broadcasts it does not cover.
import './wasm/register.js'

registerBackend('cpu-ts', () => new CpuBackend('cpu-ts'), 1)
registerBackend('cpu', () => new CpuBackend('cpu'), 2, { fallback: 'cpu-ts' })
registerKernel({ op: 'reshape', backend: '*', run: reshapeKernel })
registerKernel({ op: 'linear', backend: '*', run: linearComposite })
for (const [op, run] of [
  ...elementwiseKernels(),
  ...reduceKernels(),
  ...linalgKernels(),
  ...movementKernels(),
  ...convKernels(),
  ...softmaxKernels(),
]) {
  registerKernel({ op, backend: 'cpu-ts', run })
}
