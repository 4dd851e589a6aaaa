/**
 * The Tensor handle: shape, dtype, a reference-counted backend buffer, and autograd state.
 * Every op is available both as a method (`a.add(b)`) and as a free function (`add(a, b)`);
 * the methods delegate to the functions in src/ops.
 */
import type { GradNode } from '../autograd/autograd.js'
import type { Backend, DataBuffer } from '../backends/Backend.js'
import { type DType, isFloat, type TypedArray } from '../dtype.js'
import { ENGINE, releaseBuffer } from '../engine/engine.js'
import { DisposedError, DTypeError, GradientError, IndexError } from '../errors.js'
import { formatTensor } from '../internal/format.js'
import * as ops from '../ops/index.js'
import type { Axis, Conv2dOptions, Pool2dOptions, TensorLike } from '../ops/types.js'

interface Held {
  buf: DataBuffer
  node: GradNode | null
}

// Safety net: a handle garbage-collected without dispose() still frees its buffer.
const leakGuard = new FinalizationRegistry<Held>((held) => {
  ENGINE.numTensors--
  releaseBuffer(held.buf)
  if (held.node !== null) unrefNodeHook?.(held.node)
})

let unrefNodeHook: ((n: GradNode) => void) | null = null
/** @internal wired by the autograd module. */
export function setUnrefNodeHook(f: (n: GradNode) => void): void {
  unrefNodeHook = f
}

type Nested = number | boolean | Nested[]

export class Tensor {
  readonly shape: readonly number[]
  readonly dtype: DType
  readonly size: number
  /** @internal the storage; shared (reference-counted) by views and saved autograd values. */
  buf: DataBuffer
  /** @internal autograd node that produced this tensor (null for leaves). */
  node: GradNode | null = null
  /** @internal */
  requiresGradFlag = false
  /** @internal exempt from tidy (see keep). */
  kept = false
  /** @internal used by tidy to find returned tensors. */
  scopeMark = false
  private disposed = false
  private readonly internalHandle: boolean
  private gradTensor: Tensor | null = null
  private held: Held | null = null

  /** @internal tensors are created by ops and creation functions, never with `new`. */
  constructor(shape: readonly number[], dtype: DType, buf: DataBuffer, track = true) {
    this.shape = shape
    this.dtype = dtype
    this.buf = buf
    let n = 1
    for (let i = 0; i < shape.length; i++) n *= shape[i]
    this.size = n
    this.internalHandle = !track
    if (track) {
      ENGINE.numTensors++
      const scope = ENGINE.scope
      // Inside tidy the scope frees the tensor; the leak guard (~0.6 µs per tensor) is only
      // armed for tensors that outlive every scope (see guard()).
      if (scope !== null) scope.push(this)
      else if (leakGuardEnabled) this.guard()
    } else this.kept = true
  }

  /** @internal arms the FinalizationRegistry safety net for a tensor that escapes tidy scopes. */
  guard(): void {
    if (this.held !== null || this.disposed || !leakGuardEnabled || this.internalHandle) return
    this.held = { buf: this.buf, node: this.node }
    leakGuard.register(this, this.held, this)
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length
  }

  get isDisposed(): boolean {
    return this.disposed
  }

  /** Whether gradients flow to this tensor (set on parameters; inherited by op outputs). */
  get requiresGrad(): boolean {
    return this.requiresGradFlag
  }
  set requiresGrad(v: boolean) {
    this.requiresGrad_(v)
  }

  /**
   * Marks this tensor as a parameter (a leaf whose `.grad` backward fills); returns `this`.
   *
   * @example
   * const w = randn([3, 2]).requiresGrad_()
   */
  requiresGrad_(v = true): this {
    if (v && !isFloat(this.dtype)) {
      throw new DTypeError('requiresGrad', `only float tensors can require grad, got ${this.dtype}`)
    }
    if (this.node !== null && !v) {
      throw new GradientError(
        'requiresGrad',
        'cannot clear requiresGrad on a non-leaf tensor; use detach()',
      )
    }
    this.requiresGradFlag = v
    return this
  }

