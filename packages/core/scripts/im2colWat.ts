/**
 * WAT for im2col and its adjoint col2im (float32, NCHW, one image/group at a time): the
 * column matrix of a convolution, (C·KH·KW) × (OH·OW), row by row. Each output row's
 * in-bounds span [lo, hi) is computed once per kernel column; stride-1 spans are copied (or,
 * for col2im, accumulated) 4 floats per v128 op, padding is written as zeros.
 */

const PARAMS = `(param $C i32) (param $H i32) (param $W i32) (param $KH i32) (param $KW i32)
    (param $OH i32) (param $OW i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (param $dh i32) (param $dw i32)`

const LOCALS = `(local $c i32) (local $kh i32) (local $kw i32) (local $oh i32) (local $off i32)
    (local $lo i32) (local $hi i32) (local $t i32) (local $ih i32) (local $plane i32) (local $src i32)
    (local $p i32) (local $q i32) (local $e i32) (local $e4 i32) (local $rowBytes i32)`

/** Computes $lo/$hi: the ow range whose input column ow·sw + off lies in [0, W). */
const RANGE = `
        (local.set $off (i32.sub (i32.mul (local.get $kw) (local.get $dw)) (local.get $pl)))
        (local.set $lo (i32.const 0))
        (if (i32.lt_s (local.get $off) (i32.const 0))
          (then (local.set $lo (i32.div_s (i32.add (i32.sub (i32.const 0) (local.get $off))
            (i32.sub (local.get $sw) (i32.const 1))) (local.get $sw)))))
        (if (i32.gt_s (local.get $lo) (local.get $OW)) (then (local.set $lo (local.get $OW))))
        (local.set $t (i32.sub (i32.sub (local.get $W) (i32.const 1)) (local.get $off)))
        (local.set $hi (i32.const 0))
        (if (i32.ge_s (local.get $t) (i32.const 0))
          (then (local.set $hi (i32.add (i32.div_s (local.get $t) (local.get $sw)) (i32.const 1)))))
        (if (i32.gt_s (local.get $hi) (local.get $OW)) (then (local.set $hi (local.get $OW))))
        (if (i32.lt_s (local.get $hi) (local.get $lo)) (then (local.set $hi (local.get $lo))))`

/** Zero floats in [$p, $e) (byte pointers), 4 at a time then one at a time. */
function zero(label: string): string {
  return `
          (local.set $e4 (i32.sub (local.get $e) (i32.const 12)))
          (block $${label}_vd (loop $${label}_v
            (br_if $${label}_vd (i32.ge_u (local.get $p) (local.get $e4)))
            (v128.store (local.get $p) (v128.const i32x4 0 0 0 0))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $${label}_v)))
          (block $${label}_sd (loop $${label}_s
            (br_if $${label}_sd (i32.ge_u (local.get $p) (local.get $e)))
            (f32.store (local.get $p) (f32.const 0))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $${label}_s)))`
}

/**
 * Walks every (c, kh, kw, oh) row: `inside` runs for rows whose input row ih is in bounds
 * (with $lo/$hi/$src set), `outside` for the others; $o is the column-matrix row pointer.
 */
function walk(inside: string, outside: string): string {
  return `
    (local.set $rowBytes (i32.shl (local.get $OW) (i32.const 2)))
    (block $c_done (loop $c_loop
      (br_if $c_done (i32.ge_s (local.get $c) (local.get $C)))
      (local.set $plane (i32.add (local.get $img)
        (i32.shl (i32.mul (local.get $c) (i32.mul (local.get $H) (local.get $W))) (i32.const 2))))
      (local.set $kh (i32.const 0))
      (block $kh_done (loop $kh_loop
        (br_if $kh_done (i32.ge_s (local.get $kh) (local.get $KH)))
        (local.set $kw (i32.const 0))
        (block $kw_done (loop $kw_loop
          (br_if $kw_done (i32.ge_s (local.get $kw) (local.get $KW)))
          ${RANGE}
          (local.set $oh (i32.const 0))
          (block $oh_done (loop $oh_loop
            (br_if $oh_done (i32.ge_s (local.get $oh) (local.get $OH)))
            (local.set $ih (i32.add (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $pt))
              (i32.mul (local.get $kh) (local.get $dh))))
            (if (i32.ge_u (local.get $ih) (local.get $H))
              (then ${outside})
              (else
                (local.set $src (i32.add (local.get $plane)
                  (i32.shl (i32.add (i32.mul (local.get $ih) (local.get $W)) (local.get $off)) (i32.const 2))))
                ${inside}))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $oh_loop)))
          (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
          (br $kw_loop)))
        (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
        (br $kh_loop)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $c_loop)))`
}

