/**
 * WAT of the row-against-columns kernels (WebAssembly SIMD128, float64): GaussianNB's joint
 * log-likelihood (variance-weighted squared distances), KMeans' squared distances and the linear
 * classifiers' scores. The two lanes of a vector are two classes (centres), so every lane runs
 * the scalar loop's exact arithmetic in the same order (q += (x − θ)², (x − θ)² · (1/v) or x · w
 * over the features in order): the results are bit-identical to the TypeScript loops. Two rows
 * per pass share each column load.
 *
 * gnbJll(X, n, d, thT, ivT, base, kp, J): for the n rows of X (n × d, row-major) writes
 *   J[i, c] = base[c] − 0.5 · Σ_j (X[i, j] − thT[j, c])² · ivT[j, c], with thT and ivT the class
 *   means and inverse variances transposed (d × kp, kp even: a padding class when K is odd) and
 *   J n × kp.
 * sqDists(X, n, d, cT, kp, D): D[i, c] = Σ_j (X[i, j] − cT[j, c])² (n × kp), cT the centres
 *   transposed (d × kp, kp even).
 * affineRows(X, n, d, WT, bias, kp, Z): Z[i, c] = bias[c] + Σ_j X[i, j] · WT[j, c] (n × kp), the
 *   linear models' scores with the weights transposed (d × kp), summed as their loops do.
 * sqDist1(a, b, d) → Σ_j (a[j] − b[j])² for two rows (KMeans' centre-to-centre distances),
 *   summed as sqDist8Body describes: KMeans' sqDist8 exactly.
 * Every argument but n, d and kp is a byte address.
 */

/**
 * 'gnb': GaussianNB's variance-weighted form (base − 0.5·Σ (x − θ)²/v); 'dist': plain squared
 * distances; 'affine': linear scores b + Σ x·w (the "centres" are weight columns).
 */
type Mode = 'gnb' | 'dist' | 'affine'

/** One pass over the features for `rows` rows and `vecs` class vectors (two classes each). */
function body(rows: number, vecs: number, mode: Mode): string {
  const weighted = mode === 'gnb'
  const term = (r: number) =>
    mode === 'affine'
      ? `(f64x2.mul (local.get $x${r}) (local.get $t))`
      : '(f64x2.mul (local.get $a) (local.get $a))'
  const R = Array.from({ length: rows }, (_, r) => r)
  const V = Array.from({ length: vecs }, (_, v) => v)
  const acc = (r: number, v: number) => `$q${r}_${v}`
  return `
          ${R.flatMap((r) =>
            V.map(
              (v) =>
                `(local.set ${acc(r, v)} ${mode === 'affine' ? `(v128.load offset=${16 * v} (i32.add (local.get $base) (local.get $c)))` : '(v128.const f64x2 0 0)'})`,
            ),
          ).join(' ')}
          (local.set $pt (i32.add (local.get $thT) (local.get $c)))
          ${weighted ? '(local.set $pv (i32.add (local.get $ivT) (local.get $c)))' : ''}
          (local.set $j (i32.const 0))
          (block $jdone
            (loop $jloop
              (br_if $jdone (i32.ge_u (local.get $j) (local.get $dBytes)))
              ${R.map((r) => `(local.set $x${r} (v128.load64_splat (i32.add (local.get $xr${r}) (local.get $j))))`).join('\n              ')}
              ${V.map(
                (v) => `(local.set $t (v128.load offset=${16 * v} (local.get $pt)))
              ${weighted ? `(local.set $w (v128.load offset=${16 * v} (local.get $pv)))` : ''}
              ${R.map(
                (
                  r,
                ) => `${mode === 'affine' ? '' : `(local.set $a (f64x2.sub (local.get $x${r}) (local.get $t)))`}
              (local.set ${acc(r, v)} (f64x2.add (local.get ${acc(r, v)}) ${weighted ? '(f64x2.mul (f64x2.mul (local.get $a) (local.get $a)) (local.get $w))' : term(r)}))`,
              ).join('\n              ')}`,
              ).join('\n              ')}
              (local.set $pt (i32.add (local.get $pt) (local.get $kpBytes)))
              ${weighted ? '(local.set $pv (i32.add (local.get $pv) (local.get $kpBytes)))' : ''}
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br $jloop)))
          ${R.flatMap((r) =>
            V.map(
              (v) =>
                `(v128.store offset=${16 * v} (i32.add (local.get $jr${r}) (local.get $c)) ${weighted ? `(f64x2.sub (v128.load offset=${16 * v} (i32.add (local.get $base) (local.get $c))) (f64x2.mul (local.get $half) (local.get ${acc(r, v)})))` : `(local.get ${acc(r, v)})`})`,
            ),
          ).join('\n          ')}
          (local.set $c (i32.add (local.get $c) (i32.const ${16 * vecs})))`
}

