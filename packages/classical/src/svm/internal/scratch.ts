/**
 * Zeroed temporary typed arrays for one SVM fit, carved out of a reused ArrayBuffer. V8 gives
 * every new typed array of more than 64 bytes its own off-heap backing store (≈0.4–0.9 µs each,
 * plus garbage-collector bookkeeping), and a one-vs-one fit made about twenty per class pair:
 * on small problems (iris) that was a fifth of the fit. A view into an existing buffer costs
 * ≈25 ns. Arrays that outlive the fit (the model's) must not come from here.
 *
 * Usage: `withScratch(f)`, or `const mark = scratchMark()` before, `scratchRelease(mark)` after (in a finally);
 * everything taken in between is dead after the release. Fits run synchronously, so the stack
 * discipline holds; a request that does not fit the buffer gets a fresh array, and the buffer
 * grows to the fit's high-water mark for the next fit.
 */

// Beyond this the buffer does not grow: larger fits allocate as before (and are not small).
const MAX_BYTES = 16 * 1024 * 1024
let buffer = new ArrayBuffer(1 << 16)
/** Bytes in use, counting requests served by fresh arrays (so the high-water mark is true). */
let top = 0
let peak = 0

export function scratchMark(): number {
  return top
}

export function scratchRelease(mark: number): void {
  top = mark
  if (mark === 0 && peak > buffer.byteLength && peak <= MAX_BYTES) {
    buffer = new ArrayBuffer(Math.min(MAX_BYTES, Math.ceil((peak * 1.25) / 65536) * 65536))
  }
}

/** Byte offset of a block of `bytes` in `buffer` (the caller zeroes it), or -1 (allocate). */
function take(bytes: number): number {
  const at = (top + 7) & ~7
  top = at + bytes
  if (top > peak) peak = top
  return top > buffer.byteLength ? -1 : at
}

/** `f` wrapped so that everything it takes from scratch space is released when it returns. */
export function withScratch<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const mark = scratchMark()
    try {
      return f(...args)
    } finally {
      scratchRelease(mark)
    }
  }
}

export function scratchF64(n: number): Float64Array {
  const at = take(n * 8)
  return at < 0 ? new Float64Array(n) : new Float64Array(buffer, at, n).fill(0)
}

export function scratchI32(n: number): Int32Array {
  const at = take(n * 4)
  return at < 0 ? new Int32Array(n) : new Int32Array(buffer, at, n).fill(0)
}

export function scratchI8(n: number): Int8Array {
  const at = take(n)
  return at < 0 ? new Int8Array(n) : new Int8Array(buffer, at, n).fill(0)
}

export function scratchU8(n: number): Uint8Array {
  const at = take(n)
  return at < 0 ? new Uint8Array(n) : new Uint8Array(buffer, at, n).fill(0)
}
