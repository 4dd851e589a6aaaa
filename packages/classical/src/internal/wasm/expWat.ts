/**
 * fdlibm's exp (the algorithm of V8's Math.exp) on two float64 lanes, as inline WAT: the one
 * generator behind every WebAssembly exp in this package (the dense kernels' `expV`, the SVM's
 * Gram fill and prediction), so kernels that exponentiate stay bit-identical to TypeScript
 * loops calling Math.exp. svm/internal/fdlibmExp.ts is the scalar TypeScript port; tests check
 * both the vector and the scalar forms against Math.exp (random arguments and every case
 * boundary).
 *
 * expFast computes the lanes in fdlibm's fast range (2⁻²⁸ ≤ |x| < 708) with its three
 * argument-reduction cases folded into one formula (see the comment inside), expTiny selects
 * fdlibm's 1 + x for |x| < 2⁻²⁸; expV handles any lanes: those two, and a pair with a lane at
 * |x| ≥ 708 (overflow, underflow, NaN) goes lane by lane through the imported Math.exp ($mathExp).
 */

/** fdlibm's exp constants, as exact hexadecimal floats. */
export const EXP_CONSTS = {
  LN2_HI: '0x1.62e42feep-1',
  LN2_LO: '0x1.a39ef35793c76p-33',
  INV_LN2: '0x1.71547652b82fep+0',
  P1: '0x1.555555555553ep-3',
  P2: '-0x1.6c16c16bebd93p-9',
  P3: '0x1.1566aaf25de2cp-14',
  P4: '-0x1.bbd41c5d26bf1p-20',
  P5: '0x1.6376972bea4d0p-25',
} as const

const splat = (v: string) => `(f64x2.splat (f64.const ${v}))`

/** The locals expFast(…, sfx) uses (v128; declare once per function and suffix). */
export const expFastLocals = (sfx = '') =>
  ['small', 'kf', 'hi', 'lo', 'r', 'tt', 'c', 'rc', 'pw']
    .map((n) => `(local $ex_${n}${sfx} v128)`)
    .join(' ')

/**
 * Statements computing exp of local `x` (v128), both lanes in fdlibm's fast range
 * 2⁻²⁸ ≤ |x| < 708, and handing the result expression to `use` (e.g. a local.set or a
 * v128.store); `ahx` is a local holding |x| (f64x2.abs), which callers already have from their
 * range test. `x` and `ahx` are not modified. Distinct `sfx` give independent copies (for
 * several pairs in flight in one function).
 */