const SPAN = `
                ;; $p: column pointer at lo, $q: image pointer at lo, $e: column pointer at hi
                (local.set $p (i32.add (local.get $o) (i32.shl (local.get $lo) (i32.const 2))))
                (local.set $e (i32.add (local.get $o) (i32.shl (local.get $hi) (i32.const 2))))
                (local.set $q (i32.add (local.get $src) (i32.shl (i32.mul (local.get $lo) (local.get $sw)) (i32.const 2))))`

function im2col(): string {
  const inside = `
                (local.set $p (local.get $o))
                (local.set $e (i32.add (local.get $o) (i32.shl (local.get $lo) (i32.const 2))))
                ${zero('zl')}
                ${SPAN}
                (if (i32.eq (local.get $sw) (i32.const 1))
                  (then
                    (local.set $e4 (i32.sub (local.get $e) (i32.const 12)))
                    (block $cv_d (loop $cv
                      (br_if $cv_d (i32.ge_u (local.get $p) (local.get $e4)))
                      (v128.store (local.get $p) (v128.load (local.get $q)))
                      (local.set $p (i32.add (local.get $p) (i32.const 16)))
                      (local.set $q (i32.add (local.get $q) (i32.const 16)))
                      (br $cv)))))
                (block $cs_d (loop $cs
                  (br_if $cs_d (i32.ge_u (local.get $p) (local.get $e)))
                  (f32.store (local.get $p) (f32.load (local.get $q)))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (local.set $q (i32.add (local.get $q) (i32.shl (local.get $sw) (i32.const 2))))
                  (br $cs)))
                (local.set $e (i32.add (local.get $o) (local.get $rowBytes)))
                ${zero('zr')}`
  const outside = `
                (local.set $p (local.get $o))
                (local.set $e (i32.add (local.get $o) (local.get $rowBytes)))
                ${zero('zo')}`
  return `
  ;; col (C·KH·KW × OH·OW) ← image at $img (C × H × W)
  (func (export "im2col") (param $img i32) (param $o i32) ${PARAMS}
    ${LOCALS}
    ${walk(inside, outside)})`
}

function col2im(): string {
  const inside = `
                ${SPAN}
                ;; here $p walks the column row and $q the image row: image += column
                (if (i32.eq (local.get $sw) (i32.const 1))
                  (then
                    (local.set $e4 (i32.sub (local.get $e) (i32.const 12)))
                    (block $av_d (loop $av
                      (br_if $av_d (i32.ge_u (local.get $p) (local.get $e4)))
                      (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (v128.load (local.get $p))))
                      (local.set $p (i32.add (local.get $p) (i32.const 16)))
                      (local.set $q (i32.add (local.get $q) (i32.const 16)))
                      (br $av)))))
                (block $as_d (loop $as
                  (br_if $as_d (i32.ge_u (local.get $p) (local.get $e)))
                  (f32.store (local.get $q) (f32.add (f32.load (local.get $q)) (f32.load (local.get $p))))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (local.set $q (i32.add (local.get $q) (i32.shl (local.get $sw) (i32.const 2))))
                  (br $as)))`
  return `
  ;; image at $img (C × H × W) += col (C·KH·KW × OH·OW), the adjoint of im2col
  (func (export "col2im") (param $img i32) (param $o i32) ${PARAMS}
    ${LOCALS}
    ${walk(inside, '(nop)')})`
}

export function im2colWat(): string {
  return `${im2col()}\n${col2im()}`
}
