// Helpers every scheduler shares: recognising an optimizer, and copying/restoring the plain
// data properties that make up a scheduler's state dict.

import { SchedulerError } from '../SchedulerError.js'
import type { SchedulableOptimizer, SchedulerStateDict } from '../schedulers/LRScheduler.js'

/** Throws a SchedulerError unless `optimizer` looks like an optimizer. */
export function checkOptimizer(api: string, optimizer: unknown): SchedulableOptimizer {
  const o = optimizer as SchedulableOptimizer | null
  if (
    typeof o !== 'object' ||
    o === null ||
    !Array.isArray(o.paramGroups) ||
    o.paramGroups.some((g) => typeof g?.lr !== 'number')
  ) {
    throw new SchedulerError(
      `${api}: expected an optimizer (with paramGroups), got ${o === null ? 'null' : typeof o}`,
    )
  }
  return o
}

const NOT_STATE = new Set(['optimizer', 'api'])

/** Copies own data properties (not the optimizer, not functions) for stateDict. */
export function copyState(obj: object, skip: ReadonlySet<string> = NOT_STATE): SchedulerStateDict {
  const out: SchedulerStateDict = {}
  for (const [k, v] of Object.entries(obj)) {
    if (skip.has(k) || typeof v === 'function') continue
    if (Array.isArray(v)) {
      // Arrays of functions (LambdaLR) or objects are configuration, not state.
      if (v.some((x) => (typeof x === 'object' && x !== null) || typeof x === 'function')) continue
      out[k] = v.slice()
    } else if (typeof v !== 'object' || v === null) {
      out[k] = v
    }
  }
  return out
}

/** Restores what copyState saved, checking each key exists with the same kind of value. */
export function restoreState(api: string, obj: object, dict: SchedulerStateDict): void {
  if (typeof dict !== 'object' || dict === null) {
    throw new SchedulerError(
      `${api}.loadStateDict: expected a state dict object, got ${dict === null ? 'null' : typeof dict}`,
    )
  }
  const target = obj as Record<string, unknown>
  for (const [k, v] of Object.entries(dict)) {
    if (!(k in target) || NOT_STATE.has(k)) {
      throw new SchedulerError(`${api}.loadStateDict: unknown key '${k}'`)
    }
    const cur = target[k]
    const kind = (x: unknown) => (Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x)
    if (cur !== null && v !== null && kind(cur) !== kind(v)) {
      throw new SchedulerError(
        `${api}.loadStateDict: '${k}' is ${kind(v)} in the state dict, expected ${kind(cur)}`,
      )
    }
  }
  for (const [k, v] of Object.entries(dict)) target[k] = Array.isArray(v) ? v.slice() : v
}

/** What a wrapping scheduler needs of the schedulers it wraps. */
interface StatefulScheduler {
  stateDict(): SchedulerStateDict
  loadStateDict(dict: SchedulerStateDict): void
}

/**
 * stateDict of a scheduler that wraps others (ChainedScheduler, SequentialLR): its own fields
 * plus each wrapped scheduler's state dict, in order.
 */
export function compositeStateDict(
  obj: object,
  skip: ReadonlySet<string>,
  schedulers: readonly StatefulScheduler[],
): SchedulerStateDict {
  return { ...copyState(obj, skip), schedulers: schedulers.map((s) => s.stateDict()) }
}

/** The inverse of compositeStateDict. */
export function loadCompositeState(
  api: string,
  obj: object,
  schedulers: readonly StatefulScheduler[],
  dict: SchedulerStateDict,
): void {
  if (typeof dict !== 'object' || dict === null) {
    throw new SchedulerError(
      `${api}.loadStateDict: expected a state dict object, got ${dict === null ? 'null' : typeof dict}`,
    )
  }
  const { schedulers: saved, ...own } = dict
  if (!Array.isArray(saved) || saved.length !== schedulers.length) {
    throw new SchedulerError(
      `${api}.loadStateDict: expected ${schedulers.length} scheduler states, got ${Array.isArray(saved) ? saved.length : 'none'}`,
    )
  }
  restoreState(api, obj, own)
  schedulers.forEach((s, i) => {
    s.loadStateDict(saved[i] as SchedulerStateDict)
  })
}
