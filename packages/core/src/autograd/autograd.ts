/**
 * Autograd: the tape, the topological order and the reverse walk.
 *
 * Each op with an input that requires grad records a GradNode on its output: the gradient rule,
 * the input handles (graph edges) and the values the rule saved. Saved values hold their own
 * buffer references, so disposing handles (or a `tidy` ending) never breaks a later backward.
 * Nodes are reference-counted like PyTorch's graph: when the last handle and the last consumer
 * of a node go away, its saved buffers are released; `backward()` releases them too unless
 * `retainGraph` is set. Gradient rules run with recording off (no higher-order gradients).
 */

import { isFloat } from '../dtype.js'
import { ENGINE, releaseBuffer, setRecordHook, tidy } from '../engine/engine.js'
import { type GradientConfig, getGradient } from '../engine/registry.js'
import { GradientError, MlstackError } from '../errors.js'
import { differentiable } from '../ops/names.js'
import { setBackwardHook, setUnrefNodeHook, Tensor } from '../tensor/Tensor.js'

export class GradNode {
  /** Live handles pointing at this node plus nodes that consume it. */
  refs = 1
  saved: Tensor[] | null
  /** Buffer versions of the saved values when recorded (see DataBuffer.version). */
  versions: number[] | null = null
  constructor(
    readonly op: string,
    readonly rule: GradientConfig,
    readonly inputs: readonly Tensor[],
    readonly attrs: unknown,
    saved: Tensor[],
  ) {
    this.saved = saved
  }
}

function retain(t: Tensor): Tensor {
  t.buf.refs++
  return new Tensor(t.shape, t.dtype, t.buf, false)
}

function releaseSaved(n: GradNode): void {
  const s = n.saved
  if (s === null) return
  n.saved = null
  for (const t of s) releaseBuffer(t.buf)
}

/** Drops one reference to a node; at zero its saved values go and its inputs are unreferenced. */
export function unrefNode(node: GradNode): void {
  const stack = [node]
  while (stack.length > 0) {
    const n = stack.pop() as GradNode
    if (--n.refs > 0) continue
    releaseSaved(n)
    for (const inp of n.inputs) if (inp.node !== null) stack.push(inp.node)
  }
}

/** Records `out = op(inputs)` on the tape (called by runOp when an input requires grad). */
export function record(
  op: string,
  inputs: readonly Tensor[],
  out: Tensor,
  attrs: unknown,
  rule: GradientConfig | undefined = getGradient(op),
): void {
  if (rule === undefined) {
    if (differentiable(op) && isFloat(out.dtype)) {
      throw new MlstackError(op, `op '${op}' is differentiable but has no registered gradient`)
    }
    return
  }
  if (!isFloat(out.dtype)) return
  const src = rule.save ? rule.save(inputs, out, attrs) : inputs
  const saved = new Array<Tensor>(src.length)
  for (let i = 0; i < src.length; i++) saved[i] = retain(src[i])
  const node = new GradNode(op, rule, inputs.slice(), attrs, saved)
  for (let i = 0; i < saved.length; i++) {
    const v = saved[i].buf.version
    if (v !== undefined && v !== 0) {
      if (node.versions === null) node.versions = new Array(saved.length).fill(0)
      node.versions[i] = v
    }
  }
  for (const inp of inputs) if (inp.node !== null) inp.node.refs++
  out.setNode(node)
  out.requiresGradFlag = true
}

setRecordHook(record)
setUnrefNodeHook(unrefNode)
setBackwardHook((t, g, o) => {
  runBackward(t, g, o, null)
})

export interface BackwardOptions {
  /** Keep the saved values so backward can run again on the same graph. */
  retainGraph?: boolean
}

/**
 * The reverse walk. With `targets` null, leaf gradients accumulate into `.grad` (PyTorch);
 * otherwise the gradients of `targets` are returned and no `.grad` is touched (JAX/tfjs).
 */
