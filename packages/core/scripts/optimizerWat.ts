/**
 * WAT for fused optimizer steps other than Adam (which lives in elementwiseWat.ts): SGD with
 * momentum/Nesterov and RMSprop (centered or not, with momentum), PyTorch's update rules, in
 * place over float32 buffers. Each body is written once over a lane "dialect" and emitted twice:
 * 4 lanes per v128 for the main loop, one f32 for the n mod 4 tail. Stored state is flushed to
 * 0 below 2^-126 (see flushVec in elementwiseWat.ts for why).
 */
import {
  FLUSH_INIT,
  FLUSH_LOCALS,
  flushScalar,
  flushThreshold,
  flushVec,
} from './elementwiseWat.js'

interface Dialect {
  load(ptr: string): string
  store(ptr: string, value: string): string
  op(name: 'add' | 'sub' | 'mul' | 'div' | 'sqrt', ...args: string[]): string
  /** A scalar parameter as a value of this dialect (pre-splatted `$<name>v` for vectors). */
  param(name: string): string
  get(name: string): string
  set(name: string, value: string): string
  /** `cond` (an i32 flag) ? a : b */
  pick(cond: string, a: string, b: string): string
  /** `value`, or +0 where its magnitude is below the f32 local `$<tiny>` (splatted for vectors). */
  flush(value: string, tiny: string): string
}

const VEC: Dialect = {
  load: (p) => `(v128.load (local.get ${p}))`,
  store: (p, v) => `(v128.store (local.get ${p}) ${v})`,
  op: (name, ...args) => `(f32x4.${name} ${args.join(' ')})`,
  param: (name) => `(local.get $${name}v)`,
  get: (name) => `(local.get $${name}x)`,
  set: (name, value) => `(local.set $${name}x ${value})`,
  pick: (c, a, b) => `(if (result v128) ${c} (then ${a}) (else ${b}))`,
  flush: (x, tiny) => flushVec(x, `(local.get $${tiny}v)`),
}

const SCALAR: Dialect = {
  load: (p) => `(f32.load (local.get ${p}))`,
  store: (p, v) => `(f32.store (local.get ${p}) ${v})`,
  op: (name, ...args) => `(f32.${name} ${args.join(' ')})`,
  param: (name) => `(local.get $${name})`,
  get: (name) => `(local.get $${name}s)`,
  set: (name, value) => `(local.set $${name}s ${value})`,
  pick: (c, a, b) => `(if (result f32) ${c} (then ${a}) (else ${b}))`,
  flush: (x, tiny) => flushScalar(x, `(local.get $${tiny})`),
}