  /** The accumulated gradient (PyTorch `.grad`), or null. Owned by this tensor. */
  get grad(): Tensor | null {
    return this.gradTensor
  }
  /** Setting a new gradient disposes the previous one (the tensor owns its gradient). */
  set grad(g: Tensor | null) {
    if (g === this.gradTensor) return
    this.gradTensor?.dispose()
    if (g !== null) {
      g.kept = true
      g.guard()
    }
    this.gradTensor = g
  }
  /** @internal */
  get gradOrNull(): Tensor | null {
    return this.gradTensor
  }
  /** @internal */
  setGradOwned(g: Tensor): void {
    this.grad = g
  }

  /** Disposes the gradient and sets it to null (as `optimizer.zeroGrad()`). */
  zeroGrad(): void {
    this.grad = null
  }

  /** @internal throws a DisposedError naming the API when used after dispose. */
  check(op: string): void {
    if (this.disposed) {
      throw new DisposedError(
        op,
        `tensor of shape [${this.shape.join(', ')}] (${this.dtype}) was disposed`,
      )
    }
  }

  /** @internal moves the storage to another backend (free between cpu and cpu-ts). */
  moveTo(backend: Backend): void {
    const moved = backend.move(this.buf)
    if (moved !== this.buf) {
      releaseBuffer(this.buf)
      this.buf = moved
      if (this.held !== null) this.held.buf = moved
    }
  }

  /** @internal */
  setNode(node: GradNode): void {
    this.node = node
    if (this.held !== null) this.held.node = node
  }

