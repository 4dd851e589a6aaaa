// Worker thread for @mlstack/classical models (tagged JSON from toJSON()). Outputs: `predict`
// (INT64 class labels when every class is an integer, FP64 otherwise) and, when the estimator
// has a working predictProba, `probabilities` (FP32, one column per class in `classes` order).
import { readFile } from 'node:fs/promises'
import type { InferTensor, TensorMetadata } from '../../Datatype.js'
import {
  importOptionalPeer,
  serveModelWorker,
  type WorkerLoadOptions,
  type WorkerModel,
} from './serveModelWorker.js'

type Rows = (Float64Array | Float32Array)[]
interface Estimator {
  predict(X: Rows): Float64Array
  predictProba?(X: Rows): { rows: number; columns: number; get(i: number, j: number): number }
  classes?: Float64Array
}

/** The part of @mlstack/classical used here. */
interface ClassicalModule {
  loadEstimator(json: unknown): unknown
}

const INPUT = 'input'

/** The feature count: from the saved state, else from the estimator's own feature check. */
function featureCount(
  est: Estimator,
  json: { state?: unknown },
  declared?: TensorMetadata,
): number {
  if (declared && declared.shape.length === 2 && (declared.shape[1] as number) > 0)
    return declared.shape[1] as number
  const state = json.state as Record<string, unknown> | null | undefined
  if (state && Number.isSafeInteger(state.nFeatures) && (state.nFeatures as number) > 0)
    return state.nFeatures as number
  // Every fitted estimator checks X's width against what it saw in fit and says so in its
  // InputError ("... fitted with N features"); a one-feature probe reads N back.
  try {
    est.predict([new Float64Array(1)])
    return 1
  } catch (e) {
    const m = /fitted with (\d+) features?/.exec(String((e as Error).message))
    if (m) return Number(m[1])
  }
  throw new Error(
    `cannot tell how many features the estimator takes; declare it in config.json: "inputs": [{ "name": "${INPUT}", "datatype": "FP64", "shape": [-1, N] }]`,
  )
}

function rows(t: InferTensor, n: number): Rows {
  const d = t.data as Float64Array | Float32Array
  const out: Rows = []
  for (let i = 0; i < d.length; i += n) out.push(d.subarray(i, i + n))
  return out
}

async function load(path: string, options: WorkerLoadOptions): Promise<WorkerModel> {
  const classical = await importOptionalPeer<ClassicalModule>('@mlstack/classical')
  const text = await readFile(path, 'utf8')
  let json: { format?: unknown; kind?: unknown; state?: unknown }
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`)
  }
  const est = classical.loadEstimator(json) as Estimator
  if (typeof est.predict !== 'function') {
    throw new Error(
      `estimator kind '${String(json.kind)}' has no predict (a transformer?); the server serves classifiers, regressors and clusterers`,
    )
  }
  const declared = options.inputs?.find((t) => t.name === INPUT)
  const nFeatures = featureCount(est, json, declared)
  const inputType = declared?.datatype === 'FP32' ? 'FP32' : 'FP64'
  const probe = [new Float64Array(nFeatures)]
  est.predict(probe)

  let classes: Float64Array | undefined
  try {
    classes = est.classes
  } catch {}
  let nProba = 0
  if (typeof est.predictProba === 'function') {
    try {
      nProba = est.predictProba(probe).columns
    } catch {
      // e.g. an SGDClassifier with hinge loss: no probabilities, so no such output.
    }
  }
  const intLabels = classes?.every((c) => Number.isSafeInteger(c)) === true
  const outputs: TensorMetadata[] = [
    { name: 'predict', datatype: intLabels ? 'INT64' : 'FP64', shape: [-1] },
  ]
  if (nProba > 0) outputs.push({ name: 'probabilities', datatype: 'FP32', shape: [-1, nProba] })
  const parameters: Record<string, string | number | boolean> = {
    estimator: String(json.kind),
    n_features: nFeatures,
  }
  if (classes !== undefined) parameters.classes = JSON.stringify(Array.from(classes))

  return {
    inputs: [{ name: INPUT, datatype: inputType, shape: [-1, nFeatures] }],
    outputs,
    parameters,
    run(feeds, fetches) {
      const x = feeds[0] as InferTensor
      const X = rows(x, nFeatures)
      return fetches.map((name): InferTensor => {
        if (name === 'probabilities') {
          const p = (est.predictProba as NonNullable<Estimator['predictProba']>)(X)
          const data = new Float32Array(p.rows * p.columns)
          for (let i = 0; i < p.rows; i++)
            for (let j = 0; j < p.columns; j++) data[i * p.columns + j] = p.get(i, j)
          return { name, datatype: 'FP32', shape: [p.rows, p.columns], data }
        }
        const y = est.predict(X)
        if (intLabels) {
          const data = new BigInt64Array(y.length)
          for (let i = 0; i < y.length; i++) data[i] = BigInt(y[i] as number)
          return { name, datatype: 'INT64', shape: [y.length], data }
        }
        return { name, datatype: 'FP64', shape: [y.length], data: Float64Array.from(y) }
      })
    },
  }
}

serveModelWorker(load)
