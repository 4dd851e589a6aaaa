/**
 * Seeded, reproducible random numbers: xoshiro128** (Blackman & Vigna) seeded through
 * splitmix32, uniform floats from the top bits, normals by the Box-Muller transform (both
 * outputs of each pair are used). The same seed gives the same tensors on every platform,
 * since everything is 32-bit integer arithmetic (Math.imul) plus IEEE double math.
 */

export class Random {
  private s0 = 0
  private s1 = 0
  private s2 = 0
  private s3 = 0
  private spare = Number.NaN

  constructor(seed = 0) {
    this.seed(seed)
  }

  /** Resets the generator to the stream of `seed` (any finite number; integers recommended). */
  seed(seed: number): void {
    // splitmix32 expands one seed into four well-mixed state words, never all zero.
    let x = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
    this.spare = Number.NaN
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5 // 27 bits
    const lo = this.nextUint32() >>> 6 // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992
  }

  /** Standard normal by Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare
      this.spare = Number.NaN
      return s
    }
    let u = this.uniform()
    while (u === 0) u = this.uniform()
    const v = this.uniform()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Uniform integer in [low, high). */
  int(low: number, high: number): number {
    return low + Math.floor(this.uniform() * (high - low))
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** The generator used when a creation op gets no `seed`. */
export const globalRandom = new Random(0)

/**
 * Seeds the global generator, so that `rand`/`randn`/`randint` calls without their own `seed`
 * repeat from run to run.
 *
 * @example
 * manualSeed(42)
 * const a = randn([2, 2])
 */
export function manualSeed(seed: number): void {
  globalRandom.seed(seed)
}
