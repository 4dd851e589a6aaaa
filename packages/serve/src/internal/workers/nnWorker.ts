// Worker thread for @mlstack/nn models: one safetensors file with the architecture in its
// header (saveModel / loadModel). Input `input` (FP32, [-1, ...inputShape]), output `output`
// (FP32, what predict returns: logits or probabilities, as the model was built).
import { readFile } from 'node:fs/promises'
import type { InferTensor } from '../../Datatype.js'
import { importOptionalPeer, serveModelWorker, type WorkerModel } from './serveModelWorker.js'

interface HostTensor {
  shape: readonly number[]
  dataSync(): ArrayLike<number>
  dispose(): void
}
/** The part of @mlstack/nn used here. */
interface NnModule {
  modelFromBytes(bytes: Uint8Array): { model: { dispose(): void } }
}
interface Predictor {
  inputShape?: readonly number[] | null
  predict(x: { data: Float32Array; shape: number[] }): HostTensor
  parameters?(): { size: number }[]
  dispose?(): void
}

async function load(path: string): Promise<WorkerModel> {
  const nn = await importOptionalPeer<NnModule>('@mlstack/nn')
  const bytes = new Uint8Array(await readFile(path))
  const { model: m } = nn.modelFromBytes(bytes)
  const model = m as unknown as Predictor
  if (typeof model.predict !== 'function') {
    m.dispose()
    throw new Error('the saved model has no predict (serve needs a Sequential model)')
  }
  const inputShape = model.inputShape
  if (!inputShape || inputShape.length === 0) {
    m.dispose()
    throw new Error(
      'the saved model has no input shape (build it with inputShape on its first layer)',
    )
  }
  const per = inputShape.reduce((a, b) => a * b, 1)
  const predict = (data: Float32Array, shape: number[]) => {
    const t = model.predict({ data, shape })
    try {
      return { shape: [...t.shape], data: Float32Array.from(t.dataSync()) }
    } finally {
      t.dispose()
    }
  }
  // One zero sample tells the output shape whatever the layers are.
  const probe = predict(new Float32Array(per), [1, ...inputShape])
  const params = (model.parameters?.() ?? []).reduce((a, p) => a + p.size, 0)
  return {
    inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, ...inputShape] }],
    outputs: [{ name: 'output', datatype: 'FP32', shape: [-1, ...probe.shape.slice(1)] }],
    parameters: { architecture: m.constructor.name, parameters: params },
    run(feeds) {
      const x = feeds[0] as InferTensor
      const data =
        x.data instanceof Float32Array ? x.data : Float32Array.from(x.data as ArrayLike<number>)
      const out = predict(data, x.shape)
      return [{ name: 'output', datatype: 'FP32', shape: out.shape, data: out.data }]
    },
    dispose() {
      m.dispose()
    },
  }
}

serveModelWorker(load)