export function expFast(x: string, ahx: string, use: (v: string) => string, sfx = ''): string {
  const c = EXP_CONSTS
  const l = (n: string) => `$ex_${n}${sfx}`
  return `
    ;; One formula serves fdlibm's three cases, exactly: in its middle range
    ;; (0.5·ln2 < |x| < 1.5·ln2, hw < 0x3ff0a2b2) the general k = trunc(x/ln2 ± 0.5) is
    ;; ±1 anyway (|x|/ln2 + 0.5 stays within (1 + 1e-9, 2 - 3e-7)), which gives
    ;; fdlibm's hi = x ∓ ln2hi and lo = ±ln2lo; for |x| ≤ 0.5·ln2 (hw ≤ 0x3fd62e42, i.e.
    ;; |x| < 0x1.62e43p-2) k is forced to 0, where hi = x, lo = 0 and 2^k = 1 turn the general
    ;; result into fdlibm's 1 - (x·c/(c - 2) - x), bit for bit. And x·c/(2 - c) is exactly
    ;; -(x·c/(c - 2)) (2 - c is exactly -(c - 2)), so lo - x·c/(2 - c) is lo + q.
    (local.set ${l('small')} (f64x2.lt (local.get ${ahx}) ${splat('0x1.62e43p-2')}))
    ;; ±0.5 with the sign of x.
    (local.set ${l('kf')} (v128.or (v128.and (local.get ${x}) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
      ${splat('0.5')}))
    (local.set ${l('kf')} (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul ${splat(c.INV_LN2)} (local.get ${x})) (local.get ${l('kf')})))
      (local.get ${l('small')})))
    (local.set ${l('hi')} (f64x2.sub (local.get ${x}) (f64x2.mul (local.get ${l('kf')}) ${splat(c.LN2_HI)})))
    (local.set ${l('lo')} (f64x2.mul (local.get ${l('kf')}) ${splat(c.LN2_LO)}))
    (local.set ${l('r')} (f64x2.sub (local.get ${l('hi')}) (local.get ${l('lo')})))
    (local.set ${l('tt')} (f64x2.mul (local.get ${l('r')}) (local.get ${l('r')})))
    (local.set ${l('c')} (f64x2.sub (local.get ${l('r')}) (f64x2.mul (local.get ${l('tt')})
      (f64x2.add ${splat(c.P1)} (f64x2.mul (local.get ${l('tt')})
      (f64x2.add ${splat(c.P2)} (f64x2.mul (local.get ${l('tt')})
      (f64x2.add ${splat(c.P3)} (f64x2.mul (local.get ${l('tt')})
      (f64x2.add ${splat(c.P4)} (f64x2.mul (local.get ${l('tt')}) ${splat(c.P5)})))))))))))
    (local.set ${l('rc')} (f64x2.div (f64x2.mul (local.get ${l('r')}) (local.get ${l('c')}))
      (f64x2.sub (local.get ${l('c')}) ${splat('2')})))
    ;; 2^k: k + 1023 (in [1, 2046] here) is the low mantissa bits of k + (2^52 + 1023),
    ;; exactly, and shifting left by 52 moves them into the exponent field.
    (local.set ${l('pw')} (i64x2.shl
      (f64x2.add (local.get ${l('kf')}) ${splat('0x1.00000000003ffp+52')}) (i32.const 52)))
    ${use(`(f64x2.mul
      (f64x2.sub ${splat('1')} (f64x2.sub (f64x2.add (local.get ${l('lo')}) (local.get ${l('rc')}))
        (local.get ${l('hi')})))
      (local.get ${l('pw')}))`)}`
}

/**
 * fdlibm's result for |x| < 2⁻²⁸ (1 + x) in the lanes where |x| (local `ahx`) is that small, the
 * value `v` (an expression, e.g. expFast's) elsewhere.
 */
export const expTiny = (x: string, ahx: string, v: string) =>
  `(v128.bitselect (f64x2.add ${splat('1')} (local.get ${x})) ${v}
      (f64x2.lt (local.get ${ahx}) ${splat('0x1p-28')}))`

/** The locals expV uses (declare once per function). */
export const EXP_V_LOCALS = `(local $ex_ahx v128) ${expFastLocals()}`

/**
 * Statements setting local `out` to exp of local `x` (v128, f64x2), any arguments; `x` is not
 * modified. Needs the imported `$mathExp` (Math.exp) for lanes outside the fast range.
 */
export function expV(x: string, out: string): string {
  return `
    (local.set $ex_ahx (f64x2.abs (local.get ${x})))
    ;; fdlibm compares the high word of |x|: against thresholds whose low word is 0 the same
    ;; tests are float compares of |x| (0x40862000 = 708, 0x3e300000 = 2^-28); NaN fails both.
    (if (i64x2.all_true (f64x2.lt (local.get $ex_ahx) ${splat('708')}))
      (then
        ${expFast(x, '$ex_ahx', (v) => `(local.set ${out} ${expTiny(x, '$ex_ahx', v)})`)})
      (else
        (local.set ${out} (f64x2.replace_lane 1
          (f64x2.splat (call $mathExp (f64x2.extract_lane 0 (local.get ${x}))))
          (call $mathExp (f64x2.extract_lane 1 (local.get ${x})))))))`
}
