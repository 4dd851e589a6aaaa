import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  delete process.env.MLSTACK_WASM_RELAXED
  vi.resetModules()
})

describe('kernel variant selection', () => {
  it('prefers relaxed SIMD where the runtime accepts it (Node 20: after enabling the V8 flag)', async () => {
    vi.resetModules()
    const k = await import('./kernels.js')
    const relaxed = k.compileKernelVariant('relaxed-simd')
    expect(k.wasmKernelInfo().variant).toBe(relaxed === null ? 'simd' : 'relaxed-simd')
  })

  it('MLSTACK_WASM_RELAXED=0 selects the plain SIMD128 build, which always compiles', async () => {
    process.env.MLSTACK_WASM_RELAXED = '0'
    vi.resetModules()
    const k = await import('./kernels.js')
    expect(k.wasmKernelInfo().variant).toBe('simd')
    expect(k.compileKernelVariant('simd')).toBeInstanceOf(WebAssembly.Module)
    const { WasmHeap } = await import('./WasmHeap.js')
    const heap = new WasmHeap()
    const x = k.kernelsFor(heap).exports
    expect(k.kernelsFor(heap).variant).toBe('simd')
    const p = heap.alloc(16)
    heap.f32(p, 4).set([1, -2, 3, -4])
    x.relu(p, p, 4)
    expect(Array.from(heap.f32(p, 4))).toEqual([1, 0, 3, 0])
  })
})
