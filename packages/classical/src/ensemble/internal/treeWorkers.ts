/**
 * Grows many trees at once on worker threads while keeping `fit` synchronous.
 *
 * Why this design:
 * - `fit(X, y)` must return `this` synchronously (the scikit-learn contract), so the calling
 *   thread blocks with `Atomics.wait` and collects results with `receiveMessageOnPort` instead of
 *   awaiting events. The calling thread also grows trees itself, so `nJobs = 2` means one extra
 *   thread, and work is claimed tree by tree through a shared atomic counter.
 * - Workers run the CART kernel from its own source text (`new Worker(code, { eval: true })`,
 *   built from KERNEL_FUNCTIONS' `toString()`), not from a worker file. That works the same from
 *   the compiled package, from bundles, and when vitest or tsx run the TypeScript source: Node 20
 *   cannot load a `.ts` worker file without a loader, and a path next to the module breaks once
 *   bundled. The kernel module is written to allow this (no imports, top-level functions only).
 * - Every tree depends only on its own seed, never on which thread grew it, so results are
 *   identical for any `nJobs`. If workers cannot start or fail, the calling thread grows the
 *   remaining trees itself: slower, never different.
 * - Workers are kept in a small pool between fits (unref'd, so they never keep a process alive):
 *   starting a thread and compiling the kernel costs tens of milliseconds.
 */
import { availableParallelism } from 'node:os'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { ParameterError } from '../../errors.js'
import {
  buildTree,
  KERNEL_FUNCTIONS,
  type TreeArrays,
  type TreeData,
  type TreeSpec,
} from '../../tree/internal/buildTree.js'

interface Job {
  id: number
  data: TreeData
  spec: TreeSpec
  seeds: number[]
  ctrl: Int32Array
}

interface Result {
  job: number
  t: number
  tree?: TreeArrays
  error?: string
}

/** Runs inside each worker; receives the kernel's buildTree as an argument (no imports there). */
function workerMain(
  wt: {
    parentPort: { on(e: string, f: (job: Job) => void): void }
    workerData: { port: MessagePort }
  },
  grow: typeof buildTree,
): void {
  const port = wt.workerData.port
  wt.parentPort.on('message', (job: Job) => {
    for (;;) {
      const t = Atomics.add(job.ctrl, 0, 1)
      if (t >= job.seeds.length) break
      try {
        const tree = grow(job.data, job.spec, job.seeds[t] as number)
        const buffers = [
          tree.left.buffer,
          tree.right.buffer,
          tree.feature.buffer,
          tree.threshold.buffer,
          tree.impurity.buffer,
          tree.nNodeSamples.buffer,
          tree.weightedNNodeSamples.buffer,
          tree.value.buffer,
        ]
        port.postMessage({ job: job.id, t, tree }, buffers as ArrayBuffer[])
      } catch (e) {
        port.postMessage({ job: job.id, t, error: String((e as Error)?.stack ?? e) })
      }
      Atomics.add(job.ctrl, 1, 1)
      Atomics.notify(job.ctrl, 1)
    }
  })
}

let source: string | null = null
let sourceOverride: string | null = null
function workerSource(): string {
  if (sourceOverride !== null) return sourceOverride
  if (source === null) {
    source = [
      '"use strict";',
      // Harmless if unused; covers transpilers that wrap functions in a __name(...) helper.
      'var __name = (f) => f;',
      ...KERNEL_FUNCTIONS.map((f) => f.toString()),
      workerMain.toString(),
      "workerMain(require('node:worker_threads'), buildTree);",
    ].join('\n')
  }
  return source
}

interface Slot {
  worker: Worker
  port: MessagePort
  alive: boolean
}

const pool: Slot[] = []
let jobCounter = 0
/** Trees grown by worker threads since the process started (for tests and diagnostics). */
export const treeWorkerStats = { treesFromWorkers: 0, treesInline: 0, workerErrors: 0 }

function spawn(): Slot | null {
  try {
    const { port1, port2 } = new MessageChannel()
    const worker = new Worker(workerSource(), {
      eval: true,
      // The kernel source needs no loader (tsx, coverage hooks): start workers without the
      // parent's flags, which also keeps their start-up short.
      execArgv: [],
      workerData: { port: port2 },
      transferList: [port2],
    })
    const slot: Slot = { worker, port: port1, alive: true }
    const retire = (): void => {
      slot.alive = false
      const i = pool.indexOf(slot)
      if (i >= 0) pool.splice(i, 1)
    }
    worker.on('error', () => {
      treeWorkerStats.workerErrors++
      retire()
    })
    worker.on('exit', retire)
    worker.unref()
    port1.unref()
    return slot
  } catch {
    return null
  }
}

