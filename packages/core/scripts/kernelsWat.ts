/**
 * Generates the WebAssembly text (WAT) of the CPU backend's SIMD kernels.
 *
 * Why a generator instead of a hand-written .wat file: the GEMM micro-kernel is a fully unrolled
 * MR×NR block of register accumulators, and its best shape had to be found by measurement
 * (BENCHMARKS.md): changing it is one option here instead of a rewrite.
 *
 * The tile shape is set by V8's code generator, not by the CPU: TurboFan places every load of a
 * loop body before the arithmetic that uses it, so accumulators + loaded B vectors + A splats
 * must all fit in the 15 allocatable xmm registers at once. 4×8 (8 + 2 + 4 = 14) runs without
 * spills and measured ~50 GFLOP/s; 6×8, 4×12 or a k-unroll of 2 spill and fall to ~25.
 * Why WAT + the `wabt` npm assembler instead of AssemblyScript: the micro-kernel's speed depends
 * on exactly which v128 locals stay in registers, which WAT states directly; and the relaxed-SIMD
 * variant (f32x4.relaxed_madd → one FMA instruction) needs only a flag to the assembler.
 *
 * Two variants come out of one generator: `relaxed` (fused multiply-add via relaxed SIMD) and
 * plain SIMD128 (separate mul and add), which every WebAssembly runtime with SIMD accepts.
 *
 * Conventions inside the module: every pointer and stride is a byte offset into the imported
 * memory (the WasmHeap); matrices are described by (row stride, column stride) in bytes, so
 * transposed operands are just swapped strides.
 */

import { biasActWat } from './biasActWat.js'
import { elementwiseWat } from './elementwiseWat.js'
import { gemvWat } from './gemvWat.js'
import { im2colWat } from './im2colWat.js'
import { optimizerWat } from './optimizerWat.js'

export interface KernelsWatOptions {
  /** Use f32x4.relaxed_madd (FMA) in the GEMM micro-kernel. */
  relaxed: boolean
  /** Micro-tile rows (rows of C per micro-kernel call). */
  mr?: number
  /** Micro-tile columns (a multiple of 4: one v128 holds 4 floats). */
  nr?: number
  /** k-steps unrolled in the micro-kernel's main loop. */
  ku?: number
  /**
   * Broadcast A from one v128 load with shuffles (MR = 4) instead of per-row splat loads.
   * Measured slower (BENCHMARKS.md); kept for re-measuring on other CPUs.
   */
  shuffle?: boolean
}

// Tile shape, set by kernelsWat() before generating (module-level so the helpers stay short).
let MR = 4
let NR = 8
let KU = 1
let NV = NR / 4
let SHUFFLE = false

function madd(relaxed: boolean, a: string, b: string, c: string): string {
  return relaxed
    ? `(f32x4.relaxed_madd (local.get ${a}) (local.get ${b}) (local.get ${c}))`
    : `(f32x4.add (local.get ${c}) (f32x4.mul (local.get ${a}) (local.get ${b})))`
}

const acc = (i: number, v: number): string => `$c${i}_${v}`

/**
 * The MR×NR micro-kernel: C[0:mr, 0:nr] (+)= Apanel(MR×k) · Bpanel(k×NR). `strided`: B is read
 * in place, NR consecutive floats per k step $bs bytes apart (`$ukr_s`, not unrolled).
 * `stridedA` (with `strided`): A is read in place too, row-major with row stride $as bytes
 * (`$ukr_ss`); rows past $mr alias row 0 (their results go to scratch and are dropped).
 */