export function runBackward(
  root: Tensor,
  seed: Tensor | undefined,
  options: BackwardOptions,
  targets: readonly Tensor[] | null,
): (Tensor | null)[] {
  if (root.isDisposed) throw new GradientError('backward', 'the tensor was disposed')
  if (!root.requiresGrad) {
    throw new GradientError(
      'backward',
      'the tensor does not require grad: no input of the computation had requiresGrad set (or it ran inside noGrad)',
    )
  }
  if (seed !== undefined && seed.shape.join() !== root.shape.join()) {
    throw new GradientError(
      'backward',
      `gradient shape [${seed.shape.join(', ')}] does not match the tensor's shape [${root.shape.join(', ')}]`,
    )
  }
  if (seed === undefined && root.size !== 1) {
    throw new GradientError(
      'backward',
      `a gradient can be created implicitly only for a single-element tensor, got shape [${root.shape.join(', ')}]; pass backward(gradient)`,
    )
  }
  const prevGrad = ENGINE.gradEnabled
  ENGINE.gradEnabled = false
  try {
    const g0 = seed !== undefined ? seed.cast(root.dtype) : root.onesLike()
    const leafGrads = new Map<Tensor, Tensor>()
    const order = root.node === null ? [] : topoOrder(root.node)
    if (root.node === null) leafGrads.set(root, g0)
    else {
      const targetSet = targets === null ? null : new Set(targets)
      const reach = targetSet === null ? null : reachingTargets(order, targetSet)
      const grads = new Map<GradNode, Tensor>([[root.node, g0]])
      for (const node of order) {
        const g = grads.get(node)
        if (g === undefined) continue
        grads.delete(node)
        const ins = node.inputs
        // PyTorch's needs_input_grad: rules skip the gradients nobody will read.
        const needs = new Array<boolean>(ins.length)
        let anyNeeded = false
        for (let i = 0; i < ins.length; i++) {
          const inp = ins[i]
          const n =
            inp.requiresGrad &&
            (reach === null ||
              (inp.node === null ? (targetSet as Set<Tensor>).has(inp) : reach.has(inp.node)))
          needs[i] = n
          if (n) anyNeeded = true
        }
        if (!anyNeeded) {
          g.dispose()
          continue
        }
        const saved = node.saved
        if (saved === null) {
          g.dispose()
          throw new GradientError(
            'backward',
            `the graph of op '${node.op}' was freed by an earlier backward(); pass { retainGraph: true } to run backward twice`,
          )
        }
        for (let i = 0; i < saved.length; i++) {
          if ((saved[i].buf.version ?? 0) !== (node.versions?.[i] ?? 0)) {
            g.dispose()
            throw new GradientError(
              'backward',
              `a value saved by op '${node.op}' (shape [${saved[i].shape.join(', ')}]) was modified in place (assign) after it was used; gradients would be wrong. Update parameters after backward(), or clone before assigning`,
            )
          }
        }
        const inGrads = tidy(() => node.rule.grad(g, saved, node.attrs, ins, needs))
        g.dispose()
        for (let i = 0; i < ins.length; i++) {
          const gi = inGrads[i]
          if (gi === null || gi === undefined) continue
          const inp = ins[i]
          if (!needs[i]) {
            gi.dispose()
            continue
          }
          if (gi.shape.join() !== inp.shape.join()) {
            throw new GradientError(
              node.op,
              `gradient rule returned shape [${gi.shape.join(', ')}] for input ${i} of shape [${inp.shape.join(', ')}] (a bug in the rule)`,
            )
          }
          if (inp.node !== null) accumulate(grads, inp.node, gi)
          else accumulate(leafGrads, inp, gi)
        }
      }
      for (const g of grads.values()) g.dispose()
    }
    if (!options.retainGraph) for (const node of order) releaseSaved(node)
    if (targets !== null) {
      const out = targets.map((t) => {
        const g = leafGrads.get(t)
        return g === undefined ? null : owned(g)
      })
      for (const [t, g] of leafGrads) if (!targets.includes(t)) g.dispose()
      return out
    }
    for (const [leaf, g] of leafGrads) {
      if (leaf.isDisposed) {
        g.dispose()
        continue
      }
      const old = leaf.gradOrNull
      if (old === null) leaf.setGradOwned(owned(g))
      else {
        leaf.setGradOwned(old.add(g))
        g.dispose()
      }
    }
    return []
  } finally {
    ENGINE.gradEnabled = prevGrad
  }
}

/**
 * A gradient handed to the user owns its buffer: optimizers update gradients in place
 * (clipping), and a rule may pass one upstream buffer to several inputs (add).
 */
function owned(g: Tensor): Tensor {
  if (g.buf.refs === 1) return g
  const c = g.clone()
  g.dispose()
  return c
}

function accumulate<K>(map: Map<K, Tensor>, key: K, g: Tensor): void {
  const prev = map.get(key)
  if (prev === undefined) map.set(key, g)
  else {
    map.set(key, prev.add(g))
    prev.dispose()
    g.dispose()
  }
}

/**
 * The nodes of `order` (reverse topological) from which a target leaf can be reached: only
 * their inputs' gradients matter when gradients of `targets` alone are asked for.
 */
function reachingTargets(order: readonly GradNode[], targets: Set<Tensor>): Set<GradNode> {
  const reach = new Set<GradNode>()
  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k] as GradNode
    for (const inp of n.inputs) {
      if (inp.node === null ? targets.has(inp) : reach.has(inp.node)) {
        reach.add(n)
        break
      }
    }
  }
  return reach
}

/** Nodes reachable from `root`, each after every node that consumes it (reverse topological). */
function topoOrder(root: GradNode): GradNode[] {
  const post: GradNode[] = []
  const seen = new Set<GradNode>([root])
  const stack: [GradNode, number][] = [[root, 0]]
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [GradNode, number]
    const [n, i] = top
    if (i < n.inputs.length) {
      top[1] = i + 1
      const m = n.inputs[i].node
      if (m !== null && !seen.has(m)) {
        seen.add(m)
        stack.push([m, 0])
      }
    } else {
      stack.pop()
      post.push(n)
    }
  }
  return post.reverse()
}

