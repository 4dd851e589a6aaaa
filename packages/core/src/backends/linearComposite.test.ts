import { afterEach, describe, expect, it } from 'vitest'
import {
  hasOwnKernel,
  manualSeed,
  memory,
  randn,
  registerBackend,
  registerKernel,
  runOp,
  setBackend,
} from '../index.js'
import { CpuBackend } from './cpu/CpuBackend.js'
import { elementwiseKernels } from './cpu/ts/elementwise.js'
import { linalgKernels } from './cpu/ts/linalg.js'

// A backend with matmul and the elementwise kernels but no `linear` and no fallback: its
// kernel chain ends at the generic backend '*', where the composite lives.
const BARE = 'linear-composite-test'
registerBackend(BARE, () => new CpuBackend(BARE), -1)
for (const [op, run] of [...linalgKernels(), ...elementwiseKernels()]) {
  if (op !== 'linear') registerKernel({ op, backend: BARE, run })
}

afterEach(() => setBackend('cpu'))

describe("linear on a backend without its own kernel ('*' composite)", () => {
  it('matches the reference kernel, with and without bias and ReLU, and frees its temporaries', () => {
    expect(hasOwnKernel('linear', BARE)).toBe(false)
    for (const relu of [false, true]) {
      for (const bias of [false, true]) {
        const run = (backend: string): number[] => {
          setBackend(backend)
          manualSeed(7)
          const inputs = [randn([5, 9]), randn([9, 6])]
          if (bias) inputs.push(randn([6]))
          const before = memory().numTensors
          const out = runOp('linear', inputs, { relu })
          expect(memory().numTensors).toBe(before + 1)
          const values = Array.from(out.dataSync())
          out.dispose()
          for (const t of inputs) t.dispose()
          return values
        }
        const got = run(BARE)
        const want = run('cpu-ts')
        expect(got.length).toBe(30)
        for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 5)
        if (relu) expect(got.every((v) => v >= 0)).toBe(true)
      }
    }
  })
})
