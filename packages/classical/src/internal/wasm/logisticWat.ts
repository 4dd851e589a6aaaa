/**
 * WAT of the multinomial logistic regression's two products (WebAssembly SIMD128, float64), over
 * the training data stored transposed with its columns padded: Xt is st × np (st = d + 1 with
 * a row of ones when an intercept is fitted, np = n rounded up to a multiple of 4, padding
 * zero), so both products stream contiguous rows of Xt.
 *
 * lrScores(Xt, np, d, W, st, K, Z, fi): Z[k, i] = b_k + Σ_{j<d} W[k, j] · Xt[j, i] (K × np),
 *   where b_k = W[k, d] when fi is 1 and 0 otherwise. Lanes are samples, so each score is
 *   the scalar loop's sum in the same order (bit-identical to it); a block is four classes ×
 *   four samples, each Xt load feeding four multiply-adds and each weight splat two.
 * lrGrad(R, Xt, np, st, K, G): G[k, j] = Σ_i R[k, i] · Xt[j, i] for j < st (K × st); R is K × np
 *   (zero in the padding). Two classes × four features per pass over the samples, the two lanes
 *   (even and odd samples) added at the end.
 * lrSoftmax(Z, np, K, y, sw, L): turns the scores Z (K × np) into weighted residuals
 *   sw_i · (softmax(z_i) − onehot(y_i)), two samples per vector, with the TypeScript loop's
 *   operations per sample (running max, exp(z − max) summed over the classes in order, one
 *   division sw_i / sum), so bit-identical to it; y holds np int32 labels and sw np float64
 *   weights (zero in the padding, whose residuals become zero). L receives max_i, sum_i and z_{i,y_i}
 *   (3 × np) for the log loss, which needs one log per sample.
 * axpyRows(X, n, d, r, G): G[j] = Σ_i r[i] · X[i, j] over the rows of X (n × d, row-major), each
 *   sum in sample order from 0 (lanes are features): the binary objective's gradient loop
 *   exactly. Eight features per pass over the samples, then two, then a last odd one.
 * Every argument but the counts and fi is a byte address.
 */
import { EXP_V_LOCALS, expV } from './expWat.js'

function scoresBody(U: number): string {
  const us = Array.from({ length: U }, (_, u) => u)
  const acc = (u: number, v: number) => `$z${u}_${v}`
  return `
        ${us.map((u) => `(local.set $w${u} (i32.add (local.get $W) (i32.mul (i32.add (local.get $k) (i32.const ${u})) (local.get $stBytes))))`).join('\n        ')}
        (local.set $i (i32.const 0))
        (block $idone${U}
          (loop $iloop${U}
            (br_if $idone${U} (i32.ge_u (local.get $i) (local.get $npBytes)))
            ${us
              .map(
                (u) =>
                  `(local.set ${acc(u, 0)} (if (result v128) (local.get $fi) (then (v128.load64_splat (i32.add (local.get $w${u}) (local.get $dBytes)))) (else (v128.const f64x2 0 0))))
            (local.set ${acc(u, 1)} (local.get ${acc(u, 0)}))`,
              )
              .join('\n            ')}
            (local.set $px (i32.add (local.get $Xt) (local.get $i)))
            (local.set $j (i32.const 0))
            (block $jdone${U}
              (loop $jloop${U}
                (br_if $jdone${U} (i32.ge_u (local.get $j) (local.get $dBytes)))
                (local.set $x0 (v128.load (local.get $px)))
                (local.set $x1 (v128.load offset=16 (local.get $px)))
                ${us
                  .map(
                    (
                      u,
                    ) => `(local.set $s (v128.load64_splat (i32.add (local.get $w${u}) (local.get $j))))
                (local.set ${acc(u, 0)} (f64x2.add (local.get ${acc(u, 0)}) (f64x2.mul (local.get $s) (local.get $x0))))
                (local.set ${acc(u, 1)} (f64x2.add (local.get ${acc(u, 1)}) (f64x2.mul (local.get $s) (local.get $x1))))`,
                  )
                  .join('\n                ')}
                (local.set $px (i32.add (local.get $px) (local.get $npBytes)))
                (local.set $j (i32.add (local.get $j) (i32.const 8)))
                (br $jloop${U})))
            (local.set $pz (i32.add (i32.add (local.get $Z) (i32.mul (local.get $k) (local.get $npBytes))) (local.get $i)))
            ${us
              .map(
                (u) => `(v128.store (local.get $pz) (local.get ${acc(u, 0)}))
            (v128.store offset=16 (local.get $pz) (local.get ${acc(u, 1)}))
            (local.set $pz (i32.add (local.get $pz) (local.get $npBytes)))`,
              )
              .join('\n            ')}
            (local.set $i (i32.add (local.get $i) (i32.const 32)))
            (br $iloop${U})))
        (local.set $k (i32.add (local.get $k) (i32.const ${U})))`
}

