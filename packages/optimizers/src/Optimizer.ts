// The base class every optimizer shares: parameter groups, lazy per-parameter state, step,
// zeroGrad and state dicts, in PyTorch's shape. Subclasses supply option validation, state
// creation and the per-parameter update (a tight loop over typed arrays in src/internal/kernels).
import { Tensor } from '@mlstack/core'
import { definedOnly } from './internal/definedOnly.js'
import type { FloatArray } from './internal/FloatArray.js'
import {
  checkParameter,
  clearGrad,
  commit,
  dataOf,
  gradOf,
  isParameter,
  sizeOf,
  zerosLike,
} from './internal/paramAccess.js'
import { OptimizerStateError } from './OptimizerStateError.js'
import type { Parameter } from './Parameter.js'
import { ParameterError } from './ParameterError.js'

/** Keys schedulers add to a parameter group (PyTorch's initial_lr, max_lr, ...). */
export interface ScheduleKeys {
  /** The learning rate a scheduler starts from, set by the first scheduler attached. */
  initialLr?: number
  /** OneCycleLR's peak learning rate. */
  maxLr?: number
  /** OneCycleLR's final learning rate. */
  minLr?: number
  /** OneCycleLR's momentum bounds. */
  maxMomentum?: number
  baseMomentum?: number
}

/** One parameter group: its parameters and its own copy of every option. */
export type ParamGroup<O> = O & ScheduleKeys & { params: Parameter[] }

/** A parameter group as given by the user: options it leaves out come from the defaults. */
export type ParamGroupInput<O> = Partial<O> &
  ScheduleKeys & { params: Iterable<Parameter> | Parameter }

/**
 * What an optimizer's state holds per parameter: step counts and moment buffers. Buffers are
 * typed arrays, or float32 core tensors where a fused WebAssembly kernel updates them (Adam and
 * AdamW on CPU float32 tensors); `stateDict()` always returns typed arrays.
 */
export type OptimizerState = Record<string, number | FloatArray | Tensor>

/** A state dict's per-parameter entry: numbers and typed arrays only. */
export type SavedState = Record<string, number | FloatArray>

/**
 * A snapshot of an optimizer, in PyTorch's layout: `state` keyed by the parameter's index
 * (counted across groups in order) and `paramGroups` with parameter indices instead of the
 * parameters. Arrays are copies, so later steps do not change a saved dict.
 */
export interface OptimizerStateDict {
  optimizer: string
  state: Record<number, SavedState>
  paramGroups: Array<Record<string, unknown> & { params: number[] }>
}

/** The state arrays and scalars an optimizer keeps per parameter, for state dict checks. */
export interface StateSchema {
  arrays: readonly string[]
  scalars: readonly string[]
}

function isGroupInput(x: unknown): boolean {
  return typeof x === 'object' && x !== null && 'params' in x
}

function copyOption(v: unknown): unknown {
  return Array.isArray(v) ? v.slice() : v
}

/**
 * Base class of all optimizers. `O` is the option bag (every option has a value in a group),
 * `S` the per-parameter state and `H` the per-group scalars the update loop reads.
 *
 * @example
 * ```ts
 * const opt = new Adam([w, b], { lr: 1e-3 })
 * for (const batch of batches) {
 *   opt.zeroGrad()
 *   lossOf(batch).backward()
 *   opt.step()
 * }
 * ```
 */
export abstract class Optimizer<O extends { lr: number }, S extends OptimizerState, H = unknown> {
  /** The options new parameter groups inherit. */
  readonly defaults: Readonly<O>
  /** The parameter groups; schedulers edit their `lr` (and momentum) between steps. */
  readonly paramGroups: ParamGroup<O>[] = []
  /** Per-parameter state, created lazily on a parameter's first step with a gradient. */
  readonly state = new Map<Parameter, S>()
  /** The optimizer's name as used in errors and state dicts ('Adam', 'SGD', ...). */
  readonly name: string