function microKernel(relaxed: boolean, strided = false, stridedA = false): string {
  const ku = strided ? 1 : KU
  const locals: string[] = []
  for (let i = 0; i < MR; i++) for (let v = 0; v < NV; v++) locals.push(`(local ${acc(i, v)} v128)`)
  for (let v = 0; v < NV; v++) locals.push(`(local $b${v} v128)`)
  const step = (u: number): string => {
    const out: string[] = []
    for (let v = 0; v < NV; v++) {
      out.push(`(local.set $b${v} (v128.load offset=${(u * NR + v * 4) * 4} (local.get $b)))`)
    }
    if (SHUFFLE) out.push(`(local.set $avec (v128.load offset=${u * MR * 4} (local.get $a)))`)
    for (let i = 0; i < MR; i++) {
      if (SHUFFLE) {
        const lane = [0, 1, 2, 3].map(() => [0, 1, 2, 3].map((b) => 4 * i + b).join(' ')).join(' ')
        out.push(`(local.set $av (i8x16.shuffle ${lane} (local.get $avec) (local.get $avec)))`)
      } else if (stridedA) {
        const row = i === 0 ? '(local.get $a)' : `(i32.add (local.get $a) (local.get $ar${i}))`
        out.push(`(local.set $av (v128.load32_splat ${row}))`)
      } else {
        out.push(`(local.set $av (v128.load32_splat offset=${(u * MR + i) * 4} (local.get $a)))`)
      }
      for (let v = 0; v < NV; v++) {
        out.push(`(local.set ${acc(i, v)} ${madd(relaxed, '$av', `$b${v}`, acc(i, v))})`)
      }
    }
    return out.join('\n      ')
  }
  const unrolled: string[] = []
  for (let u = 0; u < ku; u++) unrolled.push(step(u))
  const bStep = strided ? '(local.get $bs)' : `(i32.const ${NR * 4})`
  const aStep = stridedA ? '(i32.const 4)' : `(i32.const ${MR * 4})`
  // Row offsets of A's rows 1..MR-1 (0 past $mr: those rows re-read row 0).
  const rowOffsets: string[] = []
  for (let i = 1; i < MR; i++) {
    rowOffsets.push(
      `(local.set $ar${i} (select (i32.mul (local.get $as) (i32.const ${i})) (i32.const 0) (i32.lt_s (i32.const ${i}) (local.get $mr))))`,
    )
  }

  const fullStore = (accumulate: boolean): string => {
    const out: string[] = ['(local.set $p (local.get $c))']
    for (let i = 0; i < MR; i++) {
      for (let v = 0; v < NV; v++) {
        const value = accumulate
          ? `(f32x4.add (v128.load offset=${v * 16} (local.get $p)) (local.get ${acc(i, v)}))`
          : `(local.get ${acc(i, v)})`
        out.push(`(v128.store offset=${v * 16} (local.get $p) ${value})`)
      }
      if (i < MR - 1) out.push('(local.set $p (i32.add (local.get $p) (local.get $ldc)))')
    }
    return out.join('\n        ')
  }
  const scratchStore: string[] = []
  for (let i = 0; i < MR; i++) {
    for (let v = 0; v < NV; v++) {
      scratchStore.push(
        `(v128.store offset=${(i * NR + v * 4) * 4} (local.get $scratch) (local.get ${acc(i, v)}))`,
      )
    }
  }

  // The remainder loop (k mod ku steps) only exists when the main loop is unrolled.
  const tailLoop = `
    (block $tail_done
      (br_if $tail_done (i32.eqz (local.get $k)))
      (loop $tail
      ${step(0)}
        (local.set $a (i32.add (local.get $a) ${aStep}))
        (local.set $b (i32.add (local.get $b) ${bStep}))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $tail (local.get $k))))`
  return `
  ;; C tile at $c (row stride $ldc bytes); A panel: k groups of ${MR} floats; B panel: k groups
  ;; of ${NR} floats. Tiles cut by the matrix edge (mr < ${MR} or nr < ${NR}) go through $scratch.
  (func $ukr${strided ? '_s' : ''}${stridedA ? 's' : ''} (param $k i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32)
    (param $mr i32) (param $nr i32) (param $acc i32) (param $scratch i32)${strided ? ' (param $bs i32)' : ''}${stridedA ? ' (param $as i32)' : ''}
    ${locals.join(' ')}
    (local $av v128) (local $avec v128) (local $p i32) (local $i i32) (local $j i32) (local $q i32)
    ${stridedA ? Array.from({ length: MR - 1 }, (_, i) => `(local $ar${i + 1} i32)`).join(' ') : ''}
    ${stridedA ? rowOffsets.join('\n    ') : ''}
    (block $main_done
      (br_if $main_done (i32.lt_s (local.get $k) (i32.const ${ku})))
      (loop $main
      ${unrolled.join('\n      ')}
        (local.set $a (i32.add (local.get $a) ${stridedA ? aStep : `(i32.const ${MR * 4 * ku})`}))
        (local.set $b (i32.add (local.get $b) ${strided ? bStep : `(i32.const ${NR * 4 * ku})`}))
        (local.set $k (i32.sub (local.get $k) (i32.const ${ku})))
        (br_if $main (i32.ge_s (local.get $k) (i32.const ${ku})))))
${ku > 1 ? tailLoop : ''}
    (if (i32.and (i32.eq (local.get $mr) (i32.const ${MR})) (i32.eq (local.get $nr) (i32.const ${NR})))
      (then
        (if (local.get $acc)
          (then
        ${fullStore(true)})
          (else
        ${fullStore(false)})))
      (else
        ${scratchStore.join('\n        ')}
        (local.set $i (i32.const 0))
        (loop $rows
          (local.set $p (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
          (local.set $q (i32.add (local.get $scratch) (i32.mul (local.get $i) (i32.const ${NR * 4}))))
          (local.set $j (i32.const 0))
          (loop $cols
            (f32.store (local.get $p)
              (f32.add
                (f32.load (local.get $q))
                (select (f32.load (local.get $p)) (f32.const 0) (local.get $acc))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $cols (i32.lt_s (local.get $j) (local.get $nr))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rows (i32.lt_s (local.get $i) (local.get $mr))))))
  )`
}

