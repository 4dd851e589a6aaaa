/** Timing helpers shared by the core benchmarks: calibrated repetitions, median of samples. */

export interface Timing {
  /** Median seconds per call. */
  seconds: number
  samples: number
}

/**
 * Times `fn`: warms it up, picks a repetition count so one sample takes ~`sampleMs`, and
 * returns the median over `samples` samples (medians resist the noise of a shared machine).
 */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { samples = 7, sampleMs = 60, maxSeconds = 4 } = {},
): Promise<Timing> {
  const start = performance.now()
  let t0 = performance.now()
  await fn()
  let one = performance.now() - t0
  // Warm-up: lets V8 tier the WASM and JS up to optimized code before sampling.
  const warm = Math.min(20, Math.max(1, Math.floor(200 / Math.max(one, 0.01))))
  t0 = performance.now()
  for (let i = 0; i < warm; i++) await fn()
  one = (performance.now() - t0) / warm
  const reps = Math.max(1, Math.round(sampleMs / Math.max(one, 1e-4)))
  const times: number[] = []
  for (let s = 0; s < samples; s++) {
    t0 = performance.now()
    for (let i = 0; i < reps; i++) await fn()
    times.push((performance.now() - t0) / reps)
    if ((performance.now() - start) / 1000 > maxSeconds && times.length >= 3) break
  }
  times.sort((a, b) => a - b)
  return { seconds: times[Math.floor(times.length / 2)] / 1000, samples: times.length }
}

export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a'
}
