export { WasmHeap, WasmHeapError } from './internal/wasm/WasmHeap.js'
