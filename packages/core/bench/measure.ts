/** Timing helpers shared by the core benchmarks: calibrated repetitions, median of samples. */

/**
 * Milliseconds on the benchmark's clock. `--cpu-time` switches from wall time to this process's
 * CPU time (user + system): on a machine shared with other jobs, a single-threaded kernel's CPU
 * time stays close to its uncontended wall time while its wall time does not. Every implementation
 * compared here runs on one thread, so both clocks rank them the same way on a quiet machine.
 */
export const clockName = process.argv.includes('--cpu-time') ? 'cpu-time' : 'wall-time'
const now: () => number =
  clockName === 'cpu-time'
    ? () => {
        const u = process.cpuUsage()
        return (u.user + u.system) / 1000
      }
    : () => performance.now()

export interface Timing {
  /** Median seconds per call. */
  seconds: number
  samples: number
}

/**
 * Times `fn`: warms it up for `warmupMs`, picks a repetition count so one sample takes about
 * `sampleMs`, and returns the median over `samples` samples (medians resist the noise of a
 * shared machine).
 */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { samples = 7, sampleMs = 60, maxSeconds = 4, warmupMs = 250 } = {},
): Promise<Timing> {
  const start = now()
  let t0 = now()
  await fn()
  // Warm-up by time, not by count: V8 tiers hot JS and WASM up to optimized code only after
  // many calls, and a microsecond-scale op needs thousands of them.
  let calls = 0
  t0 = now()
  do {
    await fn()
    calls++
  } while (now() - t0 < warmupMs)
  const one = (now() - t0) / calls
  const reps = Math.max(1, Math.round(sampleMs / Math.max(one, 1e-4)))
  const times: number[] = []
  for (let s = 0; s < samples; s++) {
    t0 = now()
    for (let i = 0; i < reps; i++) await fn()
    times.push((now() - t0) / reps)
    if ((now() - start) / 1000 > maxSeconds && times.length >= 3) break
  }
  times.sort((a, b) => a - b)
  return { seconds: times[Math.floor(times.length / 2)] / 1000, samples: times.length }
}

export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a'
}