  /**
   * Frees the tensor's reference to its buffer (and its gradient). Idempotent. Autograd keeps
   * its own references, so disposing intermediates never breaks a later backward.
   */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    ENGINE.numTensors--
    if (this.held !== null) {
      leakGuard.unregister(this)
      this.held = null
    }
    releaseBuffer(this.buf)
    if (this.node !== null) unrefNodeHook?.(this.node)
    if (this.gradTensor !== null) {
      this.gradTensor.dispose()
      this.gradTensor = null
    }
  }

  [Symbol.dispose](): void {
    this.dispose()
  }

  /** A synchronous copy of the values as a typed array (bool: Uint8Array of 0/1). */
  dataSync(): TypedArray {
    this.check('dataSync')
    return this.buf.backend.readSync(this.buf)
  }

  /** An asynchronous copy of the values (GPU backends read back without blocking). */
  async data(): Promise<TypedArray> {
    this.check('data')
    return this.buf.backend.read(this.buf)
  }

  /** The values as nested JS arrays (booleans for bool tensors; a number for rank 0). */
  toArray(): Nested {
    const v = this.dataSync()
    const isBool = this.dtype === 'bool'
    const shape = this.shape
    let pos = 0
    const build = (d: number): Nested => {
      if (d === shape.length) {
        const x = v[pos++]
        return isBool ? x !== 0 : x
      }
      const out: Nested[] = new Array(shape[d])
      for (let i = 0; i < shape[d]; i++) out[i] = build(d + 1)
      return out
    }
    return build(0)
  }

  /** The single value of a one-element tensor. */
  item(): number {
    this.check('item')
    if (this.size !== 1) {
      throw new IndexError(
        'item',
        `expected a tensor with one element, got shape [${this.shape.join(', ')}]`,
      )
    }
    return this.dataSync()[0]
  }

  /** Shape, dtype and values, truncated like NumPy for large tensors. */
  toString(): string {
    if (this.disposed)
      return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype}, disposed)`
    return formatTensor(this.shape, this.dtype, this.dataSync(), this.requiresGrad)
  }

  /** Logs `toString()` (as tfjs `print`). */
  print(): void {
    console.log(this.toString())
  }

  /** A new handle on the same buffer, cut from the autograd graph. */
  detach(): Tensor {
    this.check('detach')
    this.buf.refs++
    return new Tensor(this.shape, this.dtype, this.buf)
  }

  /**
   * Backpropagates from this tensor: every leaf with requiresGrad gets its gradient added to
   * `.grad`. A non-scalar tensor needs the upstream `gradient`. The graph's saved values are
   * freed afterwards unless `retainGraph`.
   *
   * @example
   * const loss = x.matmul(w).relu().sum()
   * loss.backward()
   * w.grad // d loss / d w
   */
  backward(gradient?: Tensor, options: { retainGraph?: boolean } = {}): void {
    backwardHook?.(this, gradient, options)
  }

  /**
   * Copies `src`'s values into this tensor's buffer in place (same shape; cast to this dtype).
   * Views sharing the buffer see the new values. Meant for optimizer updates under noGrad.
   *
   * @example
   * noGrad(() => w.assign(w.sub(w.grad!.mul(0.1))))
   */
  assign(src: TensorLike): this {
    this.check('assign')
    ops.assignInto(this, src)
    return this
  }

  // ---- ops as methods -------------------------------------------------------------------
  add(b: TensorLike): Tensor {
    return ops.add(this, b)
  }
  sub(b: TensorLike): Tensor {
    return ops.sub(this, b)
  }
  mul(b: TensorLike): Tensor {
    return ops.mul(this, b)
  }
  div(b: TensorLike): Tensor {
    return ops.div(this, b)
  }
  pow(b: TensorLike): Tensor {
    return ops.pow(this, b)
  }
  maximum(b: TensorLike): Tensor {
    return ops.maximum(this, b)
  }
  minimum(b: TensorLike): Tensor {
    return ops.minimum(this, b)
  }
  equal(b: TensorLike): Tensor {
    return ops.equal(this, b)
  }
  notEqual(b: TensorLike): Tensor {
    return ops.notEqual(this, b)
  }
  less(b: TensorLike): Tensor {
    return ops.less(this, b)
  }
  lessEqual(b: TensorLike): Tensor {
    return ops.lessEqual(this, b)
  }
  greater(b: TensorLike): Tensor {
    return ops.greater(this, b)
  }
  greaterEqual(b: TensorLike): Tensor {
    return ops.greaterEqual(this, b)
  }
  logicalAnd(b: TensorLike): Tensor {
    return ops.logicalAnd(this, b)
  }
  logicalOr(b: TensorLike): Tensor {
    return ops.logicalOr(this, b)
  }
  logicalXor(b: TensorLike): Tensor {
    return ops.logicalXor(this, b)
  }
  logicalNot(): Tensor {
    return ops.logicalNot(this)
  }
  neg(): Tensor {
    return ops.neg(this)
  }
  abs(): Tensor {
    return ops.abs(this)
  }
  sign(): Tensor {
    return ops.sign(this)
  }
  exp(): Tensor {
    return ops.exp(this)
  }
  log(): Tensor {
    return ops.log(this)
  }
  log1p(): Tensor {
    return ops.log1p(this)
  }
  sqrt(): Tensor {
    return ops.sqrt(this)
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this)
  }
  square(): Tensor {
    return ops.square(this)
  }
  sin(): Tensor {
    return ops.sin(this)
  }
  cos(): Tensor {
    return ops.cos(this)
  }
  tanh(): Tensor {
    return ops.tanh(this)
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this)
  }
  relu(): Tensor {
    return ops.relu(this)
  }
  leakyRelu(alpha?: number): Tensor {
    return ops.leakyRelu(this, alpha)
  }
  elu(alpha?: number): Tensor {
    return ops.elu(this, alpha)
  }
  gelu(approximate?: 'none' | 'tanh'): Tensor {
    return ops.gelu(this, approximate)
  }
  softplus(): Tensor {
    return ops.softplus(this)
  }
  clip(min: number, max: number): Tensor {
    return ops.clip(this, min, max)
  }
  clone(): Tensor {
    return ops.clone(this)
  }
  cast(dtype: DType): Tensor {
    return ops.cast(this, dtype)
  }
  where(cond: TensorLike, other: TensorLike): Tensor {
    return ops.where(cond, this, other)
  }
  sum(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.sum(this, axis, keepDims)
  }
  mean(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.mean(this, axis, keepDims)
  }
  prod(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.prod(this, axis, keepDims)
  }
  max(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.max(this, axis, keepDims)
  }
  min(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.min(this, axis, keepDims)
  }
  argmax(axis?: number, keepDims?: boolean): Tensor {
    return ops.argmax(this, axis, keepDims)
  }
  argmin(axis?: number, keepDims?: boolean): Tensor {
    return ops.argmin(this, axis, keepDims)
  }
  var(axis?: Axis, keepDims?: boolean, correction?: number): Tensor {
    return ops.variance(this, axis, keepDims, correction)
  }
  std(axis?: Axis, keepDims?: boolean, correction?: number): Tensor {
    return ops.std(this, axis, keepDims, correction)
  }
  logsumexp(axis?: Axis, keepDims?: boolean): Tensor {
    return ops.logsumexp(this, axis, keepDims)
  }
  matmul(b: Tensor, options?: ops.MatmulOptions): Tensor {
    return ops.matmul(this, b, options)
  }
  reshape(shape: readonly number[]): Tensor {
    return ops.reshape(this, shape)
  }
  flatten(startAxis?: number, endAxis?: number): Tensor {
    return ops.flatten(this, startAxis, endAxis)
  }
  expandDims(axis?: number): Tensor {
    return ops.expandDims(this, axis)
  }
  squeeze(axis?: Axis): Tensor {
    return ops.squeeze(this, axis)
  }
  transpose(perm?: readonly number[]): Tensor {
    return ops.transpose(this, perm)
  }
  permute(...axes: number[]): Tensor {
    return ops.permute(this, ...axes)
  }
  slice(begin: number | readonly number[], size?: number | readonly number[]): Tensor {
    return ops.slice(this, begin, size)
  }
  concat(others: readonly Tensor[], axis?: number): Tensor {
    return ops.concat([this, ...others], axis)
  }
  split(sections: number | readonly number[], axis?: number): Tensor[] {
    return ops.split(this, sections, axis)
  }
  pad(paddings: readonly (readonly [number, number])[], value?: number): Tensor {
    return ops.pad(this, paddings, value)
  }
  tile(reps: readonly number[]): Tensor {
    return ops.tile(this, reps)
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return ops.broadcastTo(this, shape)
  }
  gather(indices: Tensor | readonly number[], axis?: number): Tensor {
    return ops.gather(this, indices, axis)
  }
  scatterAdd(indices: Tensor | readonly number[], updates: Tensor, axis?: number): Tensor {
    return ops.scatterAdd(this, indices, updates, axis)
  }
  oneHot(depth: number, dtype?: DType): Tensor {
    return ops.oneHot(this, depth, dtype)
  }
  softmax(axis?: number): Tensor {
    return ops.softmax(this, axis)
  }
  logSoftmax(axis?: number): Tensor {
    return ops.logSoftmax(this, axis)
  }
  conv2d(w: Tensor, options?: Conv2dOptions): Tensor {
    return ops.conv2d(this, w, options)
  }
  maxPool2d(options: Pool2dOptions): Tensor {
    return ops.maxPool2d(this, options)
  }
  avgPool2d(options: Pool2dOptions): Tensor {
    return ops.avgPool2d(this, options)
  }
  zerosLike(): Tensor {
    return ops.zerosLike(this)
  }
  onesLike(): Tensor {
    return ops.onesLike(this)
  }
}

let leakGuardEnabled = true
/**
 * Turns the FinalizationRegistry safety net on or off (on by default). Off saves a little per
 * tensor; leaked handles then keep their memory until disposed.
 */
export function setLeakGuard(enabled: boolean): void {
  leakGuardEnabled = enabled
}

let backwardHook:
  | ((t: Tensor, g: Tensor | undefined, o: { retainGraph?: boolean }) => void)
  | null = null
/** @internal wired by the autograd module. */
export function setBackwardHook(
  f: (t: Tensor, g: Tensor | undefined, o: { retainGraph?: boolean }) => void,
): void {
  backwardHook = f
}
