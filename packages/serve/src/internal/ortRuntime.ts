// The ONNX Runtime session wrapper. It is self-contained on purpose (no imports, no outer
// references): the worker thread gets it as source text via Function.prototype.toString, and the
// main-thread mode calls it directly, so both modes share one implementation.

export interface WireTensor {
  name: string
  /** onnxruntime's type name: float32, float64, int32, int64, bool, string, uint8, int8. */
  type: string
  dims: number[]
  data: ArrayBufferView | string[]
}

export interface WireMeta {
  name: string
  type: string
  /** -1 for symbolic dimensions. */
  shape: number[]
}

export interface OrtRuntime {
  load(
    bytes: Uint8Array,
    providers: string[],
    options: { intraOpNumThreads?: number },
  ): Promise<{ provider: string; inputs: WireMeta[]; outputs: WireMeta[]; tried: string[] }>
  run(feeds: WireTensor[], fetches: string[]): Promise<WireTensor[]>
  release(): Promise<void>
  /** Set when the runtime can no longer run (its worker thread died). */
  readonly failed?: Error
}

// biome-ignore lint/suspicious/noExplicitAny: the onnxruntime-node module is passed in untyped
export function ortRuntime(ort: any): OrtRuntime {
  // biome-ignore lint/suspicious/noExplicitAny: an onnxruntime InferenceSession
  let session: any
  const supported = new Set(
    (ort.listSupportedBackends?.() ?? [{ name: 'cpu' }]).map((b: { name: string }) => b.name),
  )
  // biome-ignore lint/suspicious/noExplicitAny: onnxruntime metadata entries
  const meta = (m: any): WireMeta => ({
    name: m.name,
    type: m.type,
    shape: (m.shape ?? []).map((d: unknown) => (typeof d === 'number' ? d : -1)),
  })
  return {
    async load(bytes, providers, options) {
      const tried: string[] = []
      for (const provider of providers) {
        if (!supported.has(provider)) {
          tried.push(`${provider}: not supported by this onnxruntime-node build`)
          continue
        }
        try {
          const sessionOptions: Record<string, unknown> = {
            executionProviders: [provider],
            graphOptimizationLevel: 'all',
          }
          if (options.intraOpNumThreads)
            sessionOptions.intraOpNumThreads = options.intraOpNumThreads
          session = await ort.InferenceSession.create(bytes, sessionOptions)
          return {
            provider,
            inputs: session.inputMetadata.map(meta),
            outputs: session.outputMetadata.map(meta),
            tried,
          }
        } catch (e) {
          tried.push(`${provider}: ${(e as Error).message}`)
        }
      }
      throw new Error(`no execution provider could load the model (${tried.join('; ')})`)
    },
    async run(feeds, fetches) {
      // biome-ignore lint/suspicious/noExplicitAny: onnxruntime feeds
      const input: Record<string, any> = {}
      for (const f of feeds) input[f.name] = new ort.Tensor(f.type, f.data, f.dims)
      const out = await session.run(input, fetches)
      return fetches.map((name) => {
        const t = out[name]
        return { name, type: t.type, dims: [...t.dims], data: t.data }
      })
    },
    async release() {
      await session?.release()
      session = undefined
    },
  }
}