/** The class loop for `rows` rows: blocks of four class vectors, then two, then one. */
function classLoop(rows: number, tag: string, mode: Mode): string {
  return `
        (local.set $c (i32.const 0))
        (block $v4done${tag}
          (loop $v4${tag}
            (br_if $v4done${tag} (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $kpBytes)))
            ${body(rows, 4, mode)}
            (br $v4${tag})))
        (if (i32.le_u (i32.add (local.get $c) (i32.const 32)) (local.get $kpBytes))
          (then ${body(rows, 2, mode)}))
        (block $v1done${tag}
          (loop $v1${tag}
            (br_if $v1done${tag} (i32.ge_u (local.get $c) (local.get $kpBytes)))
            ${body(rows, 1, mode)}
            (br $v1${tag})))`
}

/** The whole function: rows two at a time, then a last single row. */
function distFunc(mode: Mode): string {
  const accs = [0, 1].flatMap((r) => [0, 1, 2, 3].map((v) => `(local $q${r}_${v} v128)`)).join(' ')
  return `
  ${
    mode === 'gnb'
      ? `(func (export "gnbJll") (param $X i32) (param $n i32) (param $d i32) (param $thT i32)
      (param $ivT i32) (param $base i32) (param $kp i32) (param $J i32)`
      : mode === 'dist'
        ? `(func (export "sqDists") (param $X i32) (param $n i32) (param $d i32) (param $thT i32)
      (param $kp i32) (param $J i32)`
        : `(func (export "affineRows") (param $X i32) (param $n i32) (param $d i32) (param $thT i32)
      (param $base i32) (param $kp i32) (param $J i32)`
  }
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
        ${classLoop(2, 'r2', mode)}
        (local.set $xr0 (i32.add (local.get $xr1) (local.get $dBytes)))
        (local.set $jr0 (i32.add (local.get $jr1) (local.get $kpBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $r2)))
    (if (i32.lt_s (local.get $i) (local.get $n))
      (then ${classLoop(1, 'r1', mode)})))`
}

export function sqDistWat(): string {
  return `${distFunc('gnb')}
${distFunc('dist')}
${distFunc('affine')}`
}

/**
 * Statements setting local `out` to Σ_j (a[j] − b[j])² over the rows at byte addresses `pa`, `pb`
 * (`rowBytes` = 8·d, `kend` = 8·(d rounded down to a multiple of 8)), as eight partial sums
 * a_m over j ≡ m (mod 8) in four vectors (a0 a1)(a2 a3)(a4 a5)(a6 a7), combined as
 * ((a0 + a2) + (a4 + a6)) + ((a1 + a3) + (a5 + a7)), plus the tail j ≥ kend summed in order:
 * KMeans' sqDist8 exactly. Uses locals $j $t $acc0..3 $s0 $e.
 */
export function sqDist8Body(
  pa: string,
  pb: string,
  rowBytes: string,
  kend: string,
  out: string,
): string {
  const step = (
    o: number,
    acc: string,
  ) => `(local.set $t (f64x2.sub (v128.load offset=${o} (i32.add (local.get ${pa}) (local.get $j)))
                (v128.load offset=${o} (i32.add (local.get ${pb}) (local.get $j)))))
              (local.set ${acc} (f64x2.add (local.get ${acc}) (f64x2.mul (local.get $t) (local.get $t))))`
  return `
          (local.set $acc0 (v128.const f64x2 0 0))
          (local.set $acc1 (v128.const f64x2 0 0))
          (local.set $acc2 (v128.const f64x2 0 0))
          (local.set $acc3 (v128.const f64x2 0 0))
          (local.set $j (i32.const 0))
          (block $ddone
            (loop $dloop
              (br_if $ddone (i32.ge_u (local.get $j) (local.get ${kend})))
              ${step(0, '$acc0')}
              ${step(16, '$acc1')}
              ${step(32, '$acc2')}
              ${step(48, '$acc3')}
              (local.set $j (i32.add (local.get $j) (i32.const 64)))
              (br $dloop)))
          (local.set $s0 (f64.const 0))
          (block $rdone
            (loop $rloop
              (br_if $rdone (i32.ge_u (local.get $j) (local.get ${rowBytes})))
              (local.set $e (f64.sub (f64.load (i32.add (local.get ${pa}) (local.get $j)))
                (f64.load (i32.add (local.get ${pb}) (local.get $j)))))
              (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $e) (local.get $e))))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br $rloop)))
          (local.set $t (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1))
            (f64x2.add (local.get $acc2) (local.get $acc3))))
          (local.set ${out} (f64.add (f64.add (f64x2.extract_lane 0 (local.get $t)) (f64x2.extract_lane 1 (local.get $t)))
            (local.get $s0)))`
}

export function sqDist1Wat(): string {
  return `
  (func (export "sqDist1") (param $a i32) (param $b i32) (param $d i32) (result f64)
    (local $j i32) (local $kend i32) (local $rowBytes i32) (local $t v128)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $s0 f64) (local $e f64) (local $r f64)
    (local.set $kend (i32.shl (i32.and (local.get $d) (i32.const -8)) (i32.const 3)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    ${sqDist8Body('$a', '$b', '$rowBytes', '$kend', '$r')}
    (local.get $r))`
}
