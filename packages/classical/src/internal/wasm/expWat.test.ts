import { describe, expect, test } from 'vitest'
import wabtInit from 'wabt'
import { Random } from '../random.js'
import { EXP_V_LOCALS, expV } from './expWat.js'

// A module running expV over pairs of float64 in memory, as the dense kernels inline it.
const wat = `(module
  (import "env" "exp" (func $mathExp (param f64) (result f64)))
  (memory (export "memory") 1)
  (func (export "expv") (param $p i32) (param $pairs i32)
    (local $x v128) (local $e v128) ${EXP_V_LOCALS}
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $pairs)))
        (local.set $x (v128.load (local.get $p)))
        ${expV('$x', '$e')}
        (v128.store (local.get $p) (local.get $e))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $pairs (i32.sub (local.get $pairs) (i32.const 1)))
        (br $next)))))`

describe('expWat', () => {
  test('expV (the dense kernels exp) is bit-identical to Math.exp, across every case boundary', async () => {
    const wabt = await wabtInit()
    const mod = wabt.parseWat('expv.wat', wat, { simd: true })
    mod.resolveNames()
    mod.validate()
    const bin = new Uint8Array(mod.toBinary({ log: false }).buffer)
    mod.destroy()
    const ex = new WebAssembly.Instance(new WebAssembly.Module(bin), {
      env: { exp: Math.exp },
    }).exports as unknown as { memory: WebAssembly.Memory; expv(p: number, pairs: number): void }
    const rng = new Random(5)
    const xs: number[] = []
    // Mixed kinds side by side, so pairs combine the fast path, tiny lanes and the hand-off.
    for (let i = 0; i < 30_000; i++) {
      xs.push(-rng.next() * 60, (rng.next() - 0.5) * 3, (rng.next() - 0.5) * 1500, -rng.next() * 2)
      xs.push((rng.next() - 0.5) * 2 ** -26)
    }
    const f = new Float64Array(1)
    const bits = new BigInt64Array(f.buffer)
    f[0] = 0
    const hw = [0x3fd62e4300000000n, 0x3ff0a2b200000000n, 0x3e30000000000000n].map((b) => {
      bits[0] = b
      return f[0] as number
    })
    // fdlibm's thresholds (0.5·ln2, 1.5·ln2, its high words, 2^-28, 708), ulp by ulp, both signs.
    for (const b of [0.5 * Math.LN2, 1.5 * Math.LN2, 708, ...hw]) {
      for (const sign of [1, -1]) {
        f[0] = b
        const at = bits[0] as bigint
        for (let k = -300n; k <= 300n; k++) {
          bits[0] = at + k
          xs.push(sign * (f[0] as number))
        }
      }
    }
    xs.push(0, -0, 709.78, -745.2, 710, Number.NaN, Number.POSITIVE_INFINITY)
    xs.push(Number.NEGATIVE_INFINITY)
    if (xs.length % 2 === 1) xs.push(-0.5)
    ex.memory.grow(Math.ceil((xs.length * 8) / 65536))
    const v = new Float64Array(ex.memory.buffer, 0, xs.length)
    v.set(xs)
    ex.expv(0, xs.length / 2)
    let mismatches = 0
    xs.forEach((x, k) => {
      if (!Object.is(v[k], Math.exp(x))) mismatches++
    })
    expect(mismatches).toBe(0)
  })
})
