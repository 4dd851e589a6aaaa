/**
 * The three registries of the design, keyed by name: kernels per (op, backend), one gradient
 * rule per primitive op, and backends with a priority. Kernel lookup is resolved once per
 * (backend, op) into a plain object, so dispatch costs one property read.
 */
import type { Backend, BackendFactory } from '../backends/Backend.js'
import type { DType } from '../dtype.js'
import { BackendError, KernelNotFoundError, MlstackError } from '../errors.js'
import type { Tensor } from '../tensor/Tensor.js'

/** What a kernel gets for each input: a tensor's shape, dtype, size and buffer (read only). */
export interface KernelInput {
  readonly shape: readonly number[]
  readonly dtype: DType
  readonly size: number
  readonly buf: import('../backends/Backend.js').DataBuffer
}

/** Passed to every kernel: the backend, and `output` to allocate result tensors. */
export interface KernelContext {
  readonly backend: Backend
  /** Allocates an output tensor (contents unspecified: the kernel must write every element). */
  output(shape: readonly number[], dtype: DType): Tensor
}

// biome-ignore lint/suspicious/noExplicitAny: attrs are op-specific records.
export type KernelRun = (inputs: readonly Tensor[], attrs: any, ctx: KernelContext) => Tensor

export interface KernelConfig {
  op: string
  backend: string
  run: KernelRun
}

export interface GradientConfig {
  op: string
  /**
   * Picks what the rule needs from the forward pass (default: the inputs). The engine keeps a
   * reference to those buffers until backward has run, whatever happens to the user's handles.
   */
  // biome-ignore lint/suspicious/noExplicitAny: attrs are op-specific records.
  save?: (inputs: readonly Tensor[], output: Tensor, attrs: any) => Tensor[]
  /**
   * Returns one gradient per input (null or undefined where the input gets none), already
   * reduced over broadcast axes to the input's shape. `needsInputGrad[i]` (PyTorch's
   * `ctx.needs_input_grad`) is false when input `i`'s gradient would be thrown away (a data
   * tensor, or a branch that reaches no requested target): a rule should skip computing it
   * and return null there. Ignoring the flags is correct, only slower.
   */
  grad: (
    dy: Tensor,
    saved: readonly Tensor[],
    // biome-ignore lint/suspicious/noExplicitAny: attrs are op-specific records.
    attrs: any,
    inputs: readonly { shape: readonly number[]; dtype: DType }[],
    needsInputGrad: readonly boolean[],
  ) => (Tensor | null | undefined)[]
}

interface BackendEntry {
  factory: BackendFactory
  priority: number
  fallback: string | undefined
  instance: Backend | undefined
}

const kernels = new Map<string, KernelRun>()
const gradients = new Map<string, GradientConfig>()
const backends = new Map<string, BackendEntry>()
/** Resolved kernel tables per backend (with fallbacks applied); cleared on registration. */
const tables = new Map<string, Record<string, KernelRun | undefined>>()
let onChange: (() => void) | null = null

/** @internal lets the engine refresh its cached kernel table when kernels are registered. */
export function setRegistryChangeHook(f: () => void): void {
  onChange = f
}

function changed(): void {
  tables.clear()
  onChange?.()
}

/**
 * Registers the kernel of `op` on `backend`. Registering the same pair twice throws.
 *
 * @example
 * registerKernel({ op: 'add', backend: 'my-gpu', run: (inputs, attrs, ctx) => ... })
 */
export function registerKernel(config: KernelConfig): void {
  const key = `${config.backend}\u0000${config.op}`
  if (kernels.has(key)) {
    throw new BackendError(
      'registerKernel',
      `a kernel for op '${config.op}' on backend '${config.backend}' is already registered`,
    )
  }
  kernels.set(key, config.run)
  changed()
}

/** True when `backend` (not counting its fallback) has its own kernel for `op`. */
export function hasOwnKernel(op: string, backend: string): boolean {
  return kernels.has(`${backend}\u0000${op}`)
}

/** The kernel table of a backend: own kernels, then its fallback's (transitively). */
export function kernelTable(backend: string): Record<string, KernelRun | undefined> {
  let table = tables.get(backend)
  if (table === undefined) {
    table = Object.create(null) as Record<string, KernelRun | undefined>
    const chain: string[] = []
    for (let b: string | undefined = backend; b !== undefined && !chain.includes(b); ) {
      chain.push(b)
      b = backends.get(b)?.fallback
    }
    // '*' holds backend-independent kernels (reshape) and ends every chain.
    if (!chain.includes('*')) chain.push('*')
    const ranks: Record<string, number> = Object.create(null)
    for (const [key, run] of kernels) {
      const [b, op] = key.split('\u0000') as [string, string]
      const rank = chain.indexOf(b)
      if (rank < 0) continue
      const prev = ranks[op]
      if (prev === undefined || rank < prev) {
        ranks[op] = rank
        table[op] = run
      }
    }
    tables.set(backend, table)
  }
  return table
}

/** The kernel of `op` on `backend`, or a KernelNotFoundError naming both. */
export function getKernel(op: string, backend: string): KernelRun {
  const run = kernelTable(backend)[op]
  if (run === undefined) throw new KernelNotFoundError(op, backend)
  return run
}

/**
 * Registers the gradient rule of a primitive op. One rule per op: registering twice throws.
 *
 * @example
 * registerGradient({ op: 'exp', save: (_, y) => [y], grad: (dy, [y]) => [dy.mul(y)] })
 * // Skipping the gradients nobody reads (needsInputGrad, PyTorch's ctx.needs_input_grad):
 * registerGradient({
 *   op: 'myMul',
 *   grad: (dy, [a, b], _attrs, _inputs, [needA, needB]) => [
 *     needA ? dy.mul(b) : null,
 *     needB ? dy.mul(a) : null,
 *   ],
 * })
 */
export function registerGradient(config: GradientConfig): void {
  if (gradients.has(config.op)) {
    throw new MlstackError(
      'registerGradient',
      `a gradient for op '${config.op}' is already registered`,
    )
  }
  gradients.set(config.op, config)
}

export function getGradient(op: string): GradientConfig | undefined {
  return gradients.get(op)
}

export interface RegisterBackendOptions {
  /** Backend whose kernels are used for ops this backend has no kernel for (`cpu` → `cpu-ts`). */
  fallback?: string
}

/**
 * Registers a backend. The factory runs lazily on first use. Higher priority wins when no
 * backend was chosen with `setBackend`.
 *
 * @example
 * registerBackend('my-gpu', () => new MyGpuBackend(), 10)
 */
export function registerBackend(
  name: string,
  factory: BackendFactory,
  priority = 0,
  options: RegisterBackendOptions = {},
): void {
  if (backends.has(name)) {
    throw new BackendError('registerBackend', `backend '${name}' is already registered`)
  }
  backends.set(name, { factory, priority, fallback: options.fallback, instance: undefined })
  changed()
}

/** Names of registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...backends.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([n]) => n)
}

/** The instance of a registered backend (created on first call). */
export function backendInstance(name: string): Backend {
  const entry = backends.get(name)
  if (entry === undefined) {
    throw new BackendError(
      'setBackend',
      `unknown backend '${name}'; registered backends: ${listBackends().join(', ') || 'none'}`,
    )
  }
  if (entry.instance === undefined) entry.instance = entry.factory()
  return entry.instance
}