function gradBody(U: number, V: number, tag: string): string {
  const us = Array.from({ length: U }, (_, u) => u)
  const vs = Array.from({ length: V }, (_, v) => v)
  const acc = (u: number, v: number) => `$g${u}_${v}`
  return `
          ${us.flatMap((u) => vs.map((v) => `(local.set ${acc(u, v)} (v128.const f64x2 0 0))`)).join(' ')}
          ${vs.map((v) => `(local.set $xa${v} (i32.add (local.get $Xt) (i32.mul (i32.add (local.get $j) (i32.const ${v})) (local.get $npBytes))))`).join('\n          ')}
          (local.set $i (i32.const 0))
          (block $idone${tag}
            (loop $iloop${tag}
              (br_if $idone${tag} (i32.ge_u (local.get $i) (local.get $npBytes)))
              ${us.map((u) => `(local.set $r${u} (v128.load (i32.add (local.get $ra${u}) (local.get $i))))`).join('\n              ')}
              ${vs
                .map(
                  (v) => `(local.set $x0 (v128.load (i32.add (local.get $xa${v}) (local.get $i))))
              ${us.map((u) => `(local.set ${acc(u, v)} (f64x2.add (local.get ${acc(u, v)}) (f64x2.mul (local.get $r${u}) (local.get $x0))))`).join('\n              ')}`,
                )
                .join('\n              ')}
              (local.set $i (i32.add (local.get $i) (i32.const 16)))
              (br $iloop${tag})))
          ${us
            .flatMap((u) =>
              vs.map(
                (v) =>
                  `(f64.store (i32.add (local.get $G) (i32.shl (i32.add (i32.mul (i32.add (local.get $k) (i32.const ${u})) (local.get $st)) (i32.add (local.get $j) (i32.const ${v}))) (i32.const 3)))
            (f64.add (f64x2.extract_lane 0 (local.get ${acc(u, v)})) (f64x2.extract_lane 1 (local.get ${acc(u, v)}))))`,
              ),
            )
            .join('\n          ')}
          (local.set $j (i32.add (local.get $j) (i32.const ${V})))`
}

function gradClasses(U: number): string {
  const tag = `u${U}`
  return `
      ${Array.from({ length: U }, (_, u) => `(local.set $ra${u} (i32.add (local.get $R) (i32.mul (i32.add (local.get $k) (i32.const ${u})) (local.get $npBytes))))`).join('\n      ')}
      (local.set $j (i32.const 0))
      (block $v4done${tag}
        (loop $v4${tag}
          (br_if $v4done${tag} (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $st)))
          ${gradBody(U, 4, `${tag}v4`)}
          (br $v4${tag})))
      (block $v1done${tag}
        (loop $v1${tag}
          (br_if $v1done${tag} (i32.ge_s (local.get $j) (local.get $st)))
          ${gradBody(U, 1, `${tag}v1`)}
          (br $v1${tag})))
      (local.set $k (i32.add (local.get $k) (i32.const ${U})))`
}

