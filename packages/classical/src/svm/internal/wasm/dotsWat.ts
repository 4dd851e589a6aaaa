/**
 * WAT source of the SVM kernel's dot-product module (WebAssembly SIMD128, float64): one query
 * row against a list of rows, six (then four, then one) rows at a time so each f64x2 load of
 * the query feeds six multiply-adds (eight spilled registers and ran slower); every dot keeps
 * the same two-lane summation order whichever block computes it. Assembled by buildDotsWasm.ts into dots.generated.ts.
 *
 * dots(a, offs, cnt, d, out): out[t] = Σ_k a[k] · b_t[k] for t < cnt, where `a` is the byte
 * address of the query row, `offs` the byte address of cnt i32 byte addresses b_t, `d` the row
 * length and `out` the byte address of cnt float64 results.
 */
import { gramWat, solverWat } from './solverWat.js'

/** R rows against the query: R accumulators sharing each f64x2 load of the query. */
function rowsBody(R: number): string {
  const acc = Array.from({ length: R }, (_, i) => i)
  return `
        ${acc.map((i) => `(local.set $b${i} (i32.load offset=${4 * i} (local.get $p)))`).join('\n        ')}
        ${acc.map((i) => `(local.set $acc${i} (v128.const f64x2 0 0))`).join('\n        ')}
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $kloop
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $kend)))
            (local.set $va (v128.load (i32.add (local.get $a) (local.get $k))))
            ${acc
              .map(
                (i) =>
                  `(local.set $acc${i} (f64x2.add (local.get $acc${i}) (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $b${i}) (local.get $k))))))`,
              )
              .join('\n            ')}
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kloop)))
        ${acc
          .map(
            (
              i,
            ) => `(local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc${i})) (f64x2.extract_lane 1 (local.get $acc${i}))))
        (if (local.get $odd) (then
          (local.set $s (f64.add (local.get $s) (f64.mul
            (f64.load (i32.add (local.get $a) (local.get $kend)))
            (f64.load (i32.add (local.get $b${i}) (local.get $kend))))))))
        (f64.store offset=${i * 8} (local.get $o) (local.get $s))`,
          )
          .join('\n        ')}`
}

export function dotsWat(): string {
  return `(module
  (import "env" "exp" (func $mathExp (param f64) (result f64)))
  (memory (export "memory") 1)
  (func $dots (export "dots") (param $a i32) (param $offs i32) (param $cnt i32) (param $d i32) (param $out i32)
    (local $t i32) (local $k i32) (local $kend i32) (local $odd i32) (local $p i32) (local $o i32)
    ${Array.from({ length: 6 }, (_, i) => `(local $b${i} i32) (local $acc${i} v128)`).join(' ')} (local $va v128)
    (local $s f64)
    (local.set $kend (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (local.set $odd (i32.and (local.get $d) (i32.const 1)))
    (local.set $p (local.get $offs))
    (local.set $o (local.get $out))
    (block $done6
      (loop $rows6
        (br_if $done6 (i32.gt_s (i32.add (local.get $t) (i32.const 6)) (local.get $cnt)))
        ${rowsBody(6)}
        (local.set $p (i32.add (local.get $p) (i32.const 24)))
        (local.set $o (i32.add (local.get $o) (i32.const 48)))
        (local.set $t (i32.add (local.get $t) (i32.const 6)))
        (br $rows6)))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_s (i32.add (local.get $t) (i32.const 4)) (local.get $cnt)))
        ${rowsBody(4)}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $rows4)))
    (block $done1
      (loop $rows1
        (br_if $done1 (i32.ge_s (local.get $t) (local.get $cnt)))
        (local.set $b0 (i32.load (local.get $p)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (block $kdone1
          (loop $kloop1
            (br_if $kdone1 (i32.ge_u (local.get $k) (local.get $kend)))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul
              (v128.load (i32.add (local.get $a) (local.get $k)))
              (v128.load (i32.add (local.get $b0) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kloop1)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
        (if (local.get $odd) (then
          (local.set $s (f64.add (local.get $s) (f64.mul
            (f64.load (i32.add (local.get $a) (local.get $kend)))
            (f64.load (i32.add (local.get $b0) (local.get $kend))))))))
        (f64.store (local.get $o) (local.get $s))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows1))))
${solverWat()}
${gramWat()})
`
}