/** Copies `bytes` bytes from $s to $d with the widest loads that fit. */
function contiguousCopy(bytes: number): string {
  const out: string[] = []
  let o = 0
  for (const [width, load, store] of [
    [16, 'v128.load', 'v128.store'],
    [8, 'i64.load', 'i64.store'],
    [4, 'i32.load', 'i32.store'],
  ] as const) {
    while (bytes - o >= width) {
      out.push(`(${store} offset=${o} (local.get $d) (${load} offset=${o} (local.get $s)))`)
      o += width
    }
  }
  return out.join('\n                  ')
}

/** i8x16.shuffle byte patterns for a 4×4 transpose of f32 lanes. */
const INTERLEAVE_LO = '0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23'
const INTERLEAVE_HI = '8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31'
const LOW_HALVES = '0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23'
const HIGH_HALVES = '8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31'

/** Locals used by transpose4 (declare once per function). */
const TRANSPOSE_LOCALS =
  '(local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)'

/**
 * Loads 4 vectors (4 rows × 4 consecutive floats) and stores their transpose: column t goes to
 * $d + storeOffsets[t]. Turns a 16-element strided gather into 4 loads, 8 shuffles, 4 stores.
 */
function transpose4(loads: string[], storeOffsets: number[]): string {
  const q = (i: number): string => `(local.get $q${i})`
  const u = (i: number): string => `(local.get $u${i})`
  return [
    ...loads.map((l, i) => `(local.set $q${i} ${l})`),
    `(local.set $u0 (i8x16.shuffle ${INTERLEAVE_LO} ${q(0)} ${q(1)}))`,
    `(local.set $u1 (i8x16.shuffle ${INTERLEAVE_HI} ${q(0)} ${q(1)}))`,
    `(local.set $u2 (i8x16.shuffle ${INTERLEAVE_LO} ${q(2)} ${q(3)}))`,
    `(local.set $u3 (i8x16.shuffle ${INTERLEAVE_HI} ${q(2)} ${q(3)}))`,
    `(v128.store offset=${storeOffsets[0]} (local.get $d) (i8x16.shuffle ${LOW_HALVES} ${u(0)} ${u(2)}))`,
    `(v128.store offset=${storeOffsets[1]} (local.get $d) (i8x16.shuffle ${HIGH_HALVES} ${u(0)} ${u(2)}))`,
    `(v128.store offset=${storeOffsets[2]} (local.get $d) (i8x16.shuffle ${LOW_HALVES} ${u(1)} ${u(3)}))`,
    `(v128.store offset=${storeOffsets[3]} (local.get $d) (i8x16.shuffle ${HIGH_HALVES} ${u(1)} ${u(3)}))`,
  ].join('\n                  ')
}

/**
 * The fast path of a strided pack: while 4 more k-steps remain, transposes 4×4 blocks
 * (`lanes` rows/columns of the panel, whose 4 consecutive k-values are contiguous at
 * $s + $st{i}); leaves the remaining k-steps to the scalar loop that follows.
 */
