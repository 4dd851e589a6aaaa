/**
 * fdlibm's exp (the algorithm V8's Math.exp runs, src/base/ieee754.cc) written in plain
 * TypeScript so that TurboFan inlines it into the kernel loops: Math.exp is a call into C++ per
 * value, which dominated the RBF kernel rows. Same operations in the same order, so the results
 * are bit-for-bit those of Math.exp (a test checks this over millions of arguments); anything
 * outside the fast range (huge, tiny, NaN) is handed to Math.exp itself.
 */

const HALF_LN2_HI = 0x3fd62e42 // high word of 0.5·ln2
const ONEHALF_LN2_HI = 0x3ff0a2b2 // high word of 1.5·ln2
const TINY_HI = 0x3e300000 // 2^-28
const LN2_HI = 0.6931471803691238
const LN2_LO = 1.9082149292705877e-10
const INV_LN2 = Math.LOG2E // 1.44269504088896338700, fdlibm's invln2
const P1 = 0.16666666666666602
const P2 = -0.0027777777777015593
const P3 = 6.613756321437934e-5
const P4 = -1.6533902205465252e-6
const P5 = 4.1381367970572385e-8

const f64 = new Float64Array(1)
const hi32 = new Int32Array(f64.buffer)
// Index of the high word of a float64 in this machine's byte order.
const HI = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0

/** 2^k for k in [-1021, 1023] (the range where fdlibm scales with one exact multiply). */
const POW2 = new Float64Array(2045)
for (let k = -1021; k <= 1023; k++) POW2[k + 1021] = 2 ** k

/** exp(x), bit-identical to V8's Math.exp. */
export function fdlibmExp(x: number): number {
  f64[0] = x
  const ahx = hi32[HI] & 0x7fffffff
  // |x| ≥ 708 (overflow / underflow / NaN / inf), |x| < 2^-28, or the result needs fdlibm's
  // subnormal two-step scaling (x < -708): leave these rare cases to Math.exp itself.
  if (ahx >= 0x40862000 || ahx < TINY_HI) return Math.exp(x)
  let hi = 0
  let lo = 0
  let k = 0
  if (ahx > HALF_LN2_HI) {
    if (ahx < ONEHALF_LN2_HI) {
      if (x < 0) {
        hi = x + LN2_HI
        lo = -LN2_LO
        k = -1
      } else {
        hi = x - LN2_HI
        lo = LN2_LO
        k = 1
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0
      hi = x - k * LN2_HI
      lo = k * LN2_LO
    }
    x = hi - lo
  }
  const t = x * x
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x)
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi)
  return y * POW2[k + 1021]
}
