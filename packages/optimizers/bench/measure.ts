/**
 * Timing helper for the optimizer benchmarks: calibrated repetitions, median of samples, in
 * process CPU time (user + system) so that other load on a shared machine inflates it less
 * than wall time would. The benchmarked code is single-threaded.
 */

/** Process CPU time in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Median CPU seconds per call of `fn` over `samples` samples of about `sampleMs` each. */
export function measure(fn: () => void, { samples = 9, sampleMs = 50 } = {}): number {
  for (let i = 0; i < 50; i++) fn() // warm-up: lets V8 optimize the loops before sampling
  let t0 = cpuMs()
  fn()
  const one = cpuMs() - t0
  const reps = Math.max(1, Math.round(sampleMs / Math.max(one, 1e-4)))
  const times: number[] = []
  for (let s = 0; s < samples; s++) {
    t0 = cpuMs()
    for (let i = 0; i < reps; i++) fn()
    times.push((cpuMs() - t0) / reps)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] / 1000
}