function ensureWorkers(n: number): Slot[] {
  while (pool.filter((s) => s.alive).length < n) {
    const s = spawn()
    if (!s) break
    pool.push(s)
  }
  return pool.filter((s) => s.alive).slice(0, n)
}

/** Resolves scikit-learn's n_jobs convention: -1 all cores, -2 all but one, ... */
export function resolveNJobs(nJobs: number | null | undefined, api: string): number {
  if (nJobs === null || nJobs === undefined) return 1
  if (!Number.isInteger(nJobs) || nJobs === 0) {
    throw new ParameterError(
      `${api}: option nJobs = ${String(nJobs)}; expected a non-zero integer (-1 for all cores)`,
    )
  }
  const cores = availableParallelism()
  return nJobs > 0 ? nJobs : Math.max(1, cores + 1 + nJobs)
}

function shared<T extends Int32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const C = a.constructor as new (b: SharedArrayBuffer) => T
  const out = new C(new SharedArrayBuffer(a.byteLength))
  out.set(a as never)
  return out
}

/**
 * Grows one tree per seed, using up to `nThreads` threads (the caller's included).
 * Blocks until every tree is done; results are in seed order and independent of `nThreads`.
 */
export function growTrees(
  data: TreeData,
  spec: TreeSpec,
  seeds: number[],
  nThreads: number,
): TreeArrays[] {
  const nTrees = seeds.length
  const trees: (TreeArrays | undefined)[] = new Array(nTrees)
  const slots = nThreads > 1 && nTrees > 1 ? ensureWorkers(Math.min(nThreads, nTrees) - 1) : []
  if (slots.length === 0) {
    for (let t = 0; t < nTrees; t++) trees[t] = buildTree(data, spec, seeds[t] as number)
    treeWorkerStats.treesInline += nTrees
    return trees as TreeArrays[]
  }
  const sharedData: TreeData = {
    ...data,
    ranks: shared(data.ranks),
    values: shared(data.values),
    valueOffsets: shared(data.valueOffsets),
    yClass: shared(data.yClass),
    yReg: shared(data.yReg),
    sampleWeight: shared(data.sampleWeight),
  }
  const ctrl = new Int32Array(new SharedArrayBuffer(8))
  const job: Job = { id: ++jobCounter, data: sharedData, spec, seeds, ctrl }
  for (const s of slots) s.worker.postMessage(job)
  let done = 0
  for (;;) {
    const t = Atomics.add(ctrl, 0, 1)
    if (t >= nTrees) break
    trees[t] = buildTree(sharedData, spec, seeds[t] as number)
    treeWorkerStats.treesInline++
    done++
  }
  // Every tree index is claimed; wait for the ones claimed by workers.
  while (done < nTrees) {
    const seen = Atomics.load(ctrl, 1)
    for (const s of slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        const r = m.message as Result
        if (r.job !== job.id || trees[r.t] !== undefined) continue
        if (r.tree) {
          trees[r.t] = r.tree
          treeWorkerStats.treesFromWorkers++
        } else {
          // A worker failed on this tree: grow it here (same seed, same tree).
          treeWorkerStats.workerErrors++
          trees[r.t] = buildTree(sharedData, spec, seeds[r.t] as number)
        }
        done++
      }
    }
    if (done < nTrees) Atomics.wait(ctrl, 1, seen, 1000)
  }
  return trees as TreeArrays[]
}

/** Starts `n` pool workers and resolves once they are running (tests use it to force sharing). */
export async function warmTreeWorkers(n: number): Promise<number> {
  const slots = ensureWorkers(n)
  await Promise.all(
    slots.map(
      (s) =>
        new Promise<void>((resolve) => {
          // A tiny job answers once the worker's event loop is running.
          const ctrl = new Int32Array(new SharedArrayBuffer(8))
          ctrl[0] = 1
          const t0 = Date.now()
          s.worker.postMessage({ id: -1, data: null, spec: null, seeds: [], ctrl })
          const poll = (): void => {
            if (Atomics.load(ctrl, 0) > 1 || !s.alive || Date.now() - t0 > 10_000) resolve()
            else setTimeout(poll, 5)
          }
          poll()
        }),
    ),
  )
  return slots.filter((s) => s.alive).length
}

/**
 * Test hook: makes newly started workers run `code` instead of the kernel (null restores it), to
 * prove that failing workers cost speed, never results.
 */
export function setTreeWorkerSourceForTests(code: string | null): void {
  sourceOverride = code
}

/** Terminates the pooled workers (they are unref'd, so this is only needed for tidy shutdowns). */
export async function closeTreeWorkers(): Promise<void> {
  const all = pool.splice(0, pool.length)
  await Promise.all(all.map((s) => s.worker.terminate()))
}