function transposedSteps(lanes: number, panelWidth: number, strideLocal: string): string {
  if (lanes % 4 !== 0) return ''
  const body: string[] = []
  for (let g = 0; g < lanes / 4; g++) {
    const loads: string[] = []
    for (let i = 4 * g; i < 4 * g + 4; i++) {
      loads.push(
        i === 0
          ? '(v128.load (local.get $s))'
          : `(v128.load (i32.add (local.get $s) (local.get $st${i})))`,
      )
    }
    body.push(
      transpose4(
        loads,
        [0, 1, 2, 3].map((t) => (t * panelWidth + 4 * g) * 4),
      ),
    )
  }
  const setStrides: string[] = []
  for (let i = 1; i < lanes; i++) {
    setStrides.push(`(local.set $st${i} (i32.mul (local.get ${strideLocal}) (i32.const ${i})))`)
  }
  return `
                ${setStrides.join(' ')}
                (block $t_done
                  (br_if $t_done (i32.gt_s (i32.add (local.get $kk) (i32.const 4)) (local.get $k)))
                  (loop $t
                  ${body.join('\n                  ')}
                  (local.set $s (i32.add (local.get $s) (i32.const 16)))
                  (local.set $d (i32.add (local.get $d) (i32.const ${panelWidth * 16})))
                  (local.set $kk (i32.add (local.get $kk) (i32.const 4)))
                  (br_if $t (i32.le_s (i32.add (local.get $kk) (i32.const 4)) (local.get $k)))))`
}

function strideLocals(lanes: number): string {
  const out: string[] = []
  for (let i = 1; i < lanes; i++) out.push(`(local $st${i} i32)`)
  return out.join(' ')
}

/**
 * Packs a block of op(A) (rows × k; element (i, kk) at src + i*rs + kk*cs) into MR-row panels:
 * panel p holds, for each kk, the MR values of rows p*MR .. p*MR+MR-1 (zero past `rows`).
 */
function packA(): string {
  const fullRows: string[] = []
  for (let r = 0; r < MR; r++) {
    fullRows.push(
      `(f32.store offset=${r * 4} (local.get $d) (f32.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const ${r})))))`,
    )
  }
  return `
  (func $pack_a (export "pack_a") (param $dst i32) (param $src i32) (param $rows i32) (param $k i32)
    (param $rs i32) (param $cs i32)
    (local $i0 i32) (local $mr i32) (local $kk i32) (local $s i32) (local $d i32) (local $r i32)
    ${TRANSPOSE_LOCALS} ${strideLocals(MR)}
    (local.set $d (local.get $dst))
    (local.set $i0 (i32.const 0))
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $rows) (i32.const 0)) (i32.le_s (local.get $k) (i32.const 0))))
      (loop $panels
        (local.set $mr (i32.sub (local.get $rows) (local.get $i0)))
        (if (i32.gt_s (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i0) (local.get $rs))))
        (local.set $kk (i32.const 0))
        (if (i32.eq (local.get $mr) (i32.const ${MR}))
          (then
            (if (i32.eq (local.get $rs) (i32.const 4))
              (then
                ;; op(A) is A transposed in memory: the MR values of one kk are contiguous.
                (loop $kc
                  ${contiguousCopy(MR * 4)}
                  (local.set $s (i32.add (local.get $s) (local.get $cs)))
                  (local.set $d (i32.add (local.get $d) (i32.const ${MR * 4})))
                  (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                  (br_if $kc (i32.lt_s (local.get $kk) (local.get $k)))))
              (else
                (if (i32.eq (local.get $cs) (i32.const 4))
                  (then ${transposedSteps(MR, MR, '$rs')}))
                (block $kf_done
                (br_if $kf_done (i32.ge_s (local.get $kk) (local.get $k)))
                (loop $kf
                  ${fullRows.join('\n                  ')}
                  (local.set $s (i32.add (local.get $s) (local.get $cs)))
                  (local.set $d (i32.add (local.get $d) (i32.const ${MR * 4})))
                  (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                  (br_if $kf (i32.lt_s (local.get $kk) (local.get $k))))))))
          (else
            (loop $ke
              (local.set $r (i32.const 0))
              (loop $re
                (f32.store (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const 2)))
                  (select
                    (f32.load (i32.add (local.get $s) (i32.mul (local.get $r) (local.get $rs))))
                    (f32.const 0)
                    (i32.lt_s (local.get $r) (local.get $mr))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br_if $re (i32.lt_s (local.get $r) (i32.const ${MR}))))
              (local.set $s (i32.add (local.get $s) (local.get $cs)))
              (local.set $d (i32.add (local.get $d) (i32.const ${MR * 4})))
              (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
              (br_if $ke (i32.lt_s (local.get $kk) (local.get $k))))))
        (local.set $i0 (i32.add (local.get $i0) (i32.const ${MR})))
        (br_if $panels (i32.lt_s (local.get $i0) (local.get $rows)))))
  )`
}

