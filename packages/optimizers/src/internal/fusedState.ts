// State conversions for the fused WebAssembly optimizer steps: on float32 CPU tensors the state
// lives in core tensors (WASM memory, updated in place by the kernel); on the JavaScript path
// it lives in typed arrays. A parameter can move between the two (an option the kernel does not
// cover is switched on mid-training), so each path converts what the other left behind.
import { hostView, keep, Tensor, tensor } from '@mlstack/core'
import type { FloatArray } from './FloatArray.js'

/** `a` as a float32 core tensor kept out of `tidy` scopes (it outlives the step). */
export function toTensor(a: FloatArray | Tensor): Tensor {
  if (a instanceof Tensor) return a
  return keep(tensor(a, { shape: [a.length], dtype: 'float32' }))
}

/** `a` as a typed array; a tensor is copied out and disposed. */
export function toArray(a: FloatArray | Tensor): FloatArray {
  if (!(a instanceof Tensor)) return a
  const out = a.dataSync() as FloatArray
  a.dispose()
  return out
}

function onCpu(t: Tensor): boolean {
  try {
    hostView(t)
    return true
  } catch {
    return false
  }
}

/** Whether a fused float32 kernel can update `p` from `g` in place (both float32, on the CPU heap). */
export function fusable(p: Tensor, g: Tensor): boolean {
  return p.dtype === 'float32' && g.dtype === 'float32' && onCpu(p) && onCpu(g)
}