/**
 * Runs `fn` with gradient recording off (inference, parameter updates).
 *
 * @example
 * const pred = noGrad(() => model(x))
 */
export function noGrad<T>(fn: () => T): T {
  const prev = ENGINE.gradEnabled
  ENGINE.gradEnabled = false
  try {
    return fn()
  } finally {
    ENGINE.gradEnabled = prev
  }
}

/** Whether ops are currently being recorded for autograd. */
export function isGradEnabled(): boolean {
  return ENGINE.gradEnabled
}

type GradOf<A> = A extends readonly number[] ? Tensor[] : Tensor

/**
 * JAX/tfjs style gradient: `grad(f)(x)` is df/dx for a scalar-valued `f`. `argnums` picks the
 * arguments to differentiate (default 0; an array returns an array). Intermediates are freed;
 * no `.grad` is written.
 *
 * @example
 * const df = grad((x: Tensor) => x.square().sum())
 * df(tensor([1, 2, 3])) // [2, 4, 6]
 */
export function grad<A extends number | readonly number[] = 0>(
  f: (...args: Tensor[]) => Tensor,
  argnums?: A,
): (...args: Tensor[]) => GradOf<A> {
  const vg = valueAndGrad(f, argnums)
  return (...args: Tensor[]) => {
    const { value, grad: g } = vg(...args)
    value.dispose()
    return g
  }
}

/**
 * Like `grad`, but also returns the value: `{ value, grad }`.
 *
 * @example
 * const { value, grad: g } = valueAndGrad((w: Tensor) => x.matmul(w).square().mean())(w)
 */
export function valueAndGrad<A extends number | readonly number[] = 0>(
  f: (...args: Tensor[]) => Tensor,
  argnums?: A,
): (...args: Tensor[]) => { value: Tensor; grad: GradOf<A> } {
  const nums: readonly number[] =
    argnums === undefined ? [0] : typeof argnums === 'number' ? [argnums] : argnums
  const many = Array.isArray(argnums)
  return (...args: Tensor[]) => {
    for (const i of nums) {
      if (!(args[i] instanceof Tensor)) {
        throw new GradientError(
          'grad',
          `argument ${i} is not a Tensor; argnums must point at tensor arguments`,
        )
      }
    }
    const [value, ...grads] = tidy(() => {
      const prev = ENGINE.gradEnabled
      ENGINE.gradEnabled = true
      try {
        const wrapped = args.map((a, i) => (nums.includes(i) ? a.detach().requiresGrad_(true) : a))
        const v = f(...wrapped)
        if (!(v instanceof Tensor))
          throw new GradientError('grad', 'the function must return a Tensor')
        const targets = nums.map((i) => wrapped[i] as Tensor)
        const gs = v.requiresGrad ? runBackward(v, undefined, {}, targets) : targets.map(() => null)
        const value = v.detach()
        return [value, ...gs.map((g, k) => g ?? (targets[k] as Tensor).zerosLike())]
      } finally {
        ENGINE.gradEnabled = prev
      }
    })
    return { value: value as Tensor, grad: (many ? grads : grads[0]) as GradOf<A> }
  }
}

export interface CustomGradResult {
  /** The forward value. */
  value: Tensor
  /**
   * Gradients of the inputs given the upstream gradient and the saved tensors. `needsInputGrad`
   * says which inputs' gradients will be used; return null for the others to skip their work.
   */
  grad: (
    dy: Tensor,
    saved: readonly Tensor[],
    needsInputGrad: readonly boolean[],
  ) => (Tensor | null | undefined)[]
  /** Tensors `grad` needs; kept alive until backward. */
  save?: Tensor[]
}

/**
 * Defines an op with a hand-written gradient (as tfjs `customGrad`). The forward runs without
 * recording; backward calls your `grad`.
 *
 * @example
 * const clipGrad = customGrad((x: Tensor) => ({ value: x.clone(), grad: (dy) => [dy.clip(-1, 1)] }))
 */
export function customGrad(
  f: (...inputs: Tensor[]) => CustomGradResult,
): (...inputs: Tensor[]) => Tensor {
  return (...inputs: Tensor[]) => {
    const res = noGrad(() => f(...inputs))
    // The output gets its own graph node, so it must be a new tensor, never an input.
    if (inputs.includes(res.value)) res.value = noGrad(() => res.value.clone())
    const saved = res.save ?? []
    const rule: GradientConfig = {
      op: 'customGrad',
      save: () => saved,
      grad: (dy, s, _attrs, _inputs, needs) => res.grad(dy, s, needs),
    }
    if (ENGINE.gradEnabled && inputs.some((t) => t.requiresGrad)) {
      record('customGrad', inputs, res.value, undefined, rule)
    }
    return res.value
  }
}
