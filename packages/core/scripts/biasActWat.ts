/**
 * WAT for the dense layer's epilogue: C[i, j] = act(C[i, j] + bias[j]) in place after the GEMM,
 * act identity or ReLU (`pmax(x, 0)` keeps NaN and -0 as the TypeScript reference does). One
 * pass over the layer's output while it is still in cache, instead of two op dispatches.
 */

const biasAct = `
  ;; C[i, j] = act(C[i, j] + bias[j]) in place; $bias = 0: no bias; $relu ≠ 0: ReLU.
  (func (export "bias_act") (param $c i32) (param $ldc i32) (param $m i32) (param $n i32)
    (param $bias i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $p i32) (local $x v128) (local $s f32)
    (local $zero v128) (local $n4 i32)
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_s (local.get $i) (local.get $m)))
      (local.set $p (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
      (local.set $j (i32.const 0))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_s (local.get $j) (local.get $n4)))
        (local.set $x (v128.load (local.get $p)))
        (if (local.get $bias) (then
          (local.set $x (f32x4.add (local.get $x)
            (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
        (if (local.get $relu) (then (local.set $x (f32x4.pmax (local.get $x) (local.get $zero)))))
        (v128.store (local.get $p) (local.get $x))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $v)))
      (block $s_done (loop $sl
        (br_if $s_done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $s (f32.load (local.get $p)))
        (if (local.get $bias) (then
          (local.set $s (f32.add (local.get $s)
            (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
        (if (local.get $relu) (then
          (local.set $s (select (f32.const 0) (local.get $s) (f32.lt (local.get $s) (f32.const 0))))))
        (f32.store (local.get $p) (local.get $s))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $sl)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )`

export function biasActWat(): string {
  return biasAct
}
