import { describe, expect, test } from 'vitest'
import { Random } from '../../internal/random.js'
import { fdlibmExp } from './fdlibmExp.js'

describe('fdlibmExp', () => {
  test('is bit-identical to Math.exp over the RBF range and beyond', () => {
    const rng = new Random(7)
    const xs: number[] = []
    for (let i = 0; i < 200_000; i++) xs.push(-rng.next() * 60) // RBF arguments: -γ‖x-z‖²
    for (let i = 0; i < 100_000; i++) xs.push((rng.next() - 0.5) * 1500)
    for (let i = 0; i < 100_000; i++) xs.push((rng.next() - 0.5) * 2)
    const bits = new Float64Array(1)
    const words = new Uint32Array(bits.buffer)
    for (let i = 0; i < 100_000; i++) {
      words[0] = rng.int(2 ** 32)
      words[1] = rng.int(2 ** 32)
      xs.push(bits[0])
    }
    // Branch edges: ±0.5·ln2, ±1.5·ln2, 2^-28, the 708 hand-off, over/underflow, specials.
    xs.push(0, -0, 2 ** -28, -(2 ** -28), 0.34657359027997264, -0.34657359027997264)
    xs.push(1.0397207708399179, -1.0397207708399179, 708, -708, 709.78, -745.2, 710)
    xs.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
    let mismatches = 0
    for (const x of xs) if (!Object.is(fdlibmExp(x), Math.exp(x))) mismatches++
    expect(mismatches).toBe(0)
  })
})