  protected constructor(
    name: string,
    params: Iterable<Parameter> | Iterable<ParamGroupInput<O>>,
    defaults: O,
    options: object | undefined,
  ) {
    this.name = name
    if (options !== undefined && options !== null) {
      if (typeof options !== 'object') {
        throw new TypeError(`${name}: options must be an object, got ${typeof options}`)
      }
      for (const key of Object.keys(options)) {
        if (!(key in defaults)) {
          throw new TypeError(
            `${name}: unknown option '${key}' (expected one of ${Object.keys(defaults).join(', ')})`,
          )
        }
      }
    }
    const merged: Record<string, unknown> = {}
    for (const [k, v] of Object.entries({ ...defaults, ...definedOnly(options) })) {
      merged[k] = copyOption(v) // the caller's betas array must not alias the defaults
    }
    this.validateOptions(merged as O, 'options')
    this.defaults = Object.freeze(merged as O)
    if (
      params === null ||
      params === undefined ||
      typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function'
    ) {
      throw new ParameterError(
        `${name}: params must be an iterable of parameters or parameter groups, got ${params === null ? 'null' : typeof params}`,
      )
    }
    const list = Array.from(params as Iterable<unknown>)
    if (list.length === 0)
      throw new ParameterError(
        `${name}: got an empty parameter list; expected at least one parameter`,
      )
    if (list.every(isGroupInput)) {
      for (const g of list) this.addParamGroup(g as ParamGroupInput<O>)
    } else if (list.some(isGroupInput)) {
      throw new ParameterError(
        `${name}: params mixes parameters and parameter groups; pass either parameters or groups ({ params, ...options })`,
      )
    } else {
      this.addParamGroup({ params: list as Parameter[] } as unknown as ParamGroupInput<O>)
    }
  }

  /** Checks one complete option bag; throws RangeError/TypeError naming the bad value. */
  protected abstract validateOptions(options: O, where: string): void

  /** The state arrays and scalars a parameter of `group` carries. */
  protected abstract stateSchema(group: O): StateSchema

  /** Fresh state for a parameter on its first step. */
  protected abstract initState(param: Parameter, group: ParamGroup<O>): S

  /** The per-group scalars the update reads, computed once per group per step. */
  protected abstract hyper(group: ParamGroup<O>): H

  /** Updates one parameter in place from its gradient. */
  protected abstract update(data: FloatArray, grad: FloatArray, state: S, hyper: H): void

  /**
   * A faster path for a core tensor parameter (e.g. a fused WASM kernel). Returns false to
   * fall back to `update` on typed arrays.
   */
  protected updateTensor(_param: Tensor, _grad: Tensor, _state: S, _hyper: H): boolean {
    return false
  }

  /**
   * Adds a parameter group; options it leaves out are taken from `defaults`.
   *
   * @example
   * ```ts
   * opt.addParamGroup({ params: head.parameters(), lr: 1e-2 })
   * ```
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    if (!isGroupInput(group)) {
      throw new ParameterError(
        `${this.name}.addParamGroup: expected { params, ...options }, got ${typeof group}`,
      )
    }
    const where = `param group ${this.paramGroups.length}`
    const raw = group.params as unknown
    const params: unknown[] =
      typeof raw === 'object' && raw !== null && Symbol.iterator in raw && !isParameter(raw)
        ? Array.from(raw as Iterable<unknown>)
        : [raw]
    if (params.length === 0) throw new ParameterError(`${this.name}: ${where} has no parameters`)
    const seen = new Set<unknown>()
    for (const existing of this.paramGroups) for (const p of existing.params) seen.add(p)
    params.forEach((p, i) => {
      checkParameter(this.name, p, `${where}, parameter ${i}`)
      if (seen.has(p)) {
        throw new ParameterError(
          `${this.name}: ${where}, parameter ${i} appears in more than one place; each parameter may be listed once`,
        )
      }
      seen.add(p)
    })
    const merged: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(this.defaults)) merged[k] = copyOption(v)
    for (const [k, v] of Object.entries(group)) {
      if (k !== 'params' && v !== undefined) merged[k] = copyOption(v)
    }
    this.validateOptions(merged as O, where)
    merged.params = params
    this.paramGroups.push(merged as unknown as ParamGroup<O>)
  }

  /**
   * Clears every parameter's gradient: drops it (the default, like PyTorch's set_to_none) or
   * fills it with zeros.
   */
  zeroGrad(setToNone = true): void {
    for (const group of this.paramGroups) for (const p of group.params) clearGrad(p, setToNone)
  }