export function logisticWat(): string {
  const zAcc = [0, 1, 2, 3].flatMap((u) => [0, 1].map((v) => `(local $z${u}_${v} v128)`)).join(' ')
  const gAcc = [0, 1].flatMap((u) => [0, 1, 2, 3].map((v) => `(local $g${u}_${v} v128)`)).join(' ')
  return `
  (func (export "lrScores") (param $Xt i32) (param $np i32) (param $d i32) (param $W i32)
      (param $st i32) (param $K i32) (param $Z i32) (param $fi i32)
    (local $k i32) (local $i i32) (local $j i32) (local $px i32) (local $pz i32)
    (local $npBytes i32) (local $dBytes i32) (local $stBytes i32)
    (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $x0 v128) (local $x1 v128) (local $s v128)
    ${zAcc}
    (local.set $npBytes (i32.shl (local.get $np) (i32.const 3)))
    (local.set $dBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $stBytes (i32.shl (local.get $st) (i32.const 3)))
    (block $u4done
      (loop $u4
        (br_if $u4done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
        ${scoresBody(4)}
        (br $u4)))
    (if (i32.le_s (i32.add (local.get $k) (i32.const 2)) (local.get $K)) (then ${scoresBody(2)}))
    (if (i32.lt_s (local.get $k) (local.get $K)) (then ${scoresBody(1)})))
  (func (export "lrGrad") (param $R i32) (param $Xt i32) (param $np i32) (param $st i32)
      (param $K i32) (param $G i32)
    (local $k i32) (local $i i32) (local $j i32) (local $npBytes i32)
    (local $ra0 i32) (local $ra1 i32) (local $xa0 i32) (local $xa1 i32) (local $xa2 i32) (local $xa3 i32)
    (local $r0 v128) (local $r1 v128) (local $x0 v128)
    ${gAcc}
    (local.set $npBytes (i32.shl (local.get $np) (i32.const 3)))
    (block $u2done
      (loop $u2
        (br_if $u2done (i32.gt_s (i32.add (local.get $k) (i32.const 2)) (local.get $K)))
        ${gradClasses(2)}
        (br $u2)))
    (if (i32.lt_s (local.get $k) (local.get $K)) (then ${gradClasses(1)})))
  (func (export "lrSoftmax") (param $Z i32) (param $np i32) (param $K i32) (param $y i32)
      (param $sw i32) (param $L i32)
    (local $i i32) (local $k i32) (local $p i32) (local $npBytes i32) (local $end i32)
    (local $a0 i32) (local $a1 i32) (local $w0 f64) (local $w1 f64)
    (local $v v128) (local $max v128) (local $sum v128) (local $x v128) (local $e v128) (local $inv v128)
    ${EXP_V_LOCALS}
    (local.set $npBytes (i32.shl (local.get $np) (i32.const 3)))
    (block $idone
      (loop $iloop
        (br_if $idone (i32.ge_u (local.get $i) (local.get $npBytes)))
        (local.set $max (f64x2.splat (f64.const -inf)))
        (local.set $p (i32.add (local.get $Z) (local.get $i)))
        (local.set $end (i32.add (local.get $p) (i32.mul (local.get $K) (local.get $npBytes))))
        (block $mdone
          (loop $mloop
            (br_if $mdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $v (v128.load (local.get $p)))
            (local.set $max (v128.bitselect (local.get $v) (local.get $max) (f64x2.gt (local.get $v) (local.get $max))))
            (local.set $p (i32.add (local.get $p) (local.get $npBytes)))
            (br $mloop)))
        ;; The true class's score of each lane, read before the row is overwritten.
        (local.set $a0 (i32.add (i32.add (local.get $Z) (local.get $i))
          (i32.mul (i32.load (i32.add (local.get $y) (i32.shr_u (local.get $i) (i32.const 1)))) (local.get $npBytes))))
        (local.set $a1 (i32.add (i32.add (local.get $Z) (i32.add (local.get $i) (i32.const 8)))
          (i32.mul (i32.load offset=4 (i32.add (local.get $y) (i32.shr_u (local.get $i) (i32.const 1)))) (local.get $npBytes))))
        (v128.store (i32.add (i32.add (local.get $L) (local.get $i)) (i32.shl (local.get $npBytes) (i32.const 1)))
          (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $a0))) (f64.load (local.get $a1))))
        (local.set $sum (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $Z) (local.get $i)))
        (block $edone
          (loop $eloop
            (br_if $edone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (f64x2.sub (v128.load (local.get $p)) (local.get $max)))
            ${expV('$x', '$e')}
            (v128.store (local.get $p) (local.get $e))
            (local.set $sum (f64x2.add (local.get $sum) (local.get $e)))
            (local.set $p (i32.add (local.get $p) (local.get $npBytes)))
            (br $eloop)))
        (v128.store (i32.add (local.get $L) (local.get $i)) (local.get $max))
        (v128.store (i32.add (i32.add (local.get $L) (local.get $i)) (local.get $npBytes)) (local.get $sum))
        (local.set $inv (f64x2.div (v128.load (i32.add (local.get $sw) (local.get $i))) (local.get $sum)))
        (local.set $p (i32.add (local.get $Z) (local.get $i)))
        (block $sdone
          (loop $sloop
            (br_if $sdone (i32.ge_u (local.get $p) (local.get $end)))
            (v128.store (local.get $p) (f64x2.mul (v128.load (local.get $p)) (local.get $inv)))
            (local.set $p (i32.add (local.get $p) (local.get $npBytes)))
            (br $sloop)))
        (local.set $w0 (f64.load (i32.add (local.get $sw) (local.get $i))))
        (local.set $w1 (f64.load offset=8 (i32.add (local.get $sw) (local.get $i))))
        (f64.store (local.get $a0) (f64.sub (f64.load (local.get $a0)) (local.get $w0)))
        (f64.store (local.get $a1) (f64.sub (f64.load (local.get $a1)) (local.get $w1)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $iloop))))
  (func (export "axpyRows") (param $X i32) (param $n i32) (param $d i32) (param $r i32) (param $G i32)
    (local $c i32) (local $i i32) (local $p i32) (local $dBytes i32) (local $s v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $acc f64)
    (local.set $dBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $v4done
      (loop $v4
        (br_if $v4done (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $dBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $X) (local.get $c)))
        (local.set $i (i32.const 0))
        (block $idone4
          (loop $iloop4
            (br_if $idone4 (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $s (v128.load64_splat (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (v128.load (local.get $p)))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s) (v128.load offset=16 (local.get $p)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s) (v128.load offset=32 (local.get $p)))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s) (v128.load offset=48 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $dBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iloop4)))
        (v128.store (i32.add (local.get $G) (local.get $c)) (local.get $a0))
        (v128.store offset=16 (i32.add (local.get $G) (local.get $c)) (local.get $a1))
        (v128.store offset=32 (i32.add (local.get $G) (local.get $c)) (local.get $a2))
        (v128.store offset=48 (i32.add (local.get $G) (local.get $c)) (local.get $a3))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $v4)))
    (block $v1done
      (loop $v1
        (br_if $v1done (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $dBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $X) (local.get $c)))
        (local.set $i (i32.const 0))
        (block $idone1
          (loop $iloop1
            (br_if $idone1 (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul
              (v128.load64_splat (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))))
              (v128.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $dBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iloop1)))
        (v128.store (i32.add (local.get $G) (local.get $c)) (local.get $a0))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $v1)))
    (if (i32.lt_u (local.get $c) (local.get $dBytes))
      (then
        (local.set $p (i32.add (local.get $X) (local.get $c)))
        (local.set $i (i32.const 0))
        (block $idone0
          (loop $iloop0
            (br_if $idone0 (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $acc (f64.add (local.get $acc) (f64.mul
              (f64.load (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3))))
              (f64.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $dBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iloop0)))
        (f64.store (i32.add (local.get $G) (local.get $c)) (local.get $acc)))))`
}
