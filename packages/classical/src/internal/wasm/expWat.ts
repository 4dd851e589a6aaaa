/**
 * fdlibm's exp (the algorithm of V8's Math.exp) on two float64 lanes, as inline WAT, so kernels
 * that exponentiate stay bit-identical to TypeScript loops calling Math.exp. The operations per
 * lane are those of fdlibm (and of svm/internal/fdlibmExp.ts, which a test checks against
 * Math.exp): both argument-reduction branches and both final formulas are computed and selected
 * per lane; |x| < 2⁻²⁸ gives 1 + x as fdlibm does; a pair with a lane at |x| ≥ 708 (overflow,
 * underflow, NaN) goes lane by lane through the imported Math.exp ($mathExp).
 */

// fdlibm's exp constants, as exact hexadecimal floats.
const C = {
  LN2_HI: '0x1.62e42feep-1',
  LN2_LO: '0x1.a39ef35793c76p-33',
  INV_LN2: '0x1.71547652b82fep+0',
  P1: '0x1.555555555553ep-3',
  P2: '-0x1.6c16c16bebd93p-9',
  P3: '0x1.1566aaf25de2cp-14',
  P4: '-0x1.bbd41c5d26bf1p-20',
  P5: '0x1.6376972bea4d0p-25',
}

/** The locals expV uses (declare once per function). */
export const EXP_V_LOCALS = [
  '$ex_ahx',
  '$ex_small',
  '$ex_mid',
  '$ex_neg',
  '$ex_kf',
  '$ex_hi',
  '$ex_lo',
  '$ex_r',
  '$ex_tt',
  '$ex_c',
  '$ex_rc',
  '$ex_resC',
  '$ex_resAB',
  '$ex_pw',
]
  .map((n) => `(local ${n} v128)`)
  .join(' ')

/** Statements setting local `out` to exp of local `x` (v128, f64x2); `x` is not modified. */
export function expV(x: string, out: string): string {
  const s = (v: string) => `(f64x2.splat (f64.const ${v}))`
  return `
    (local.set $ex_ahx (v128.and (i64x2.shr_u (local.get ${x}) (i32.const 32)) (i64x2.splat (i64.const 0x7fffffff))))
    (if (i64x2.all_true (i64x2.lt_s (local.get $ex_ahx) (i64x2.splat (i64.const 0x40862000))))
      (then
        (local.set $ex_small (i64x2.le_s (local.get $ex_ahx) (i64x2.splat (i64.const 0x3fd62e42))))
        (local.set $ex_mid (i64x2.lt_s (local.get $ex_ahx) (i64x2.splat (i64.const 0x3ff0a2b2))))
        (local.set $ex_neg (f64x2.lt (local.get ${x}) ${s('0')}))
        (local.set $ex_kf (v128.bitselect
          (v128.bitselect ${s('-1')} ${s('1')} (local.get $ex_neg))
          (f64x2.trunc (f64x2.add (f64x2.mul ${s(C.INV_LN2)} (local.get ${x}))
            (v128.bitselect ${s('-0.5')} ${s('0.5')} (local.get $ex_neg))))
          (local.get $ex_mid)))
        (local.set $ex_kf (v128.bitselect ${s('0')} (local.get $ex_kf) (local.get $ex_small)))
        (local.set $ex_hi (f64x2.sub (local.get ${x}) (f64x2.mul (local.get $ex_kf) ${s(C.LN2_HI)})))
        (local.set $ex_lo (f64x2.mul (local.get $ex_kf) ${s(C.LN2_LO)}))
        (local.set $ex_r (v128.bitselect (local.get ${x}) (f64x2.sub (local.get $ex_hi) (local.get $ex_lo)) (local.get $ex_small)))
        (local.set $ex_tt (f64x2.mul (local.get $ex_r) (local.get $ex_r)))
        (local.set $ex_c (f64x2.sub (local.get $ex_r) (f64x2.mul (local.get $ex_tt)
          (f64x2.add ${s(C.P1)} (f64x2.mul (local.get $ex_tt)
          (f64x2.add ${s(C.P2)} (f64x2.mul (local.get $ex_tt)
          (f64x2.add ${s(C.P3)} (f64x2.mul (local.get $ex_tt)
          (f64x2.add ${s(C.P4)} (f64x2.mul (local.get $ex_tt) ${s(C.P5)})))))))))))
        ;; One division serves both formulas: x·c/(2 − c) is exactly −(x·c/(c − 2)), and
        ;; lo − (−q) is exactly lo + q.
        (local.set $ex_rc (f64x2.div (f64x2.mul (local.get $ex_r) (local.get $ex_c))
          (f64x2.sub (local.get $ex_c) ${s('2')})))
        (local.set $ex_resC (f64x2.sub ${s('1')} (f64x2.sub (local.get $ex_rc) (local.get $ex_r))))
        (local.set $ex_pw (i64x2.shl (i64x2.add
          (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $ex_kf)))
          (i64x2.splat (i64.const 1023))) (i32.const 52)))
        (local.set $ex_resAB (f64x2.mul
          (f64x2.sub ${s('1')} (f64x2.sub (f64x2.add (local.get $ex_lo) (local.get $ex_rc)) (local.get $ex_hi)))
          (local.get $ex_pw)))
        (local.set ${out} (v128.bitselect (local.get $ex_resC) (local.get $ex_resAB) (local.get $ex_small)))
        ;; |x| < 2^-28: fdlibm returns 1 + x.
        (local.set ${out} (v128.bitselect (f64x2.add ${s('1')} (local.get ${x})) (local.get ${out})
          (i64x2.lt_s (local.get $ex_ahx) (i64x2.splat (i64.const 0x3e300000))))))
      (else
        (local.set ${out} (f64x2.replace_lane 1
          (f64x2.splat (call $mathExp (f64x2.extract_lane 0 (local.get ${x}))))
          (call $mathExp (f64x2.extract_lane 1 (local.get ${x})))))))`
}
