/**
 * WAT for the streaming float32 kernels: binary arithmetic (same shape, scalar, a row
 * repeated over rows: the bias-add pattern, and one value per row: the softmax pattern), a few unary maps, the relu gradient, sums with
 * float64 accumulators (as the TypeScript reference accumulates) and a fused Adam step.
 * Every loop runs 4 lanes per v128 and finishes the n mod 4 tail with scalars.
 */

/** Binary ops: WAT instruction stem (f32x4.<op> / f32.<op>). */
export const BINARY_OPS = ['add', 'sub', 'mul', 'div'] as const
/** Unary maps: name → [vector body of $x, scalar body of $s]. */
const UNARY_OPS: Record<string, [string, string]> = {
  // pmax(x, 0) = x < 0 ? 0 : x keeps NaN and -0 exactly as the TypeScript reference does.
  relu: [
    '(f32x4.pmax (local.get $x) (v128.const f32x4 0 0 0 0))',
    '(select (f32.const 0) (local.get $s) (f32.lt (local.get $s) (f32.const 0)))',
  ],
  neg: ['(f32x4.neg (local.get $x))', '(f32.neg (local.get $s))'],
  abs: ['(f32x4.abs (local.get $x))', '(f32.abs (local.get $s))'],
  sqrt: ['(f32x4.sqrt (local.get $x))', '(f32.sqrt (local.get $s))'],
  square: ['(f32x4.mul (local.get $x) (local.get $x))', '(f32.mul (local.get $s) (local.get $s))'],
}
export const UNARY_NAMES = Object.keys(UNARY_OPS)

/**
 * A loop over n floats: `vec` runs while 4 remain (pointers advance 16 bytes), then `scalar`
 * (pointers advance 4). `ptrs` are the locals advanced; $o is the output pointer and $end its end.
 */