  /**
   * Performs one optimization step on every parameter that has a gradient. A `closure` that
   * re-evaluates the loss is called first and its result returned.
   */
  step<L>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : closure()
    for (let gi = 0; gi < this.paramGroups.length; gi++) {
      const group = this.paramGroups[gi]
      const params = group.params
      let hyper: H | undefined
      for (let pi = 0; pi < params.length; pi++) {
        const p = params[pi]
        if (p instanceof Tensor) {
          const g = p.grad
          if (g === null) continue
          if (g.size !== p.size) this.sizeMismatch(gi, pi, p.size, g.size)
          const state = this.stateFor(p, group)
          hyper ??= this.hyper(group)
          if (this.updateTensor(p, g, state, hyper)) continue
        }
        // Views are taken after anything that may allocate tensors (which can detach them).
        const grad = gradOf(p)
        if (grad === null) continue
        const data = dataOf(p)
        if (grad.length !== data.length) this.sizeMismatch(gi, pi, data.length, grad.length)
        const state = this.stateFor(p, group)
        hyper ??= this.hyper(group)
        this.update(data, grad, state, hyper)
        commit(data)
      }
    }
    return loss
  }

  private stateFor(p: Parameter, group: ParamGroup<O>): S {
    let state = this.state.get(p)
    if (state === undefined) {
      state = this.initState(p, group)
      this.state.set(p, state)
    }
    return state
  }

  private sizeMismatch(gi: number, pi: number, size: number, gradSize: number): never {
    throw new ParameterError(
      `${this.name}.step: param group ${gi}, parameter ${pi} has ${size} values but its gradient has ${gradSize}`,
    )
  }

  /**
   * Frees state held in core tensors (the fused Adam path keeps its moments in WASM memory) and
   * forgets all state. The optimizer stays usable: state is created again on the next step.
   */
  dispose(): void {
    for (const s of this.state.values()) {
      for (const v of Object.values(s)) if (v instanceof Tensor) v.dispose()
    }
    this.state.clear()
  }

  [Symbol.dispose](): void {
    this.dispose()
  }

  /** A copy of the optimizer's state and options, in PyTorch's layout. */
  stateDict(): OptimizerStateDict {
    const state: Record<number, SavedState> = {}
    const paramGroups: OptimizerStateDict['paramGroups'] = []
    let index = 0
    for (const group of this.paramGroups) {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(group)) if (k !== 'params') out[k] = copyOption(v)
      const ids: number[] = []
      for (const p of group.params) {
        const s = this.state.get(p)
        if (s !== undefined) {
          const copy: SavedState = {}
          for (const [k, v] of Object.entries(s)) {
            copy[k] =
              typeof v === 'number'
                ? v
                : v instanceof Tensor
                  ? (v.dataSync() as FloatArray)
                  : v.slice()
          }
          state[index] = copy
        }
        ids.push(index++)
      }
      paramGroups.push({ ...out, params: ids })
    }
    return { optimizer: this.name, state, paramGroups }
  }

  /**
   * Restores state and options saved by `stateDict()` of an optimizer of the same type over
   * parameters of the same sizes. Everything is checked before anything changes: on error the
   * optimizer is left as it was.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const api = `${this.name}.loadStateDict`
    if (typeof dict !== 'object' || dict === null) {
      throw new OptimizerStateError(
        `${api}: expected a state dict object, got ${dict === null ? 'null' : typeof dict}`,
      )
    }
    if (dict.optimizer === undefined) {
      throw new OptimizerStateError(
        `${api}: the state dict has no 'optimizer' name; expected one made by ${this.name}.stateDict() ({ optimizer, state, paramGroups })`,
      )
    }
    if (dict.optimizer !== this.name) {
      throw new OptimizerStateError(
        `${api}: the state dict was made by ${String(dict.optimizer)}, expected ${this.name}`,
      )
    }
    if (!Array.isArray(dict.paramGroups) || typeof dict.state !== 'object' || dict.state === null) {
      throw new OptimizerStateError(`${api}: expected { optimizer, state, paramGroups }`)
    }
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new OptimizerStateError(
        `${api}: the state dict has ${dict.paramGroups.length} parameter groups, this optimizer has ${this.paramGroups.length}`,
      )
    }
    const flat: Parameter[] = []
    const newOptions: Record<string, unknown>[] = []
    const groupOf: Record<string, unknown>[] = []
    dict.paramGroups.forEach((saved, gi) => {
      const group = this.paramGroups[gi]
      if (!Array.isArray(saved?.params) || saved.params.length !== group.params.length) {
        throw new OptimizerStateError(
          `${api}: parameter group ${gi} has ${saved?.params?.length ?? 'no'} parameters in the state dict, ${group.params.length} here`,
        )
      }
      const opts: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(group)) if (k !== 'params') opts[k] = v
      for (const [k, v] of Object.entries(saved)) if (k !== 'params') opts[k] = copyOption(v)
      try {
        this.validateOptions(opts as O, `state dict parameter group ${gi}`)
      } catch (e) {
        throw new OptimizerStateError(`${api}: ${(e as Error).message}`)
      }
      newOptions.push(opts)
      saved.params.forEach((id, pi) => {
        if (id !== flat.length) {
          throw new OptimizerStateError(
            `${api}: parameter group ${gi} lists parameter index ${id} at position ${pi}, expected ${flat.length}`,
          )
        }
        flat.push(group.params[pi])
        groupOf.push(opts)
      })
    })
    const newState = new Map<Parameter, S>()
    for (const [key, saved] of Object.entries(dict.state)) {
      const id = Number(key)
      if (!Number.isInteger(id) || id < 0 || id >= flat.length) {
        throw new OptimizerStateError(
          `${api}: state for parameter index ${key}, but there are ${flat.length} parameters`,
        )
      }
      const p = flat[id]
      const schema = this.stateSchema(groupOf[id] as O)
      const restored: OptimizerState = {}
      for (const name of schema.scalars) {
        const v = saved?.[name]
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new OptimizerStateError(
            `${api}: state of parameter ${id} needs a finite number '${name}', got ${typeof v}`,
          )
        }
        restored[name] = v
      }
      for (const name of schema.arrays) {
        const v = saved?.[name]
        if (!(v instanceof Float32Array || v instanceof Float64Array || Array.isArray(v))) {
          throw new OptimizerStateError(
            `${api}: state of parameter ${id} needs an array '${name}', got ${typeof v}`,
          )
        }
        if (v.length !== sizeOf(p)) {
          throw new OptimizerStateError(
            `${api}: state '${name}' of parameter ${id} has ${v.length} values, the parameter has ${sizeOf(p)}`,
          )
        }
        const arr = zerosLike(p)
        arr.set(v as ArrayLike<number>)
        restored[name] = arr
      }
      newState.set(p, restored as S)
    }
    this.paramGroups.forEach((group, gi) => {
      for (const k of Object.keys(group))
        if (k !== 'params' && !(k in newOptions[gi]))
          delete (group as unknown as Record<string, unknown>)[k]
      Object.assign(group, newOptions[gi])
    })
    this.dispose()
    for (const [p, s] of newState) this.state.set(p, s)
  }
}
