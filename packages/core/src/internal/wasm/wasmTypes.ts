/**
 * Structural stand-ins for the few WebAssembly types that appear in core's published
 * declarations. @types/node does not declare the `WebAssembly` namespace (lib DOM does), so
 * naming it in a `.d.ts` would break a consumer's type check under `skipLibCheck: false`.
 */

/** The part of a `WebAssembly.Memory` that core uses. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(delta: number): number
}

/** The part of a `WebAssembly.Global` that core uses. */
export interface WasmGlobal {
  readonly value: unknown
}

/** A compiled `WebAssembly.Module`, opaque outside the kernel loader. */
export type WasmModule = object
