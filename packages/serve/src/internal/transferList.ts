// Which tensor buffers a postMessage to or from a model's worker thread may move instead of
// copying: only a buffer the tensor owns whole (not a view into a larger one, not a pooled
// Buffer slice that other data shares), each once (a repeated entry makes postMessage throw).

export function transferList(tensors: readonly { data: unknown }[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = []
  for (const t of tensors) {
    const d = t.data
    if (!ArrayBuffer.isView(d) || Buffer.isBuffer(d)) continue
    if (
      d.byteOffset === 0 &&
      d.byteLength === d.buffer.byteLength &&
      d.buffer instanceof ArrayBuffer &&
      !out.includes(d.buffer)
    )
      out.push(d.buffer)
  }
  return out
}
