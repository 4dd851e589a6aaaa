// Run by test/leakGuard.test.ts under `node --expose-gc`: handles dropped without dispose() are
// freed by the FinalizationRegistry safety net.
import { memory, tensor } from '../../src/index.js'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')
// Warm the cache of scalar constants (one buffer for the 1 below) before counting.
// Both handles are disposed: a leaked one here would be collected mid-count and skew `after`.
const warm = tensor([0])
warm.add(1).dispose()
warm.dispose()
const base = memory().numBuffers
;(() => {
  for (let i = 0; i < 1000; i++) tensor([i, i + 1]).add(1)
})()
const leaked = memory().numBuffers - base
for (let i = 0; i < 50 && memory().numBuffers > base; i++) {
  gc()
  await new Promise((r) => setTimeout(r, 10))
}
console.log(JSON.stringify({ leaked, after: memory().numBuffers - base }))
