import { sqDist8Body } from './sqDistWat.js'

/**
 * WAT of KMeans' bounded (Elkan) assignment step, the TypeScript loop of
 * cluster/KMeans.ts (BoundedAssigner.assign after its first exact pass) operation for operation:
 * the same bound tests in the same order, f64.sqrt (correctly rounded, as Math.sqrt) of the
 * distances summed as sqDist8 does (eight partial sums, see sqDistWat.ts), the same tie rule; so
 * labels and bounds are bit-identical to it.
 *
 * elkanAssign(X, n, d, k, C, lab, up, low, cum, cc, half): X n × d and the centres C k × d
 * (row-major); lab n int32 labels, up n upper bounds, low n × k lower bounds stored as
 * bound + cum[c], cum k cumulative centre shifts, cc k × k centre distances, half k halves of
 * each centre's nearest other centre distance. Updates lab, up and low in place. Every argument
 * but n, d and k is a byte address.
 */

/** Statements setting local $dist to the squared distance of the rows at $pa and $pb (see sqDist8Wat). */
function dist(): string {
  return sqDist8Body('$pa', '$pb', '$rowBytes', '$kend', '$dist')
}

/** u > lc and u > 0.5 · cc[a·k + c] (false for NaN, like the TypeScript test). */
const boundTest = `(i32.and (f64.gt (local.get $u) (local.get $lc))
            (f64.gt (local.get $u) (f64.mul (f64.const 0.5)
              (f64.load (i32.add (local.get $cc) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $k)) (local.get $c)) (i32.const 3)))))))`

export function elkanWat(): string {
  return `
  (func (export "elkanAssign") (param $X i32) (param $n i32) (param $d i32) (param $k i32) (param $C i32)
      (param $lab i32) (param $up i32) (param $low i32) (param $cum i32) (param $cc i32) (param $half i32)
    (local $i i32) (local $c i32) (local $a i32) (local $stale i32) (local $lo i32) (local $xr i32)
    (local $rowBytes i32) (local $kend i32) (local $j i32) (local $pa i32) (local $pb i32)
    (local $u f64) (local $lc f64) (local $v f64) (local $dist f64) (local $s0 f64) (local $e f64)
    (local $t v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $kend (i32.shl (i32.and (local.get $d) (i32.const -8)) (i32.const 3)))
    (local.set $xr (local.get $X))
    (local.set $lo (local.get $low))
    (block $idone
      (loop $iloop
        (br_if $idone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $u (f64.load (i32.add (local.get $up) (i32.shl (local.get $i) (i32.const 3)))))
        (if (i32.eqz (f64.le (local.get $u) (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3))))))
          (then
            (local.set $stale (i32.const 1))
            (local.set $c (i32.const 0))
            (block $cdone
              (loop $cloop
                (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
                (block $next
                  (br_if $next (i32.eq (local.get $c) (local.get $a)))
                  (local.set $lc (f64.sub (f64.load (i32.add (local.get $lo) (i32.shl (local.get $c) (i32.const 3))))
                    (f64.load (i32.add (local.get $cum) (i32.shl (local.get $c) (i32.const 3))))))
                  (br_if $next (i32.eqz ${boundTest}))
                  (if (local.get $stale)
                    (then
                      (local.set $pa (local.get $xr))
                      (local.set $pb (i32.add (local.get $C) (i32.mul (local.get $a) (local.get $rowBytes))))
                      ${dist()}
                      (local.set $u (f64.sqrt (local.get $dist)))
                      (f64.store (i32.add (local.get $lo) (i32.shl (local.get $a) (i32.const 3)))
                        (f64.add (local.get $u) (f64.load (i32.add (local.get $cum) (i32.shl (local.get $a) (i32.const 3))))))
                      (local.set $stale (i32.const 0))
                      (br_if $next (i32.eqz ${boundTest}))))
                  (local.set $pa (local.get $xr))
                  (local.set $pb (i32.add (local.get $C) (i32.mul (local.get $c) (local.get $rowBytes))))
                  ${dist()}
                  (local.set $v (f64.sqrt (local.get $dist)))
                  (f64.store (i32.add (local.get $lo) (i32.shl (local.get $c) (i32.const 3)))
                    (f64.add (local.get $v) (f64.load (i32.add (local.get $cum) (i32.shl (local.get $c) (i32.const 3))))))
                  ;; Ties go to the lower index, as the full argmin does.
                  (if (i32.or (f64.lt (local.get $v) (local.get $u))
                        (i32.and (f64.eq (local.get $v) (local.get $u)) (i32.lt_u (local.get $c) (local.get $a))))
                    (then (local.set $a (local.get $c)) (local.set $u (local.get $v)))))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $cloop)))
            (i32.store (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2))) (local.get $a))
            (f64.store (i32.add (local.get $up) (i32.shl (local.get $i) (i32.const 3))) (local.get $u))))
        (local.set $xr (i32.add (local.get $xr) (local.get $rowBytes)))
        (local.set $lo (i32.add (local.get $lo) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iloop))))`
}
