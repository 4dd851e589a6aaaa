/**
 * WAT of GaussianNB's joint log-likelihood kernel (WebAssembly SIMD128, float64). The two lanes
 * of a vector are two classes, so every lane runs the scalar loop's exact arithmetic in the
 * same order (q += (x − θ)² / v as (a·a)·(1/v) over the features, then base − 0.5·q): the
 * results are bit-identical to the TypeScript loop. Two rows per pass share each θ and 1/v load.
 *
 * gnbJll(X, n, d, thT, ivT, base, kp, J): for the n rows of X (n × d, row-major) writes
 * J[i, c] = base[c] − 0.5 · Σ_j (X[i, j] − thT[j, c])² · ivT[j, c], with thT and ivT the class
 * means and inverse variances transposed (d × kp, kp even: a padding class when K is odd) and J
 * n × kp. Every argument but n, d and kp is a byte address.
 */

/** One pass over the features for `rows` rows and `vecs` class vectors (two classes each). */
function body(rows: number, vecs: number): string {
  const R = Array.from({ length: rows }, (_, r) => r)
  const V = Array.from({ length: vecs }, (_, v) => v)
  const acc = (r: number, v: number) => `$q${r}_${v}`
  return `
          ${R.flatMap((r) => V.map((v) => `(local.set ${acc(r, v)} (v128.const f64x2 0 0))`)).join(' ')}
          (local.set $pt (i32.add (local.get $thT) (local.get $c)))
          (local.set $pv (i32.add (local.get $ivT) (local.get $c)))
          (local.set $j (i32.const 0))
          (block $jdone
            (loop $jloop
              (br_if $jdone (i32.ge_u (local.get $j) (local.get $dBytes)))
              ${R.map((r) => `(local.set $x${r} (v128.load64_splat (i32.add (local.get $xr${r}) (local.get $j))))`).join('\n              ')}
              ${V.map(
                (v) => `(local.set $t (v128.load offset=${16 * v} (local.get $pt)))
              (local.set $w (v128.load offset=${16 * v} (local.get $pv)))
              ${R.map(
                (r) => `(local.set $a (f64x2.sub (local.get $x${r}) (local.get $t)))
              (local.set ${acc(r, v)} (f64x2.add (local.get ${acc(r, v)}) (f64x2.mul (f64x2.mul (local.get $a) (local.get $a)) (local.get $w))))`,
              ).join('\n              ')}`,
              ).join('\n              ')}
              (local.set $pt (i32.add (local.get $pt) (local.get $kpBytes)))
              (local.set $pv (i32.add (local.get $pv) (local.get $kpBytes)))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br $jloop)))
          ${R.flatMap((r) =>
            V.map(
              (v) =>
                `(v128.store offset=${16 * v} (i32.add (local.get $jr${r}) (local.get $c)) (f64x2.sub (v128.load offset=${16 * v} (i32.add (local.get $base) (local.get $c))) (f64x2.mul (local.get $half) (local.get ${acc(r, v)}))))`,
            ),
          ).join('\n          ')}
          (local.set $c (i32.add (local.get $c) (i32.const ${16 * vecs})))`
}

/** The class loop for `rows` rows: blocks of four class vectors, then single vectors. */
function classLoop(rows: number, tag: string): string {
  return `
        (local.set $c (i32.const 0))
        (block $v4done${tag}
          (loop $v4${tag}
            (br_if $v4done${tag} (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $kpBytes)))
            ${body(rows, 4)}
            (br $v4${tag})))
        (block $v1done${tag}
          (loop $v1${tag}
            (br_if $v1done${tag} (i32.ge_u (local.get $c) (local.get $kpBytes)))
            ${body(rows, 1)}
            (br $v1${tag})))`
}

export function gnbWat(): string {
  const accs = [0, 1].flatMap((r) => [0, 1, 2, 3].map((v) => `(local $q${r}_${v} v128)`)).join(' ')
  return `
  (func (export "gnbJll") (param $X i32) (param $n i32) (param $d i32) (param $thT i32)
      (param $ivT i32) (param $base i32) (param $kp i32) (param $J i32)
    (local $i i32) (local $j i32) (local $c i32) (local $dBytes i32) (local $kpBytes i32)
    (local $xr0 i32) (local $xr1 i32) (local $jr0 i32) (local $jr1 i32) (local $pt i32) (local $pv i32)
    (local $x0 v128) (local $x1 v128) (local $t v128) (local $w v128) (local $a v128) (local $half v128)
    ${accs}
    (local.set $dBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $kpBytes (i32.shl (local.get $kp) (i32.const 3)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $xr0 (local.get $X))
    (local.set $jr0 (local.get $J))
    (block $r2done
      (loop $r2
        (br_if $r2done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $n)))
        (local.set $xr1 (i32.add (local.get $xr0) (local.get $dBytes)))
        (local.set $jr1 (i32.add (local.get $jr0) (local.get $kpBytes)))
        ${classLoop(2, 'r2')}
        (local.set $xr0 (i32.add (local.get $xr1) (local.get $dBytes)))
        (local.set $jr0 (i32.add (local.get $jr1) (local.get $kpBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $r2)))
    (if (i32.lt_s (local.get $i) (local.get $n))
      (then ${classLoop(1, 'r1')})))`
}