function stream(ptrs: string[], vec: string, scalar: string, label: string): string {
  const adv = (bytes: number): string =>
    ptrs.map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const ${bytes})))`).join(' ')
  return `
    (local.set $end4 (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $${label}_v_done
      (br_if $${label}_v_done (i32.ge_u (local.get $o) (local.get $end4)))
      (loop $${label}_v
        ${vec}
        ${adv(16)}
        (br_if $${label}_v (i32.lt_u (local.get $o) (local.get $end4)))))
    (block $${label}_s_done
      (br_if $${label}_s_done (i32.ge_u (local.get $o) (local.get $end)))
      (loop $${label}_s
        ${scalar}
        ${adv(4)}
        (br_if $${label}_s (i32.lt_u (local.get $o) (local.get $end)))))`
}

function binary(op: string): string {
  const v = (x: string, y: string): string => `(v128.store (local.get $o) (f32x4.${op} ${x} ${y}))`
  const s = (x: string, y: string): string => `(f32.store (local.get $o) (f32.${op} ${x} ${y}))`
  const la = '(v128.load (local.get $a))'
  const lb = '(v128.load (local.get $b))'
  const sa = '(f32.load (local.get $a))'
  const sb = '(f32.load (local.get $b))'
  const locals = '(local $end i32) (local $end4 i32) (local $bv v128) (local $bs f32)'
  const sig = '(param $a i32) (param $b i32) (param $o i32) (param $n i32)'
  return `
  ;; o[i] = a[i] ${op} b[i]
  (func (export "${op}_vv") ${sig} ${locals}
    ${stream(['$a', '$b', '$o'], v(la, lb), s(sa, sb), 'l')})
  ;; o[i] = a[i] ${op} b[0]
  (func (export "${op}_vs") ${sig} ${locals}
    (local.set $bs (f32.load (local.get $b)))
    (local.set $bv (f32x4.splat (local.get $bs)))
    ${stream(['$a', '$o'], v(la, '(local.get $bv)'), s(sa, '(local.get $bs)'), 'l')})
  ;; o[i] = a[0] ${op} b[i]
  (func (export "${op}_sv") ${sig} ${locals}
    (local.set $bs (f32.load (local.get $a)))
    (local.set $bv (f32x4.splat (local.get $bs)))
    ${stream(['$b', '$o'], v('(local.get $bv)', lb), s('(local.get $bs)', sb), 'l')})
  ;; o[r, j] = a[r, j] ${op} b[j] for rows × n (b: one row of n, repeated)
  (func (export "${op}_vr") (param $a i32) (param $b i32) (param $o i32) (param $rows i32) (param $n i32)
    ${locals} (local $r i32) (local $b0 i32)
    (local.set $b0 (local.get $b))
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $rows
        (local.set $b (local.get $b0))
        ${stream(['$a', '$b', '$o'], v(la, lb), s(sa, sb), 'r')}
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $r) (local.get $rows))))))
  ;; o[r, j] = a[r, j] ${op} b[r] for rows × n (b: one value per row, e.g. x - max(x, -1, keepDims))
  (func (export "${op}_vc") (param $a i32) (param $b i32) (param $o i32) (param $rows i32) (param $n i32)
    ${locals} (local $r i32)
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $rows
        (local.set $bs (f32.load (local.get $b)))
        (local.set $bv (f32x4.splat (local.get $bs)))
        ${stream(['$a', '$o'], v(la, '(local.get $bv)'), s(sa, '(local.get $bs)'), 'c')}
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $r) (local.get $rows))))))`
}

function unary(name: string, [vec, scalar]: [string, string]): string {
  return `
  (func (export "${name}") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $x v128) (local $s f32)
    ${stream(
      ['$a', '$o'],
      `(local.set $x (v128.load (local.get $a))) (v128.store (local.get $o) ${vec})`,
      `(local.set $s (f32.load (local.get $a))) (f32.store (local.get $o) ${scalar})`,
      'l',
    )})`
}

/** dx = dy where x > 0, else 0 (NaN in x gives 0, as the reference's `x > 0 ? 1 : 0`). */
function reluGrad(): string {
  return `
  (func (export "relu_grad") (param $dy i32) (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $end4 i32)
    ${stream(
      ['$dy', '$x', '$o'],
      `(v128.store (local.get $o) (f32x4.mul (v128.load (local.get $dy))
         (v128.and (f32x4.gt (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))))`,
      `(f32.store (local.get $o) (f32.mul (f32.load (local.get $dy))
         (select (f32.const 1) (f32.const 0) (f32.gt (f32.load (local.get $x)) (f32.const 0)))))`,
      'l',
    )})`
}

/** Sums: rows of n (inner = 1) and, for inner > 1, columns; float64 accumulation. */
function sums(): string {
  return `
  ;; o[r] = Σ_j a[r, j] for rows × n, accumulated in float64 (2 f64x2 accumulators)
  (func (export "sum_rows") (param $a i32) (param $o i32) (param $rows i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $acc0 v128) (local $acc1 v128) (local $x v128)
    (local $s f64) (local $r i32) (local $p i32)
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $rows
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $s (f64.const 0))
        (local.set $end4 (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
        (block $v_done
          (br_if $v_done (i32.ge_u (local.get $a) (local.get $end4)))
          (loop $v
            (local.set $x (v128.load (local.get $a)))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.promote_low_f32x4 (local.get $x))))
            (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (br_if $v (i32.lt_u (local.get $a) (local.get $end4)))))
        (block $s_done
          (br_if $s_done (i32.ge_u (local.get $a) (local.get $end)))
          (loop $sl
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (br_if $sl (i32.lt_u (local.get $a) (local.get $end)))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
        (f32.store (local.get $o) (f32.demote_f64 (f64.add (local.get $s)
          (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $r) (local.get $rows))))))
  ;; acc[j] += a[r, j] over rows × n (acc: n float64, zeroed by the caller); o[j] = f32(acc[j])
  (func (export "sum_cols") (param $a i32) (param $o i32) (param $rows i32) (param $n i32) (param $acc i32)
    (local $r i32) (local $j i32) (local $q i32) (local $n2 i32)
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $rows
        (local.set $j (i32.const 0))
        (local.set $q (local.get $acc))
        (block $v_done
          (br_if $v_done (i32.ge_s (local.get $j) (local.get $n2)))
          (loop $v
            (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q))
              (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br_if $v (i32.lt_s (local.get $j) (local.get $n2)))))
        (if (i32.lt_s (local.get $j) (local.get $n))
          (then
            (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $r) (local.get $rows)))))
    (local.set $j (i32.const 0))
    (block $out_done
      (br_if $out_done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $out
        (f32.store (local.get $o) (f32.demote_f64 (f64.load (local.get $acc))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $acc (i32.add (local.get $acc) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $out (i32.lt_s (local.get $j) (local.get $n))))))`
}

/**
 * Optimizer state (Adam's moments, RMSprop's averages, SGD's momentum) of a parameter whose
 * gradient stays 0 decays geometrically into the subnormal range (|x| < 2^-126 ≈ 1.18e-38), where
 * x86 arithmetic takes a microcode assist per operand: in the seed MLP's training loop that
 * doubled the Adam step's time. WASM cannot set the CPU's flush-to-zero mode, so the kernels
 * flush stored state themselves, branch-free: `x` becomes +0 where |x| < `tiny`. Kernels pass
 * tiny = 2^-126, or 0 (no flush) where flushing could show in a parameter (see flushThreshold).
 * Results differ from PyTorch on x86 (which does not flush by default) only in state values
 * below 1.2e-38, which become exactly 0; normal values are stored bit for bit as before.
 */
export const flushVec = (x: string, tiny: string): string =>
  `(v128.andnot ${x} (f32x4.lt (v128.and ${x} (local.get $absMask)) ${tiny}))`
/**
 * flushVec for a value that is never negative (Adam's v and RMSprop's sq start at 0 and only add
 * squares): one AND fewer per vector, which the Adam step's time shows. A negative input, which
 * a valid state never holds, would become 0 too.
 */
export const flushNonNegVec = (x: string, tiny: string): string =>
  `(v128.andnot ${x} (f32x4.lt ${x} ${tiny}))`
/** Locals flushVec needs: `$absMask` clears the sign bit (one AND, where V8 expands f32x4.abs). */
export const FLUSH_LOCALS = '(local $absMask v128)'
export const FLUSH_INIT =
  '(local.set $absMask (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))'

export const flushScalar = (x: string, tiny: string): string =>
  `(select (f32.const 0) ${x} (f32.lt (f32.abs ${x}) ${tiny}))`
/**
 * 2^-126 when eps ≥ 2^-39, else 0. With eps that large, sqrt of a subnormal (< 2^-63) is below
 * half an ulp of eps, so sqrt(v) + eps rounds to the same float whether v was flushed or not and
 * the update's denominator is bit for bit unchanged; a flushed numerator moves p by at most
 * lr·2^-87. With a tiny or zero eps, sqrt(v) itself sets the step size and the state is kept.
 */
export const flushThreshold = (eps: string): string =>
  `(select (f32.const 0x1p-126) (f32.const 0) (f32.ge ${eps} (f32.const 0x1p-39)))`

/**
 * One Adam update of the 4 floats at byte offset `off` from $p/$g/$m/$v into locals suffixed
 * `k`. `decay` false leaves out the weight-decay terms (both rates 0: plain Adam), which is 3
 * of the ~30 instructions per vector.
 */
function adamVector(off: number, k: string, decay: boolean): string {
  const load = (ptr: string): string => `(v128.load offset=${off} (local.get ${ptr}))`
  const px = decay ? `(f32x4.mul ${load('$p')} (local.get $keepv))` : load('$p')
  const gx = decay
    ? `(f32x4.add ${load('$g')} (f32x4.mul (local.get $wdv) (local.get $px${k})))`
    : load('$g')
  return `(local.set $px${k} ${px})
        (local.set $gx${k} ${gx})
        (local.set $mx${k} (f32x4.add (f32x4.mul (local.get $b1v) ${load('$m')}) (f32x4.mul (local.get $c1v) (local.get $gx${k}))))
        (local.set $vx${k} (f32x4.add (f32x4.mul (local.get $b2v) ${load('$v')})
          (f32x4.mul (local.get $c2v) (f32x4.mul (local.get $gx${k}) (local.get $gx${k})))))
        (local.set $mx${k} ${flushVec(`(local.get $mx${k})`, '(local.get $tinyv)')})
        (local.set $vx${k} ${flushNonNegVec(`(local.get $vx${k})`, '(local.get $tinyv)')})
        (v128.store offset=${off} (local.get $m) (local.get $mx${k}))
        (v128.store offset=${off} (local.get $v) (local.get $vx${k}))
        (v128.store offset=${off} (local.get $p) (f32x4.sub (local.get $px${k}) (f32x4.div (f32x4.mul (local.get $stepv) (local.get $mx${k}))
          (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vx${k}) (local.get $ibc2v))) (local.get $epsv)))))`
}

/**
 * One Adam/AdamW step over n parameters, in place (PyTorch's formulation):
 *   g' = g + wd·p (Adam; 0 for AdamW, whose decay `p *= 1 - lr·decoupledWd` comes first)
 *   m = β1·m + (1-β1)·g';  v = β2·v + (1-β2)·g'²  (each flushed to 0 below 2^-126, see flushVec);
 *   p -= lr/bc1 · m / (sqrt(v/bc2) + eps)
 * The step is bound by instruction count, not memory (it takes as long with its state out of
 * L2), so the vector loop does two vectors per iteration (half the loop overhead) and has a
 * copy without the weight-decay terms; then one vector, then scalars.
 */
function adam(): string {
  const sv = (name: string): string => `(local.set $${name}v (f32x4.splat (local.get $${name})))`
  const adv = (bytes: number): string =>
    ['$p', '$g', '$m', '$v']
      .map((q) => `(local.set ${q} (i32.add (local.get ${q}) (i32.const ${bytes})))`)
      .join(' ')
  const pairLoop = (decay: boolean, label: string): string => `
      (block $${label}_done
        (br_if $${label}_done (i32.ge_u (local.get $p) (local.get $end8)))
        (loop $${label}
          ${adamVector(0, 'a', decay)}
          ${adamVector(16, 'b', decay)}
          ${adv(32)}
          (br_if $${label} (i32.lt_u (local.get $p) (local.get $end8)))))`
  return `
  (func (export "adam_f32") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $lr f32) (param $b1 f32) (param $b2 f32) (param $eps f32) (param $bc1 f32) (param $bc2 f32)
    (param $wd f32) (param $dwd f32)
    (local $end i32) (local $end4 i32) (local $end8 i32)
    (local $b1v v128) (local $b2v v128) (local $c1v v128) (local $c2v v128) (local $epsv v128)
    (local $stepv v128) (local $ibc2v v128) (local $wdv v128) (local $keepv v128) (local $tinyv v128) ${FLUSH_LOCALS}
    (local $c1 f32) (local $c2 f32) (local $step f32) (local $ibc2 f32) (local $keep f32) (local $tiny f32)
    (local $gxa v128) (local $mxa v128) (local $vxa v128) (local $pxa v128)
    (local $gxb v128) (local $mxb v128) (local $vxb v128) (local $pxb v128)
    (local $gs f32) (local $ms f32) (local $vs f32) (local $ps f32)
    (local.set $c1 (f32.sub (f32.const 1) (local.get $b1)))
    (local.set $c2 (f32.sub (f32.const 1) (local.get $b2)))
    (local.set $step (f32.div (local.get $lr) (local.get $bc1)))
    (local.set $ibc2 (f32.div (f32.const 1) (local.get $bc2)))
    (local.set $keep (f32.sub (f32.const 1) (f32.mul (local.get $lr) (local.get $dwd))))
    ${FLUSH_INIT}
    (local.set $tiny ${flushThreshold('(local.get $eps)')})
    ${['b1', 'b2', 'c1', 'c2', 'eps', 'step', 'ibc2', 'wd', 'keep', 'tiny'].map(sv).join(' ')}
    (local.set $end8 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.and (f32.eq (local.get $wd) (f32.const 0)) (f32.eq (local.get $dwd) (f32.const 0)))
      (then ${pairLoop(false, 'plain')})
      (else ${pairLoop(true, 'decay')}))
    (if (i32.lt_u (local.get $p) (local.get $end4))
      (then
        ${adamVector(0, 'a', true)}
        ${adv(16)}))
    (block $s_done
      (br_if $s_done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $s
        (local.set $ps (f32.mul (f32.load (local.get $p)) (local.get $keep)))
        (local.set $gs (f32.add (f32.load (local.get $g)) (f32.mul (local.get $wd) (local.get $ps))))
        (local.set $ms (f32.add (f32.mul (local.get $b1) (f32.load (local.get $m))) (f32.mul (local.get $c1) (local.get $gs))))
        (local.set $vs (f32.add (f32.mul (local.get $b2) (f32.load (local.get $v)))
          (f32.mul (local.get $c2) (f32.mul (local.get $gs) (local.get $gs)))))
        (local.set $ms ${flushScalar('(local.get $ms)', '(local.get $tiny)')})
        (local.set $vs ${flushScalar('(local.get $vs)', '(local.get $tiny)')})
        (f32.store (local.get $m) (local.get $ms))
        (f32.store (local.get $v) (local.get $vs))
        (f32.store (local.get $p) (f32.sub (local.get $ps) (f32.div (f32.mul (local.get $step) (local.get $ms))
          (f32.add (f32.sqrt (f32.mul (local.get $vs) (local.get $ibc2))) (local.get $eps)))))
        ${adv(4)}
        (br_if $s (i32.lt_u (local.get $p) (local.get $end)))))
  )`
}

export function elementwiseWat(): string {
  return [
    ...BINARY_OPS.map(binary),
    ...Object.entries(UNARY_OPS).map(([n, b]) => unary(n, b)),
    reluGrad(),
    sums(),
    adam(),
  ].join('\n')
}
