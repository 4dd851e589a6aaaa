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
 * gstep(Qi, Qj, n, dAi, dAj) → argmax: G[k] += Qi[k]·dAi + Qj[k]·dAj, and the largest
 *   upNegY[k]·G[k] (stored at byte 0) with its index.
 * gmax(n) → the same argmax without the update (WSS3's first index).
 * wss(Qi, n, Gmax, QDi, twoYi) → argmin: WSS3's second index; stores max lowY[j]·G[j] at
 *   byte 0 and the minimal objective at byte 8.
 * G, upNegY, lowY and QD are at the addresses of the configuration block.
 */

import { EXP_CONSTS, expFast, expFastLocals, expTiny } from '../../../internal/wasm/expWat.js'

/**
 * Addresses that stay fixed for an arena's lifetime are read from a configuration block at
 * byte 16 (written once by SolverArena), keeping the JS-to-WASM calls to a few arguments.
 */
export const CFG = {
  G: 16,
  upNegY: 20,
  lowY: 24,
  QD: 28,
  K: 32,
  n: 36,
  data: 40,
  d: 44,
  sq: 48,
  pos: 52,
  offs: 56,
  gjs: 60,
  vals: 64,
  idx: 68,
  sign: 72,
  dup: 76,
  negGamma: 80,
  Gbar: 88,
  sqg: 92,
  end: 96,
} as const

const cfg = (name: keyof typeof CFG) => `(local.set $${name} (i32.load (i32.const ${CFG[name]})))`

const addr = (base: string, scale: number) =>
  `(i32.add (local.get ${base}) (i32.shl (local.get $k) (i32.const ${scale})))`
const loadQ = (base: string, off = 0) =>
  `(f64x2.promote_low_f32x4 (v128.load64_zero offset=${off} ${addr(base, 2)}))`

/** Picks lane 1 over lane 0 when `better` (a comparison of $b against $a) or a tie. */
const reduce = (vec: string, idx: string, better: string) => `
    (local.set $a (f64x2.extract_lane 0 (local.get ${vec})))
    (local.set $b (f64x2.extract_lane 1 (local.get ${vec})))
    (local.set $ia (f64x2.extract_lane 0 (local.get ${idx})))
    (local.set $ib (f64x2.extract_lane 1 (local.get ${idx})))
    (if (i32.or (${better} (local.get $b) (local.get $a))
                (i32.and (f64.eq (local.get $b) (local.get $a)) (f64.gt (local.get $ib) (local.get $ia))))
      (then (local.set $a (local.get $b)) (local.set $ia (local.get $ib))))`

// The scans keep two independent running results (chains A and B: elements k, k+1 and k+2, k+3
// of every four), so the compare-and-select of one need not wait for the other's; lanes of a
// chain keep the last index reaching their best value, and merging the chains, then the lanes,
// prefers the larger index on ties: the sequential scan's choice, whatever the split.

/** Locals $nameA and $nameB (v128) of each name. */
const chainLocals = (names: string[]) =>
  names.map((n) => `(local $${n}A v128) (local $${n}B v128)`).join(' ')

/** Both chains' start values, and their element indices $kvA = (0, 1), $kvB = (2, 3). */
const chainInit = (vals: [string, string][]) =>
  `${vals
    .map(
      ([n, v]) =>
        `(local.set $${n}A (f64x2.splat (f64.const ${v}))) (local.set $${n}B (f64x2.splat (f64.const ${v})))`,
    )
    .join('\n    ')}
    (local.set $kvA (v128.const f64x2 0 1))
    (local.set $kvB (v128.const f64x2 2 3))`

/**
 * The scan loop over an even n: `step(chain, e)` handles elements k + e, k + e + 1 (e = 0 for
 * chain A, 2 for chain B), four elements per turn, then a last pair in chain A.
 */
function twoChains(step: (chain: 'A' | 'B', e: number) => string): string {
  return `(block $done
      (loop $next
        (br_if $done (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $n)))
        ${step('A', 0)}
        ${step('B', 2)}
        (local.set $kvA (f64x2.add (local.get $kvA) (v128.const f64x2 4 4)))
        (local.set $kvB (f64x2.add (local.get $kvB) (v128.const f64x2 4 4)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next)))
    (if (i32.lt_s (local.get $k) (local.get $n))
      (then ${step('A', 0)}))`
}

/** Merges chain B into A lane by lane: B's value when `better` (B vs A), or equal with a larger index. */
const mergeChains = (val: string, idx: string, better: string) => `
    (local.set $c (v128.or (${better} (local.get $${val}B) (local.get $${val}A))
      (v128.and (f64x2.eq (local.get $${val}B) (local.get $${val}A)) (f64x2.gt (local.get $${idx}B) (local.get $${idx}A)))))
    (local.set $${val}A (v128.bitselect (local.get $${val}B) (local.get $${val}A) (local.get $c)))
    (local.set $${idx}A (v128.bitselect (local.get $${idx}B) (local.get $${idx}A) (local.get $c)))`

/** Chain x's running I_up maximum of $v (lanes keep the last index reaching it). */
const keepMax = (x: string) => `(local.set $c (f64x2.ge (local.get $v) (local.get $best${x})))
        (local.set $best${x} (v128.bitselect (local.get $v) (local.get $best${x}) (local.get $c)))
        (local.set $bidx${x} (v128.bitselect (local.get $kv${x}) (local.get $bidx${x}) (local.get $c)))`

/** gstep's and gmax's result: the merged maximum stored at byte 0, its index returned. */
const argmaxResult = `${mergeChains('best', 'bidx', 'f64x2.gt')}
    ${reduce('$bestA', '$bidxA', 'f64.gt')}
    (f64.store (i32.const 0) (local.get $a))
    (i32.trunc_f64_s (local.get $ia))`

export function solverWat(): string {
  return `
  (func (export "gstep") (param $Qi i32) (param $Qj i32) (param $n i32)
      (param $dAi f64) (param $dAj f64) (result i32)
    (local $G i32) (local $m i32) (local $k i32) (local $vi v128) (local $vj v128) (local $g v128) (local $v v128) (local $c v128)
    ${chainLocals(['best', 'bidx', 'kv'])}
    (local $a f64) (local $b f64) (local $ia f64) (local $ib f64)
    ${cfg('G')}
    (local.set $m (i32.load (i32.const ${CFG.upNegY})))
    (local.set $vi (f64x2.splat (local.get $dAi)))
    (local.set $vj (f64x2.splat (local.get $dAj)))
    ${chainInit([
      ['best', '-inf'],
      ['bidx', '-1'],
    ])}
    ${twoChains(
      (x, e) => `
        (local.set $g (f64x2.add (v128.load offset=${8 * e} ${addr('$G', 3)})
          (f64x2.add (f64x2.mul ${loadQ('$Qi', 4 * e)} (local.get $vi))
                     (f64x2.mul ${loadQ('$Qj', 4 * e)} (local.get $vj)))))
        (v128.store offset=${8 * e} ${addr('$G', 3)} (local.get $g))
        (local.set $v (f64x2.mul (v128.load offset=${8 * e} ${addr('$m', 3)}) (local.get $g)))
        ${keepMax(x)}`,
    )}
    ${argmaxResult})

  ;; Gbar[k] += c·Q[k] for k < n (c = ±C: adding −C·Q is exactly subtracting C·Q).
  (func (export "gbar") (param $Q i32) (param $n i32) (param $c f64)
    (local $G i32) (local $k i32) (local $vc v128) (local $n2 i32)
    (local.set $G (i32.load (i32.const ${CFG.Gbar})))
    (local.set $vc (f64x2.splat (local.get $c)))
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (local.get $n2)))
        (v128.store ${addr('$G', 3)} (f64x2.add (v128.load ${addr('$G', 3)})
          (f64x2.mul (local.get $vc) ${loadQ('$Q')})))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $next)))
    (if (i32.lt_s (local.get $k) (local.get $n))
      (then
        (f64.store ${addr('$G', 3)} (f64.add (f64.load ${addr('$G', 3)})
          (f64.mul (local.get $c) (f64.promote_f32 (f32.load ${addr('$Q', 2)}))))))))

  (func (export "gmax") (param $n i32) (result i32)
    (local $G i32) (local $m i32) (local $k i32) (local $v v128) (local $c v128)
    ${chainLocals(['best', 'bidx', 'kv'])}
    (local $a f64) (local $b f64) (local $ia f64) (local $ib f64)
    ${cfg('G')}
    (local.set $m (i32.load (i32.const ${CFG.upNegY})))
    ${chainInit([
      ['best', '-inf'],
      ['bidx', '-1'],
    ])}
    ${twoChains(
      (x, e) => `
        (local.set $v (f64x2.mul (v128.load offset=${8 * e} ${addr('$m', 3)}) (v128.load offset=${8 * e} ${addr('$G', 3)})))
        ${keepMax(x)}`,
    )}
    ${argmaxResult})

  (func (export "wss") (param $Qi i32) (param $n i32)
      (param $Gmax f64) (param $QDi f64) (param $twoYi f64) (result i32)
    (local $G i32) (local $ly i32) (local $QD i32) (local $k i32) (local $gm v128) (local $qdi v128) (local $ty v128) (local $yj v128) (local $yG v128)
    (local $gd v128) (local $quad v128) (local $obj v128) (local $c v128)
    ${chainLocals(['g2', 'om', 'oidx', 'kv'])}
    (local $a f64) (local $b f64) (local $ia f64) (local $ib f64)
    ${cfg('G')}
    (local.set $ly (i32.load (i32.const ${CFG.lowY})))
    ${cfg('QD')}
    (local.set $gm (f64x2.splat (local.get $Gmax)))
    (local.set $qdi (f64x2.splat (local.get $QDi)))
    (local.set $ty (f64x2.splat (local.get $twoYi)))
    ${chainInit([
      ['g2', '-inf'],
      ['om', 'inf'],
      ['oidx', '-1'],
    ])}
    ${twoChains(
      (x, e) => `
        (local.set $yj (v128.load offset=${8 * e} ${addr('$ly', 3)}))
        (local.set $yG (f64x2.mul (local.get $yj) (v128.load offset=${8 * e} ${addr('$G', 3)})))
        (local.set $c (f64x2.ge (local.get $yG) (local.get $g2${x})))
        (local.set $g2${x} (v128.bitselect (local.get $yG) (local.get $g2${x}) (local.get $c)))
        (local.set $gd (f64x2.add (local.get $gm) (local.get $yG)))
        ;; Only violating pairs (gd > 0, never for a NaN lane outside I_low) can win: most
        ;; lanes are not, and the division bounds this loop, so skip it when neither lane is.
        (local.set $c (f64x2.gt (local.get $gd) (v128.const f64x2 0 0)))
        (if (v128.any_true (local.get $c))
          (then
            (local.set $quad (f64x2.sub (f64x2.add (local.get $qdi) (v128.load offset=${8 * e} ${addr('$QD', 3)}))
              (f64x2.mul (f64x2.mul (local.get $ty) (local.get $yj)) ${loadQ('$Qi', 4 * e)})))
            (local.set $quad (v128.bitselect (local.get $quad) (v128.const f64x2 1e-12 1e-12)
              (f64x2.gt (local.get $quad) (v128.const f64x2 0 0))))
            (local.set $obj (f64x2.div (f64x2.neg (f64x2.mul (local.get $gd) (local.get $gd))) (local.get $quad)))
            (local.set $c (v128.and (local.get $c) (f64x2.le (local.get $obj) (local.get $om${x}))))
            (local.set $om${x} (v128.bitselect (local.get $obj) (local.get $om${x}) (local.get $c)))
            (local.set $oidx${x} (v128.bitselect (local.get $kv${x}) (local.get $oidx${x}) (local.get $c)))))`,
    )}
    (local.set $g2A (v128.bitselect (local.get $g2B) (local.get $g2A) (f64x2.gt (local.get $g2B) (local.get $g2A))))
    (local.set $a (f64x2.extract_lane 0 (local.get $g2A)))
    (local.set $b (f64x2.extract_lane 1 (local.get $g2A)))
    (f64.store (i32.const 0) (select (local.get $b) (local.get $a) (f64.gt (local.get $b) (local.get $a))))
    ${mergeChains('om', 'oidx', 'f64x2.lt')}
    ${reduce('$omA', '$oidxA', 'f64.lt')}
    (f64.store (i32.const 8) (local.get $a))
    (i32.trunc_f64_s (local.get $ia)))
`
}

/** fdlibm's exp of local $x as an inline block (locals $ahx $hi $lo $k $et $c; clobbers $x). */
function expInline(c: typeof EXP_CONSTS): string {
  return `(block $exp (result f64)
    (local.set $k (i32.const 0))
    (local.set $ahx (i32.and (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32)))
      (i32.const 0x7fffffff)))
    (if (i32.or (i32.ge_u (local.get $ahx) (i32.const 0x40862000)) (i32.lt_u (local.get $ahx) (i32.const 0x3e300000)))
      (then (br $exp (call $mathExp (local.get $x)))))
    (if (i32.gt_u (local.get $ahx) (i32.const 0x3fd62e42))
      (then
        (if (i32.lt_u (local.get $ahx) (i32.const 0x3ff0a2b2))
          (then
            (if (f64.lt (local.get $x) (f64.const 0))
              (then
                (local.set $hi (f64.add (local.get $x) (f64.const ${c.LN2_HI})))
                (local.set $lo (f64.const -${c.LN2_LO}))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const ${c.LN2_HI})))
                (local.set $lo (f64.const ${c.LN2_LO}))
                (local.set $k (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const ${c.INV_LN2}) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (f64.lt (local.get $x) (f64.const 0))))))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const ${c.LN2_HI}))))
            (local.set $lo (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const ${c.LN2_LO})))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo)))))
    (local.set $et (f64.mul (local.get $x) (local.get $x)))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $et)
      (f64.add (f64.const ${c.P1}) (f64.mul (local.get $et)
      (f64.add (f64.const ${c.P2}) (f64.mul (local.get $et)
      (f64.add (f64.const ${c.P3}) (f64.mul (local.get $et)
      (f64.add (f64.const ${c.P4}) (f64.mul (local.get $et) (f64.const ${c.P5}))))))))))))
    (if (i32.eqz (local.get $k))
      (then (br $exp (f64.sub (f64.const 1) (f64.sub
        (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2)))
        (local.get $x))))))
    (f64.mul
      (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo)
        (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c))))
        (local.get $hi)))
      (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52))))
  )`
}

/**
 * The vector exp of the two lanes in $x{sfx} (both |x| < 708, |x| in $ahx{sfx}; a lane under
 * 2^-28 gets fdlibm's 1 + x), stored at $a{sfx}: the package's one vector exp
 * (internal/wasm/expWat.ts).
 */
const expPair = (sfx: string) =>
  expFast(
    `$x${sfx}`,
    `$ahx${sfx}`,
    (v) => `(v128.store (local.get $a${sfx}) ${expTiny(`$x${sfx}`, `$ahx${sfx}`, v)})`,
    sfx,
  )

/** Locals of expPair(sfx). */
const expPairLocals = (sfx: string) =>
  `(local $x${sfx} v128) (local $ahx${sfx} v128) ${expFastLocals(sfx)}`

const EXP_LOCALS =
  '(local $ahx i32) (local $hi f64) (local $lo f64) (local $k i32) (local $et f64) (local $c f64)'

/**
 * $exp (and $expv, two lanes at a time): fdlibm's exp, bit-identical to Math.exp (the rare
 * arguments outside its fast range go to the imported Math.exp). $gramFill: GramCache.fill for
 * the RBF kernel over float32 entries, in place in WebAssembly memory (see SolverArena.gramFill).
 */
export function gramWat(): string {
  const c = EXP_CONSTS
  return `
  (func $exp (param $x f64) (result f64)
    ${EXP_LOCALS}
    ${expInline(c)})

  (func (export "exp") (param $x f64) (result f64) (call $exp (local.get $x)))

  ;; exp over cnt float64 at p, in place: two lanes at a time with fdlibm's operations per lane
  ;; (its three argument-reduction cases folded into one, see expPair); pairs with a lane at
  ;; |x| ≥ 708 or NaN, and an odd last value, go through the scalar $exp.
  (func $exp2 (param $a i32)
    (local $a1 i32) ${expPairLocals('')}
    (local.set $x (v128.load (local.get $a)))
    ;; fdlibm compares the high word of |x|: against a threshold whose low word is 0 the
    ;; same test is a float compare of |x| (0x40862000 = 708; NaN fails it). Lanes under
    ;; 2^-28 (0x3e300000: an RBF diagonal, duplicate rows) stay in the vector path (expTiny).
    (local.set $ahx (f64x2.abs (local.get $x)))
    (if (i64x2.all_true (f64x2.lt (local.get $ahx) (f64x2.splat (f64.const 708))))
      (then
${expPair('')})
      (else
        (f64.store (local.get $a) (call $exp (f64.load (local.get $a))))
        (f64.store offset=8 (local.get $a) (call $exp (f64.load offset=8 (local.get $a)))))))

  ;; exp over cnt float64 at p, in place: two lanes at a time with fdlibm's operations per lane
  ;; (its three argument-reduction cases folded into one, see expPair), two pairs per pass when
  ;; both are in the fast range (independent work for the out-of-order core); other pairs go
  ;; through $exp2, an odd last value through the scalar $exp.
  (func $expv (export "expv") (param $p i32) (param $cnt i32)
    (local $t i32) (local $a i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) ${expPairLocals('')} ${expPairLocals('1')} ${expPairLocals('2')} ${expPairLocals('3')}
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (i32.add (local.get $t) (i32.const 8)) (local.get $cnt)))
        (local.set $a (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $a1 (i32.add (local.get $a) (i32.const 16)))
        (local.set $a2 (i32.add (local.get $a) (i32.const 32)))
        (local.set $a3 (i32.add (local.get $a) (i32.const 48)))
        ${['', '1', '2', '3']
          .map(
            (k) => `(local.set $x${k} (v128.load (local.get $a${k})))
        (local.set $ahx${k} (f64x2.abs (local.get $x${k})))`,
          )
          .join('\n        ')}
        (if (i64x2.all_true ${['', '1', '2', '3']
          .map((k) => `(f64x2.lt (local.get $ahx${k}) (f64x2.splat (f64.const 708)))`)
          .reduce((acc, v) => `(v128.and ${acc} ${v})`)})
          (then
${expPair('')}
${expPair('1')}
${expPair('2')}
${expPair('3')})
          (else (call $exp2 (local.get $a)) (call $exp2 (local.get $a1)) (call $exp2 (local.get $a2)) (call $exp2 (local.get $a3))))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (br $next)))
    (block $done2
      (loop $next2
        (br_if $done2 (i32.gt_s (i32.add (local.get $t) (i32.const 2)) (local.get $cnt)))
        (call $exp2 (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $next2)))
    (if (i32.lt_s (local.get $t) (local.get $cnt))
      (then
        (local.set $a (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $a) (call $exp (f64.load (local.get $a)))))))

  ;; RBF exp arguments in place: vals[t] = -γ(‖a‖² + ‖b_t‖² - 2a·b_t) for t < cnt, from the dots
  ;; a·b_t in vals, ‖a‖² in $sqa and ‖b_t‖² at $sqb; two lanes at a time with the same
  ;; operations per lane, then the odd last one (training and prediction share it).
  (func $rbfArgs (param $vals i32) (param $cnt i32) (param $sqa f64) (param $sqb i32)
    (local $t i32) (local $p i32) (local $cnt2 i32) (local $negGamma f64) (local $va v128) (local $vg v128)
    (local.set $negGamma (f64.load (i32.const ${CFG.negGamma})))
    (local.set $va (f64x2.splat (local.get $sqa)))
    (local.set $vg (f64x2.splat (local.get $negGamma)))
    (local.set $cnt2 (i32.and (local.get $cnt) (i32.const -2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $t) (local.get $cnt2)))
        (local.set $p (i32.add (local.get $vals) (i32.shl (local.get $t) (i32.const 3))))
        (v128.store (local.get $p)
          (f64x2.mul (local.get $vg)
            (f64x2.sub (f64x2.add (local.get $va) (v128.load (i32.add (local.get $sqb) (i32.shl (local.get $t) (i32.const 3)))))
              (f64x2.mul (f64x2.splat (f64.const 2)) (v128.load (local.get $p))))))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $next)))
    (if (i32.lt_s (local.get $t) (local.get $cnt))
      (then
        (local.set $p (i32.add (local.get $vals) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $p)
          (f64.mul (local.get $negGamma)
            (f64.sub (f64.add (local.get $sqa) (f64.load (i32.add (local.get $sqb) (i32.shl (local.get $t) (i32.const 3)))))
              (f64.mul (f64.const 2) (f64.load (local.get $p)))))))))

  ;; Prediction: RBF kernel values of cnt query rows (row-major at $q, squared norms at $qsq)
  ;; against nsv support vectors (byte addresses at $offs, squared norms at $svsq), written
  ;; row-major cnt × nsv at $out: the same dots, -γ(‖q‖² + ‖sv‖² - 2q·sv) and exp as training.
  (func (export "rbfBlock") (param $q i32) (param $qsq i32) (param $cnt i32) (param $d i32)
      (param $offs i32) (param $nsv i32) (param $svsq i32) (param $out i32)
    (local $t i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $t) (local.get $cnt)))
        (call $dots (i32.add (local.get $q) (i32.shl (i32.mul (local.get $t) (local.get $d)) (i32.const 3)))
          (local.get $offs) (local.get $nsv) (local.get $d) (local.get $out))
        (call $rbfArgs (local.get $out) (local.get $nsv)
          (f64.load (i32.add (local.get $qsq) (i32.shl (local.get $t) (i32.const 3)))) (local.get $svsq))
        (call $expv (local.get $out) (local.get $nsv))
        (local.set $out (i32.add (local.get $out) (i32.shl (local.get $nsv) (i32.const 3))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next))))

  ;; Prediction: one-vs-one decision values from a kernel block K (cnt × nsv, row-major):
  ;; out[t·npairs + p] = Σ coef·K over class i's then class j's support vectors, minus rho[p],
  ;; for the pairs p = (i, j), i < j, in LIBSVM's order (coef row j-1 over class i, row i over
  ;; class j). Each sum runs over k in order as the scalar loop does; lanes are query rows, four
  ;; rows (two vectors) per pass so that two add chains overlap.
  (func (export "ovoDecision") (param $K i32) (param $cnt i32) (param $nsv i32) (param $coef i32)
      (param $start i32) (param $nsup i32) (param $rho i32) (param $ncls i32) (param $out i32)
    (local $t i32) (local $rowB i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $i i32) (local $j i32) (local $p i32) (local $npairs i32) (local $e i32) (local $off i32)
    (local $cb i32) (local $lo i32) (local $hi i32) (local $pass i32)
    (local $acc0 v128) (local $acc1 v128) (local $cv v128) (local $rh v128) (local $o i32)
    (local.set $rowB (i32.shl (local.get $nsv) (i32.const 3)))
    (local.set $npairs (i32.shr_u (i32.mul (local.get $ncls) (i32.sub (local.get $ncls) (i32.const 1))) (i32.const 1)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $t) (local.get $cnt)))
        ;; Rows past the end repeat the last row (their results are not stored).
        (local.set $e (i32.sub (local.get $cnt) (i32.const 1)))
        (local.set $r0 (i32.add (local.get $K) (i32.mul (local.get $t) (local.get $rowB))))
        (local.set $r1 (i32.add (local.get $K) (i32.mul
          (select (i32.add (local.get $t) (i32.const 1)) (local.get $e) (i32.lt_s (i32.add (local.get $t) (i32.const 1)) (local.get $cnt))) (local.get $rowB))))
        (local.set $r2 (i32.add (local.get $K) (i32.mul
          (select (i32.add (local.get $t) (i32.const 2)) (local.get $e) (i32.lt_s (i32.add (local.get $t) (i32.const 2)) (local.get $cnt))) (local.get $rowB))))
        (local.set $r3 (i32.add (local.get $K) (i32.mul
          (select (i32.add (local.get $t) (i32.const 3)) (local.get $e) (i32.lt_s (i32.add (local.get $t) (i32.const 3)) (local.get $cnt))) (local.get $rowB))))
        (local.set $p (i32.const 0))
        (local.set $i (i32.const 0))
        (block $idone
          (loop $iloop
            (br_if $idone (i32.ge_s (local.get $i) (local.get $ncls)))
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $jdone
              (loop $jloop
                (br_if $jdone (i32.ge_s (local.get $j) (local.get $ncls)))
                (local.set $acc0 (v128.const f64x2 0 0))
                (local.set $acc1 (v128.const f64x2 0 0))
                ;; pass 0: class i's vectors with coef row j-1; pass 1: class j's with row i.
                (local.set $pass (i32.const 0))
                (block $pdone
                  (loop $ploop
                    (br_if $pdone (i32.ge_s (local.get $pass) (i32.const 2)))
                    (if (i32.eqz (local.get $pass))
                      (then
                        (local.set $lo (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
                        (local.set $hi (i32.add (local.get $lo) (i32.load (i32.add (local.get $nsup) (i32.shl (local.get $i) (i32.const 2))))))
                        (local.set $cb (i32.add (local.get $coef) (i32.mul (i32.sub (local.get $j) (i32.const 1)) (local.get $rowB)))))
                      (else
                        (local.set $lo (i32.load (i32.add (local.get $start) (i32.shl (local.get $j) (i32.const 2)))))
                        (local.set $hi (i32.add (local.get $lo) (i32.load (i32.add (local.get $nsup) (i32.shl (local.get $j) (i32.const 2))))))
                        (local.set $cb (i32.add (local.get $coef) (i32.mul (local.get $i) (local.get $rowB))))))
                    (local.set $off (i32.shl (local.get $lo) (i32.const 3)))
                    (local.set $hi (i32.shl (local.get $hi) (i32.const 3)))
                    (block $kdone
                      (loop $kloop
                        (br_if $kdone (i32.ge_u (local.get $off) (local.get $hi)))
                        (local.set $cv (v128.load64_splat (i32.add (local.get $cb) (local.get $off))))
                        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $cv)
                          (v128.load64_lane 1 (i32.add (local.get $r1) (local.get $off))
                            (v128.load64_zero (i32.add (local.get $r0) (local.get $off)))))))
                        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $cv)
                          (v128.load64_lane 1 (i32.add (local.get $r3) (local.get $off))
                            (v128.load64_zero (i32.add (local.get $r2) (local.get $off)))))))
                        (local.set $off (i32.add (local.get $off) (i32.const 8)))
                        (br $kloop)))
                    (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
                    (br $ploop)))
                (local.set $rh (v128.load64_splat (i32.add (local.get $rho) (i32.shl (local.get $p) (i32.const 3)))))
                (local.set $acc0 (f64x2.sub (local.get $acc0) (local.get $rh)))
                (local.set $acc1 (f64x2.sub (local.get $acc1) (local.get $rh)))
                (local.set $o (i32.add (local.get $out)
                  (i32.shl (i32.add (i32.mul (local.get $t) (local.get $npairs)) (local.get $p)) (i32.const 3))))
                (f64.store (local.get $o) (f64x2.extract_lane 0 (local.get $acc0)))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $npairs) (i32.const 3))))
                (if (i32.lt_s (i32.add (local.get $t) (i32.const 1)) (local.get $cnt))
                  (then (f64.store (local.get $o) (f64x2.extract_lane 1 (local.get $acc0)))))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $npairs) (i32.const 3))))
                (if (i32.lt_s (i32.add (local.get $t) (i32.const 2)) (local.get $cnt))
                  (then (f64.store (local.get $o) (f64x2.extract_lane 0 (local.get $acc1)))))
                (local.set $o (i32.add (local.get $o) (i32.shl (local.get $npairs) (i32.const 3))))
                (if (i32.lt_s (i32.add (local.get $t) (i32.const 3)) (local.get $cnt))
                  (then (f64.store (local.get $o) (f64x2.extract_lane 1 (local.get $acc1)))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jloop)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iloop)))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $rows))))

  (func (export "gramFill") (param $i i32) (param $row i32) (param $start i32) (param $len i32)
    (local $K i32) (local $n i32) (local $idx i32) (local $sign i32) (local $data i32) (local $d i32)
    (local $sq i32) (local $pos i32) (local $offs i32) (local $gjs i32) (local $vals i32)
    (local $gi i32) (local $si i32) (local $base i32) (local $rowBytes i32) (local $j i32) (local $gj i32)
    (local $cnt i32) (local $t i32) (local $kv f32) (local $dup i32) (local $ndup i32)
    (local $sqg i32)
    ${(['K', 'n', 'idx', 'sign', 'data', 'd', 'sq', 'pos', 'offs', 'gjs', 'vals', 'sqg'] as const).map(cfg).join('\n    ')}
    (local.set $gi (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $si (i32.load8_s (i32.add (local.get $sign) (local.get $i))))
    (local.set $base (i32.add (local.get $K) (i32.shl (i32.mul (local.get $gi) (local.get $n)) (i32.const 2))))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $j (local.get $start))
    (local.set $dup (i32.load (i32.const ${CFG.dup})))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $len)))
        (local.set $gj (i32.load (i32.add (local.get $idx) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $kv (f32.load (i32.add (local.get $base) (i32.shl (local.get $gj) (i32.const 2)))))
        (if (f32.lt (local.get $kv) (f32.const 0))
          (then
            ;; Pending: an earlier position of this row (SVR lists each row twice) computes it.
            (i32.store (i32.add (local.get $dup) (i32.shl (local.get $ndup) (i32.const 2))) (local.get $j))
            (local.set $ndup (i32.add (local.get $ndup) (i32.const 1))))
        (else (if (f32.eq (local.get $kv) (f32.const 0))
          (then
            (f32.store (i32.add (local.get $base) (i32.shl (local.get $gj) (i32.const 2))) (f32.const -1))
            (i32.store (i32.add (local.get $pos) (i32.shl (local.get $cnt) (i32.const 2))) (local.get $j))
            (i32.store (i32.add (local.get $gjs) (i32.shl (local.get $cnt) (i32.const 2))) (local.get $gj))
            (f64.store (i32.add (local.get $sqg) (i32.shl (local.get $cnt) (i32.const 3)))
              (f64.load (i32.add (local.get $sq) (i32.shl (local.get $gj) (i32.const 3)))))
            (i32.store (i32.add (local.get $offs) (i32.shl (local.get $cnt) (i32.const 2)))
              (i32.add (local.get $data) (i32.mul (local.get $gj) (local.get $rowBytes))))
            (local.set $cnt (i32.add (local.get $cnt) (i32.const 1))))
          (else
            (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
              (select (f32.neg (local.get $kv)) (local.get $kv)
                (i32.lt_s (i32.mul (local.get $si) (i32.load8_s (i32.add (local.get $sign) (local.get $j)))) (i32.const 0))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (if (i32.eqz (local.get $cnt)) (then (return)))
    ;; (ndup > 0 implies cnt > 0: a pending entry was listed by this call.)
    (call $dots (i32.add (local.get $data) (i32.mul (local.get $gi) (local.get $rowBytes)))
      (local.get $offs) (local.get $cnt) (local.get $d) (local.get $vals))
    ;; The exp arguments in place (‖b‖² gathered into sqg above), then exp, then the stores.
    (call $rbfArgs (local.get $vals) (local.get $cnt)
      (f64.load (i32.add (local.get $sq) (i32.shl (local.get $gi) (i32.const 3)))) (local.get $sqg))
    (call $expv (local.get $vals) (local.get $cnt))
    (local.set $t (i32.const 0))
    (block $done3
      (loop $next3
        (br_if $done3 (i32.ge_s (local.get $t) (local.get $cnt)))
        (local.set $gj (i32.load (i32.add (local.get $gjs) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $j (i32.load (i32.add (local.get $pos) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $kv (f32.demote_f64 (f64.load (i32.add (local.get $vals) (i32.shl (local.get $t) (i32.const 3))))))
        (f32.store (i32.add (local.get $base) (i32.shl (local.get $gj) (i32.const 2))) (local.get $kv))
        (f32.store (i32.add (local.get $K) (i32.shl (i32.add (i32.mul (local.get $gj) (local.get $n)) (local.get $gi)) (i32.const 2)))
          (local.get $kv))
        (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
          (select (f32.neg (local.get $kv)) (local.get $kv)
            (i32.lt_s (i32.mul (local.get $si) (i32.load8_s (i32.add (local.get $sign) (local.get $j)))) (i32.const 0))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next3)))
    ;; The pending duplicates, now computed.
    (local.set $t (i32.const 0))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.ge_s (local.get $t) (local.get $ndup)))
        (local.set $j (i32.load (i32.add (local.get $dup) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $gj (i32.load (i32.add (local.get $idx) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $kv (f32.load (i32.add (local.get $base) (i32.shl (local.get $gj) (i32.const 2)))))
        (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))
          (select (f32.neg (local.get $kv)) (local.get $kv)
            (i32.lt_s (i32.mul (local.get $si) (i32.load8_s (i32.add (local.get $sign) (local.get $j)))) (i32.const 0))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next4)))
  )
`
}
