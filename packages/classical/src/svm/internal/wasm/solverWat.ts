/**
 * WAT of the SMO solver's two hot scans (WebAssembly SIMD128, float64 lanes over float32 Q rows),
 * exported from the same module as the dot products (dotsWat.ts embeds these functions). Each
 * does exactly the scalar loop's arithmetic (no fused multiply-add exists in SIMD128, and the
 * operations keep the scalar association), so results are bit-identical to the TypeScript
 * loops; membership of I_up / I_low comes as NaN-or-±1 multipliers (a NaN fails every
 * comparison). Lanes keep the last index reaching their best value, and the final reduction
 * breaks ties by the larger index: the same choice as the sequential `>=` / `<=` scans.
 * Both process an even count n; the caller finishes an odd last element.
 *
 * gstep(G, Qi, Qj, upNegY, n, dAi, dAj, res) → argmax: G[k] += Qi[k]·dAi + Qj[k]·dAj, and
 *   the largest upNegY[k]·G[k] (stored at res) with its index.
 * wss(G, Qi, lowY, QD, n, Gmax, QDi, twoYi, res) → argmin: WSS3's second index; stores
 *   max lowY[j]·G[j] at res and the minimal objective at res + 8.
 */

const addr = (base: string, scale: number) =>
  `(i32.add (local.get ${base}) (i32.shl (local.get $k) (i32.const ${scale})))`
const loadQ = (base: string) => `(f64x2.promote_low_f32x4 (v128.load64_zero ${addr(base, 2)}))`

/** Picks lane 1 over lane 0 when `better` (a comparison of $b against $a) or a tie. */
const reduce = (vec: string, idx: string, better: string) => `
    (local.set $a (f64x2.extract_lane 0 (local.get ${vec})))
    (local.set $b (f64x2.extract_lane 1 (local.get ${vec})))
    (local.set $ia (f64x2.extract_lane 0 (local.get ${idx})))
    (local.set $ib (f64x2.extract_lane 1 (local.get ${idx})))
    (if (i32.or (${better} (local.get $b) (local.get $a))
                (i32.and (f64.eq (local.get $b) (local.get $a)) (f64.gt (local.get $ib) (local.get $ia))))
      (then (local.set $a (local.get $b)) (local.set $ia (local.get $ib))))`

export function solverWat(): string {
  return `
  (func (export "gstep") (param $G i32) (param $Qi i32) (param $Qj i32) (param $m i32) (param $n i32)
      (param $dAi f64) (param $dAj f64) (param $res i32) (result i32)
    (local $k i32) (local $vi v128) (local $vj v128) (local $g v128) (local $v v128) (local $c v128)
    (local $best v128) (local $bidx v128) (local $kv v128)
    (local $a f64) (local $b f64) (local $ia f64) (local $ib f64)
    (local.set $vi (f64x2.splat (local.get $dAi)))
    (local.set $vj (f64x2.splat (local.get $dAj)))
    (local.set $best (f64x2.splat (f64.const -inf)))
    (local.set $bidx (f64x2.splat (f64.const -1)))
    (local.set $kv (v128.const f64x2 0 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $g (f64x2.add (v128.load ${addr('$G', 3)})
          (f64x2.add (f64x2.mul ${loadQ('$Qi')} (local.get $vi))
                     (f64x2.mul ${loadQ('$Qj')} (local.get $vj)))))
        (v128.store ${addr('$G', 3)} (local.get $g))
        (local.set $v (f64x2.mul (v128.load ${addr('$m', 3)}) (local.get $g)))
        (local.set $c (f64x2.ge (local.get $v) (local.get $best)))
        (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $c)))
        (local.set $bidx (v128.bitselect (local.get $kv) (local.get $bidx) (local.get $c)))
        (local.set $kv (f64x2.add (local.get $kv) (v128.const f64x2 2 2)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $next)))
    ${reduce('$best', '$bidx', 'f64.gt')}
    (f64.store (local.get $res) (local.get $a))
    (i32.trunc_f64_s (local.get $ia)))

  (func (export "wss") (param $G i32) (param $Qi i32) (param $ly i32) (param $QD i32) (param $n i32)
      (param $Gmax f64) (param $QDi f64) (param $twoYi f64) (param $res i32) (result i32)
    (local $k i32) (local $gm v128) (local $qdi v128) (local $ty v128) (local $yj v128) (local $yG v128)
    (local $gd v128) (local $quad v128) (local $obj v128) (local $c v128)
    (local $g2 v128) (local $om v128) (local $oidx v128) (local $kv v128)
    (local $a f64) (local $b f64) (local $ia f64) (local $ib f64)
    (local.set $gm (f64x2.splat (local.get $Gmax)))
    (local.set $qdi (f64x2.splat (local.get $QDi)))
    (local.set $ty (f64x2.splat (local.get $twoYi)))
    (local.set $g2 (f64x2.splat (f64.const -inf)))
    (local.set $om (f64x2.splat (f64.const inf)))
    (local.set $oidx (f64x2.splat (f64.const -1)))
    (local.set $kv (v128.const f64x2 0 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $yj (v128.load ${addr('$ly', 3)}))
        (local.set $yG (f64x2.mul (local.get $yj) (v128.load ${addr('$G', 3)})))
        (local.set $c (f64x2.ge (local.get $yG) (local.get $g2)))
        (local.set $g2 (v128.bitselect (local.get $yG) (local.get $g2) (local.get $c)))
        (local.set $gd (f64x2.add (local.get $gm) (local.get $yG)))
        (local.set $quad (f64x2.sub (f64x2.add (local.get $qdi) (v128.load ${addr('$QD', 3)}))
          (f64x2.mul (f64x2.mul (local.get $ty) (local.get $yj)) ${loadQ('$Qi')})))
        (local.set $quad (v128.bitselect (local.get $quad) (v128.const f64x2 1e-12 1e-12)
          (f64x2.gt (local.get $quad) (v128.const f64x2 0 0))))
        (local.set $obj (f64x2.div (f64x2.neg (f64x2.mul (local.get $gd) (local.get $gd))) (local.get $quad)))
        (local.set $c (v128.and (f64x2.gt (local.get $gd) (v128.const f64x2 0 0))
          (f64x2.le (local.get $obj) (local.get $om))))
        (local.set $om (v128.bitselect (local.get $obj) (local.get $om) (local.get $c)))
        (local.set $oidx (v128.bitselect (local.get $kv) (local.get $oidx) (local.get $c)))
        (local.set $kv (f64x2.add (local.get $kv) (v128.const f64x2 2 2)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $next)))
    (local.set $a (f64x2.extract_lane 0 (local.get $g2)))
    (local.set $b (f64x2.extract_lane 1 (local.get $g2)))
    (f64.store (local.get $res) (select (local.get $b) (local.get $a) (f64.gt (local.get $b) (local.get $a))))
    ${reduce('$om', '$oidx', 'f64.lt')}
    (f64.store offset=8 (local.get $res) (local.get $a))
    (i32.trunc_f64_s (local.get $ia)))
`
}
