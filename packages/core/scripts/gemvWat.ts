/**
 * WAT for matrix-vector products, the m < 4 rows of a GEMM (batch-1 inference, a single row
 * of an MLP): packing B for the micro-kernel would cost as much as the product itself, so
 * these read B in place. `gemv_n`: y = a·B with B row-major (k × n, row stride `ldb` bytes),
 * 24, then 16, then 4 columns per pass over k (each pass is a chain of dependent multiply-adds
 * per accumulator, so wider passes mean fewer passes; 6 accumulators is the most V8 keeps in
 * registers: 1×784·784×64 3.6 → 3.0 µs). `gemv_t`: y[j] = a·B[j, :] (B stored n × k): one dot
 * product per column, 4 vector accumulators along k. `a` has element stride `as` bytes.
 * `acc` ≠ 0 adds into y instead of overwriting it.
 */

function madd(relaxed: boolean, a: string, b: string, c: string): string {
  return relaxed ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`
}

function gemvN(relaxed: boolean): string {
  /** One pass over k for `w` vectors (4w columns) starting at column pointer $bj. */
  const pass = (w: number, label: string): string => {
    const init: string[] = []
    const body: string[] = []
    const store: string[] = []
    for (let v = 0; v < w; v++) {
      init.push(
        `(local.set $y${v} (if (result v128) (local.get $acc) (then (v128.load offset=${v * 16} (local.get $yj))) (else (v128.const i32x4 0 0 0 0))))`,
      )
      body.push(
        `(local.set $y${v} ${madd(relaxed, '(local.get $av)', `(v128.load offset=${v * 16} (local.get $p))`, `(local.get $y${v})`)})`,
      )
      store.push(`(v128.store offset=${v * 16} (local.get $yj) (local.get $y${v}))`)
    }
    return `
    (block $${label}_done (loop $${label}
      (br_if $${label}_done (i32.gt_s (i32.add (local.get $j) (i32.const ${4 * w})) (local.get $n)))
      ${init.join('\n      ')}
      (local.set $p (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $q (local.get $a))
      (local.set $kk (i32.const 0))
      (block $${label}_k_done (loop $${label}_k
        (br_if $${label}_k_done (i32.ge_s (local.get $kk) (local.get $k)))
        (local.set $av (v128.load32_splat (local.get $q)))
        ${body.join('\n        ')}
        (local.set $p (i32.add (local.get $p) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (local.get $as)))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $${label}_k)))
      ${store.join('\n      ')}
      (local.set $j (i32.add (local.get $j) (i32.const ${4 * w})))
      (local.set $yj (i32.add (local.get $yj) (i32.const ${16 * w})))
      (br $${label})))`
  }
  return `
  (func (export "gemv_n") (param $a i32) (param $as i32) (param $b i32) (param $ldb i32)
    (param $y i32) (param $n i32) (param $k i32) (param $acc i32)
    (local $j i32) (local $kk i32) (local $p i32) (local $q i32) (local $yj i32) (local $s f32)
    (local $av v128) (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $y4 v128) (local $y5 v128)
    (local.set $yj (local.get $y))
    ${pass(6, 'w24')}
    ${pass(4, 'w16')}
    ${pass(1, 'w4')}
    (block $t_done (loop $t
      (br_if $t_done (i32.ge_s (local.get $j) (local.get $n)))
      (local.set $s (select (f32.load (local.get $yj)) (f32.const 0) (local.get $acc)))
      (local.set $p (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $q (local.get $a))
      (local.set $kk (i32.const 0))
      (block $tk_done (loop $tk
        (br_if $tk_done (i32.ge_s (local.get $kk) (local.get $k)))
        (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $q)) (f32.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (local.get $as)))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $tk)))
      (f32.store (local.get $yj) (local.get $s))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (local.set $yj (i32.add (local.get $yj) (i32.const 4)))
      (br $t)))
  )`
}

function gemvT(relaxed: boolean): string {
  return `
  (func (export "gemv_t") (param $a i32) (param $as i32) (param $b i32) (param $ldb i32)
    (param $y i32) (param $n i32) (param $k i32) (param $acc i32)
    (local $j i32) (local $kk i32) (local $p i32) (local $q i32) (local $k16 i32) (local $s f32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $va v128)
    (local.set $k16 (i32.and (local.get $k) (i32.const -16)))
    (block $j_done (loop $j_loop
      (br_if $j_done (i32.ge_s (local.get $j) (local.get $n)))
      (local.set $p (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $ldb))))
      (local.set $q (local.get $a))
      (local.set $s0 (v128.const i32x4 0 0 0 0))
      (local.set $s1 (v128.const i32x4 0 0 0 0))
      (local.set $s2 (v128.const i32x4 0 0 0 0))
      (local.set $s3 (v128.const i32x4 0 0 0 0))
      (local.set $kk (i32.const 0))
      (if (i32.eq (local.get $as) (i32.const 4))
        (then
          (block $v_done (loop $v
            (br_if $v_done (i32.ge_s (local.get $kk) (local.get $k16)))
            (local.set $s0 ${madd(relaxed, '(v128.load (local.get $q))', '(v128.load (local.get $p))', '(local.get $s0)')})
            (local.set $s1 ${madd(relaxed, '(v128.load offset=16 (local.get $q))', '(v128.load offset=16 (local.get $p))', '(local.get $s1)')})
            (local.set $s2 ${madd(relaxed, '(v128.load offset=32 (local.get $q))', '(v128.load offset=32 (local.get $p))', '(local.get $s2)')})
            (local.set $s3 ${madd(relaxed, '(v128.load offset=48 (local.get $q))', '(v128.load offset=48 (local.get $p))', '(local.get $s3)')})
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (local.set $q (i32.add (local.get $q) (i32.const 64)))
            (local.set $kk (i32.add (local.get $kk) (i32.const 16)))
            (br $v)))))
      (local.set $s0 (f32x4.add (f32x4.add (local.get $s0) (local.get $s1)) (f32x4.add (local.get $s2) (local.get $s3))))
      (local.set $s (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
        (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0)))))
      (block $r_done (loop $r
        (br_if $r_done (i32.ge_s (local.get $kk) (local.get $k)))
        (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $q)) (f32.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $q (i32.add (local.get $q) (local.get $as)))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $r)))
      (local.set $p (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2))))
      (f32.store (local.get $p) (f32.add (local.get $s) (select (f32.load (local.get $p)) (f32.const 0) (local.get $acc))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $j_loop)))
  )`
}

export function gemvWat(relaxed: boolean): string {
  return `${gemvN(relaxed)}\n${gemvT(relaxed)}`
}
