// Batch types are inferred: ArrayDataset batches are NDArray fields, transforms and collates type the rest.
// (expectTypeOf is checked by `pnpm typecheck`.)
import { expectTypeOf, it } from 'vitest'
import { ArrayDataset, DataLoader, MappedDataset, type NDArray } from '../src/index.js'

it('infers', async () => {
  const ds = new ArrayDataset({ x: new Float32Array(4), y: new Uint8Array(4) })
  const l = new DataLoader(ds, { batchSize: 2 })
  for (const b of l) {
    expectTypeOf(b.x).toEqualTypeOf<NDArray>()
  }
  for await (const b of l) {
    expectTypeOf(b.y).toEqualTypeOf<NDArray>()
  }
  const t = new DataLoader(ds, { transform: (b) => b.x.shape[0]! })
  for (const v of t) expectTypeOf(v).toEqualTypeOf<number>()
  const m = new MappedDataset(ds, (s) => s.x.data[0]!)
  const c = new DataLoader(m, { collate: (xs) => xs.length })
  for (const v of c) expectTypeOf(v).toEqualTypeOf<number>()
  const d = new DataLoader(ds, { collate: (xs) => xs.length })
  for (const v of d) expectTypeOf(v).toEqualTypeOf<number>()
})