/**
 * Packs a block of op(B) (k × cols; element (kk, j) at src + kk*rs + j*cs) into NR-column
 * panels: panel p holds, for each kk, the NR values of columns p*NR .. (zero past `cols`).
 */
function packB(): string {
  const vecCopy: string[] = []
  for (let v = 0; v < NV; v++) {
    vecCopy.push(
      `(v128.store offset=${v * 16} (local.get $d) (v128.load offset=${v * 16} (local.get $s)))`,
    )
  }
  const gather: string[] = []
  for (let j = 0; j < NR; j++) {
    gather.push(
      `(f32.store offset=${j * 4} (local.get $d) (f32.load (i32.add (local.get $s) (i32.mul (local.get $cs) (i32.const ${j})))))`,
    )
  }
  return `
  (func $pack_b (export "pack_b") (param $dst i32) (param $src i32) (param $k i32) (param $cols i32)
    (param $rs i32) (param $cs i32)
    (local $j0 i32) (local $nr i32) (local $kk i32) (local $s i32) (local $d i32) (local $j i32)
    ${TRANSPOSE_LOCALS} ${strideLocals(NR)}
    (local.set $d (local.get $dst))
    (local.set $j0 (i32.const 0))
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $cols) (i32.const 0)) (i32.le_s (local.get $k) (i32.const 0))))
      (loop $panels
        (local.set $nr (i32.sub (local.get $cols) (local.get $j0)))
        (if (i32.gt_s (local.get $nr) (i32.const ${NR})) (then (local.set $nr (i32.const ${NR}))))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j0) (local.get $cs))))
        (local.set $kk (i32.const 0))
        (if (i32.eq (local.get $nr) (i32.const ${NR}))
          (then
            (if (i32.eq (local.get $cs) (i32.const 4))
              (then
                (loop $kc
                  ${vecCopy.join('\n                  ')}
                  (local.set $s (i32.add (local.get $s) (local.get $rs)))
                  (local.set $d (i32.add (local.get $d) (i32.const ${NR * 4})))
                  (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                  (br_if $kc (i32.lt_s (local.get $kk) (local.get $k)))))
              (else
                (if (i32.eq (local.get $rs) (i32.const 4))
                  (then ${transposedSteps(NR, NR, '$cs')}))
                (block $kf_done
                (br_if $kf_done (i32.ge_s (local.get $kk) (local.get $k)))
                (loop $kf
                  ${gather.join('\n                  ')}
                  (local.set $s (i32.add (local.get $s) (local.get $rs)))
                  (local.set $d (i32.add (local.get $d) (i32.const ${NR * 4})))
                  (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                  (br_if $kf (i32.lt_s (local.get $kk) (local.get $k))))))))
          (else
            (loop $ke
              (local.set $j (i32.const 0))
              (loop $je
                (f32.store (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 2)))
                  (select
                    (f32.load (i32.add (local.get $s) (i32.mul (local.get $j) (local.get $cs))))
                    (f32.const 0)
                    (i32.lt_s (local.get $j) (local.get $nr))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $je (i32.lt_s (local.get $j) (i32.const ${NR}))))
              (local.set $s (i32.add (local.get $s) (local.get $rs)))
              (local.set $d (i32.add (local.get $d) (i32.const ${NR * 4})))
              (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
              (br_if $ke (i32.lt_s (local.get $kk) (local.get $k))))))
        (local.set $j0 (i32.add (local.get $j0) (i32.const ${NR})))
        (br_if $panels (i32.lt_s (local.get $j0) (local.get $cols)))))
  )`
}

/**
 * `macro_s` / `macro_ss`: the same sweep with B read in place (row-major, row stride $ldb
 * bytes, nc a multiple of NR), for when each packed B panel would serve one or two blocks of
 * rows only. The row tile at ir starts at $a + ir·$lda: `macro_s` takes packed A ($lda = 4·kc,
 * one MR-row panel per tile), `macro_ss` A itself, row-major with row stride $lda (no packing at
 * all).
 */
