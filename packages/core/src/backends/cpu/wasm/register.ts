/**
 * Registers the WASM SIMD kernels for the `cpu` backend (matmul, conv2d and its gradients,
 * float32 arithmetic, relu, sum). Ops not registered here fall back to the `cpu-ts` kernels,
 * and each kernel here hands inputs it does not accelerate (other dtypes, general
 * broadcasting) to the TypeScript kernel of the same op.
 */
import { registerKernel } from '../../../engine/registry.js'
import { wasmConvKernels } from './conv.js'
import { wasmElementwiseKernels } from './elementwise.js'
import { wasmLinear, wasmMatmul } from './matmul.js'

for (const [op, run] of [
  ['matmul', wasmMatmul] as const,
  ['linear', wasmLinear] as const,
  ...wasmConvKernels(),
  ...wasmElementwiseKernels(),
]) {
  registerKernel({ op, backend: 'cpu', run })
}
