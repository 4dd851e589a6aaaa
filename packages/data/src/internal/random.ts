/**
 * A small seeded PRNG for shuffles and splits (xoshiro128** seeded through splitmix32). It is
 * deliberately independent of @mlstack/core so data has no heavy dependency; the same seed gives
 * the same stream on every platform.
 */

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0
  let z = state
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  z ^= z >>> 16
  return [state, z >>> 0]
}

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  /** `seed` may be any finite number; undefined draws a seed from Math.random. */
  constructor(seed?: number) {
    const s = seed ?? Math.floor(Math.random() * 2 ** 52)
    // Fold the integer part (up to 2^53) and any fraction into one 32-bit state.
    const hi = Math.floor(Math.abs(s) / 2 ** 32) >>> 0
    const lo = Math.abs(s) >>> 0
    let st = lo ^ Math.imul(hi, 0x27d4eb2d) ^ (s < 0 ? 0x5bd1e995 : 0)
    const frac = Math.abs(s) % 1
    if (frac !== 0) st ^= Math.floor(frac * 2 ** 32)
    let v: number
    ;[st, v] = splitmix32(st)
    this.a = v
    ;[st, v] = splitmix32(st)
    this.b = v
    ;[st, v] = splitmix32(st)
    this.c = v
    ;[st, v] = splitmix32(st)
    this.d = v
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** A generator with the given xoshiro128** state (for reference-vector tests). */
  static fromState(state: [number, number, number, number]): Random {
    const r = new Random(0)
    ;[r.a, r.b, r.c, r.d] = state.map((v) => v >>> 0) as [number, number, number, number]
    return r
  }

  /** Next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * 67108864 + lo) / 9007199254740992
  }

  /** Uniform integer in [0, n), without modulo bias (n ≤ 2^32). */
  int(n: number): number {
    if (n <= 1) return 0
    const limit = 2 ** 32 - (2 ** 32 % n)
    let x = this.nextUint32()
    while (x >= limit) x = this.nextUint32()
    return x % n
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = a[i]
      a[i] = a[j]
      a[j] = tmp
    }
    return a
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): number[] {
    const p = Array.from({ length: n }, (_, i) => i)
    return this.shuffle(p)
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