function inPlaceMacroKernel(aInPlace: boolean): string {
  return `
  (func (export "macro_s${aInPlace ? 's' : ''}") (param $kc i32) (param $mc i32) (param $nc i32)
    (param $a0 i32) (param $lda i32) (param $b0 i32) (param $ldb i32) (param $pc i32) (param $ldc i32)
    (param $acc i32) (param $scratch i32)
    (local $jr i32) (local $ir i32) (local $mr i32)
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $mc) (i32.const 0)) (i32.le_s (local.get $nc) (i32.const 0))))
      (loop $cols
        (local.set $ir (i32.const 0))
        (loop $rows
          (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
          (if (i32.gt_s (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
          (call $ukr_s${aInPlace ? 's' : ''} (local.get $kc) (i32.add (local.get $a0) (i32.mul (local.get $ir) (local.get $lda)))
            (i32.add (local.get $b0) (i32.shl (local.get $jr) (i32.const 2)))
            (i32.add (local.get $pc)
              (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (i32.shl (local.get $jr) (i32.const 2))))
            (local.get $ldc) (local.get $mr) (i32.const ${NR}) (local.get $acc) (local.get $scratch)
            (local.get $ldb)${aInPlace ? ' (local.get $lda)' : ''})
          (local.set $ir (i32.add (local.get $ir) (i32.const ${MR})))
          (br_if $rows (i32.lt_s (local.get $ir) (local.get $mc))))
        (local.set $jr (i32.add (local.get $jr) (i32.const ${NR})))
        (br_if $cols (i32.lt_s (local.get $jr) (local.get $nc)))))
  )`
}

/** Runs the micro-kernel over an mc × nc block of C from packed A (mc × kc) and B (kc × nc). */
function macroKernel(): string {
  return `
  (func $macro (export "macro") (param $kc i32) (param $mc i32) (param $nc i32) (param $pa i32)
    (param $pb i32) (param $pc i32) (param $ldc i32) (param $acc i32) (param $scratch i32)
    (local $jr i32) (local $ir i32) (local $nr i32) (local $mr i32) (local $b i32) (local $a i32)
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $mc) (i32.const 0)) (i32.le_s (local.get $nc) (i32.const 0))))
      (local.set $jr (i32.const 0))
      (local.set $b (local.get $pb))
      (loop $cols
        (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
        (if (i32.gt_s (local.get $nr) (i32.const ${NR})) (then (local.set $nr (i32.const ${NR}))))
        (local.set $ir (i32.const 0))
        (local.set $a (local.get $pa))
        (loop $rows
          (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
          (if (i32.gt_s (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
          (call $ukr (local.get $kc) (local.get $a) (local.get $b)
            (i32.add (local.get $pc)
              (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (i32.shl (local.get $jr) (i32.const 2))))
            (local.get $ldc) (local.get $mr) (local.get $nr) (local.get $acc) (local.get $scratch))
          (local.set $a (i32.add (local.get $a) (i32.mul (local.get $kc) (i32.const ${MR * 4}))))
          (local.set $ir (i32.add (local.get $ir) (i32.const ${MR})))
          (br_if $rows (i32.lt_s (local.get $ir) (local.get $mc))))
        (local.set $b (i32.add (local.get $b) (i32.mul (local.get $kc) (i32.const ${NR * 4}))))
        (local.set $jr (i32.add (local.get $jr) (i32.const ${NR})))
        (br_if $cols (i32.lt_s (local.get $jr) (local.get $nc)))))
  )`
}

/** The tile shape shipped (see BENCHMARKS.md for why). */
export const DEFAULT_TILE = { mr: 4, nr: 8, ku: 1 }

/** The whole module's WAT. */
export function kernelsWat(options: KernelsWatOptions): string {
  MR = options.mr ?? DEFAULT_TILE.mr
  NR = options.nr ?? DEFAULT_TILE.nr
  KU = options.ku ?? DEFAULT_TILE.ku
  SHUFFLE = options.shuffle ?? false
  NV = NR / 4
  return `;; Generated by packages/core/scripts/kernelsWat.ts (relaxed SIMD: ${options.relaxed}).
(module
  (import "env" "memory" (memory 1))
  (global (export "mr") i32 (i32.const ${MR}))
  (global (export "nr") i32 (i32.const ${NR}))
  ${microKernel(options.relaxed)}
  ${microKernel(options.relaxed, true)}
  ${microKernel(options.relaxed, true, true)}
  ${packA()}
  ${packB()}
  ${macroKernel()}
  ${inPlaceMacroKernel(false)}
  ${inPlaceMacroKernel(true)}
  ${elementwiseWat()}
  ${im2colWat()}
  ${gemvWat(options.relaxed)}
  ${biasActWat()}
  ${optimizerWat()}
)
`
}