/** A loop over n floats running `body(VEC)` 4 at a time, then `body(SCALAR)`; $o ends it. */
function stream(ptrs: string[], body: (d: Dialect) => string): string {
  const adv = (bytes: number): string =>
    ptrs.map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const ${bytes})))`).join(' ')
  return `
    (local.set $end4 (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $v_done
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $end4)))
      (loop $v
        ${body(VEC)}
        ${adv(16)}
        (br_if $v (i32.lt_u (local.get $o) (local.get $end4)))))
    (block $s_done
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $end)))
      (loop $s
        ${body(SCALAR)}
        ${adv(4)}
        (br_if $s (i32.lt_u (local.get $o) (local.get $end)))))`
}

const lanes = (names: string[]): string =>
  names.map((n) => `(local $${n}x v128) (local $${n}s f32)`).join(' ')
const splatLocals = (names: string[]): string => names.map((n) => `(local $${n}v v128)`).join(' ')
const splats = (names: string[]): string =>
  names.map((n) => `(local.set $${n}v (f32x4.splat (local.get $${n})))`).join(' ')

/**
 * SGD: g' = g + wd·p; with momentum: buf = first ? g' : μ·buf + (1-dampening)·g',
 * d = nesterov ? g' + μ·buf : buf (without momentum d = g'); p -= lr·d.
 */
function sgd(): string {
  const body = (d: Dialect): string => {
    const gx = d.op('add', d.load('$g'), d.op('mul', d.param('wd'), d.load('$p')))
    const buf = d.pick(
      '(local.get $first)',
      d.get('g'),
      d.op(
        'add',
        d.op('mul', d.param('mom'), d.load('$buf')),
        d.op('mul', d.param('damp1'), d.get('g')),
      ),
    )
    const dir = d.pick(
      '(local.get $nesterov)',
      d.op('add', d.get('g'), d.op('mul', d.param('mom'), d.get('b'))),
      d.get('b'),
    )
    return `
        ${d.set('g', gx)}
        (if (local.get $hasMom)
          (then
            ${d.set('b', d.flush(buf, 'tiny'))}
            ${d.store('$buf', d.get('b'))}
            ${d.set('g', dir)}))
        ${d.store('$p', d.op('sub', d.load('$p'), d.op('mul', d.param('lr'), d.get('g'))))}`
  }
  return `
  (func (export "sgd_f32") (param $p i32) (param $g i32) (param $buf i32) (param $n i32)
    (param $lr f32) (param $mom f32) (param $dampening f32) (param $wd f32)
    (param $nesterov i32) (param $first i32)
    (local $o i32) (local $end i32) (local $end4 i32) (local $hasMom i32) (local $damp1 f32)
    (local $tiny f32) ${FLUSH_LOCALS}
    ${lanes(['g', 'b'])} ${splatLocals(['lr', 'mom', 'damp1', 'wd', 'tiny'])}
    (local.set $hasMom (f32.ne (local.get $mom) (f32.const 0)))
    (local.set $damp1 (f32.sub (f32.const 1) (local.get $dampening)))
    ${FLUSH_INIT}
    (local.set $tiny (f32.const 0x1p-126))
    ${splats(['lr', 'mom', 'damp1', 'wd', 'tiny'])}
    (local.set $o (local.get $p))
    ${stream(['$p', '$g', '$buf', '$o'], body)})`
}

/**
 * RMSprop: g' = g + wd·p; sq = α·sq + (1-α)·g'²; centered: ga = α·ga + (1-α)·g',
 * avg = sqrt(sq - ga²) + eps, else avg = sqrt(sq) + eps; with momentum μ > 0:
 * buf = μ·buf + g'/avg, p -= lr·buf; else p -= lr·g'/avg.
 */
function rmsprop(): string {
  const body = (d: Dialect): string => {
    const gx = d.op('add', d.load('$g'), d.op('mul', d.param('wd'), d.load('$p')))
    const sq = d.op(
      'add',
      d.op('mul', d.param('alpha'), d.load('$sq')),
      d.op('mul', d.param('alpha1'), d.op('mul', d.get('g'), d.get('g'))),
    )
    const ga = d.op(
      'add',
      d.op('mul', d.param('alpha'), d.load('$ga')),
      d.op('mul', d.param('alpha1'), d.get('g')),
    )
    const avgCentered = d.op(
      'add',
      d.op('sqrt', d.op('sub', d.get('s'), d.op('mul', d.get('a'), d.get('a')))),
      d.param('eps'),
    )
    const avgPlain = d.op('add', d.op('sqrt', d.get('s')), d.param('eps'))
    const step = d.op('div', d.get('g'), d.get('v'))
    return `
        ${d.set('g', gx)}
        ${d.set('s', d.flush(sq, 'tiny'))}
        ${d.store('$sq', d.get('s'))}
        (if (local.get $centered)
          (then
            ${d.set('a', d.flush(ga, 'tiny'))}
            ${d.store('$ga', d.get('a'))}
            ${d.set('v', avgCentered)})
          (else ${d.set('v', avgPlain)}))
        ${d.set('u', step)}
        (if (local.get $hasMom)
          (then
            ${d.set('u', d.flush(d.op('add', d.op('mul', d.param('mom'), d.load('$buf')), d.get('u')), 'tinyBuf'))}
            ${d.store('$buf', d.get('u'))}))
        ${d.store('$p', d.op('sub', d.load('$p'), d.op('mul', d.param('lr'), d.get('u'))))}`
  }
  return `
  (func (export "rmsprop_f32") (param $p i32) (param $g i32) (param $sq i32) (param $ga i32)
    (param $buf i32) (param $n i32) (param $lr f32) (param $alpha f32) (param $eps f32)
    (param $wd f32) (param $mom f32) (param $centered i32)
    (local $o i32) (local $end i32) (local $end4 i32) (local $hasMom i32) (local $alpha1 f32)
    (local $tiny f32) (local $tinyBuf f32) ${FLUSH_LOCALS}
    ${lanes(['g', 's', 'a', 'v', 'u'])}
    ${splatLocals(['lr', 'alpha', 'alpha1', 'eps', 'wd', 'mom', 'tiny', 'tinyBuf'])}
    (local.set $hasMom (f32.gt (local.get $mom) (f32.const 0)))
    (local.set $alpha1 (f32.sub (f32.const 1) (local.get $alpha)))
    ${FLUSH_INIT}
    ;; sq and ga sit under a sqrt in the denominator: flushed only where eps hides them
    (local.set $tiny ${flushThreshold('(local.get $eps)')})
    (local.set $tinyBuf (f32.const 0x1p-126))
    ${splats(['lr', 'alpha', 'alpha1', 'eps', 'wd', 'mom', 'tiny', 'tinyBuf'])}
    (local.set $o (local.get $p))
    ${stream(['$p', '$g', '$sq', '$ga', '$buf', '$o'], body)})`
}

export function optimizerWat(): string {
  return `${sgd()}\n${rmsprop()}`
}
