// mlstack's own model files served over HTTP: classical estimators (tagged JSON) and nn models
// (safetensors), each trained or built here, saved into a repository, loaded by the built-in
// loaders (worker threads) and compared with the same estimator's direct predictions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LogisticRegression, RandomForestClassifier, Ridge } from '@mlstack/classical'
import { Dense, ReLU, Sequential, saveModel } from '@mlstack/nn'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type TestServer, tempRepo } from './helpers.js'

function readCsv(name: string): { X: number[][]; y: number[] } {
  const text = readFileSync(
    new URL(`../../classical/fixtures/datasets/${name}`, import.meta.url),
    'utf8',
  )
  const lines = text.trim().split('\n').slice(1)
  const X: number[][] = []
  const y: number[] = []
  for (const l of lines) {
    const v = l.split(',').map(Number)
    y.push(v.pop() as number)
    X.push(v)
  }
  return { X, y }
}

const train = readCsv('iris_train.csv')
// 32 held-out rows: one request of the default maxBatchSize.
const held = readCsv('iris_test.csv')
const testSet = { X: held.X.slice(0, 32), y: held.y.slice(0, 32) }
const logreg = new LogisticRegression({ C: 1, maxIter: 200 }).fit(train.X, train.y)
const forest = new RandomForestClassifier({ nEstimators: 15, maxDepth: 4, randomState: 0 }).fit(
  train.X,
  train.y,
)
// A regressor: predict petal width from the other three features.
const ridge = new Ridge({ alpha: 0.5 }).fit(
  train.X.map((r) => r.slice(0, 3)),
  train.X.map((r) => r[3] as number),
)

function put(
  repo: string,
  model: string,
  version: number,
  file: string,
  bytes: string | Uint8Array,
): void {
  mkdirSync(join(repo, model, String(version)), { recursive: true })
  writeFileSync(join(repo, model, String(version), file), bytes)
}

function infer(X: number[][], datatype = 'FP64') {
  return {
    inputs: [{ name: 'input', shape: [X.length, X[0]?.length], datatype, data: X.flat() }],
  }
}

describe('classical models', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer((repo) => {
      put(repo, 'iris-logreg', 1, 'model.json', JSON.stringify(logreg.toJSON()))
      put(repo, 'iris-forest', 1, 'model.json', JSON.stringify(forest.toJSON()))
      mkdirSync(join(repo, 'iris-forest'), { recursive: true })
      writeFileSync(
        join(repo, 'iris-forest', 'config.json'),
        JSON.stringify({ labels: { probabilities: ['setosa', 'versicolor', 'virginica'] } }),
      )
      put(repo, 'ridge', 1, 'model.json', JSON.stringify(ridge.toJSON()))
      // FP32 input declared in config.json (clients that only send float32).
      put(repo, 'iris-fp32', 1, 'model.json', JSON.stringify(logreg.toJSON()))
      writeFileSync(
        join(repo, 'iris-fp32', 'config.json'),
        JSON.stringify({ inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 4] }] }),
      )
      put(repo, 'corrupt', 1, 'model.json', '{"format": "mlstack.classical", "kind": ')
      put(
        repo,
        'wrong-kind',
        1,
        'model.json',
        JSON.stringify({ ...logreg.toJSON(), kind: 'NoSuchEstimator' }),
      )
      put(repo, 'not-classical', 1, 'model.json', JSON.stringify({ format: 'keras', layers: [] }))
    })
  }, 60_000)
  afterAll(async () => {
    await s?.close()
  })

  test('metadata: input [-1, 4] FP64, INT64 labels and FP32 probabilities', async () => {
    const r = await s.get('/v2/models/iris-logreg')
    expect(r.status).toBe(200)
    expect(r.body.platform).toBe('mlstack_classical')
    expect(r.body.inputs).toEqual([{ name: 'input', datatype: 'FP64', shape: [-1, 4] }])
    expect(r.body.outputs).toEqual([
      { name: 'predict', datatype: 'INT64', shape: [-1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, 3] },
    ])
    expect(r.body.parameters.format).toBe('mlstack-classical')
    expect(r.body.parameters.estimator).toBe('LogisticRegression')
    expect(JSON.parse(r.body.parameters.classes)).toEqual([0, 1, 2])
    const ridgeMeta = (await s.get('/v2/models/ridge')).body
    expect(ridgeMeta.inputs[0].shape).toEqual([-1, 3])
    expect(ridgeMeta.outputs).toEqual([{ name: 'predict', datatype: 'FP64', shape: [-1] }])
  })

  for (const [name, est] of [
    ['iris-logreg', logreg],
    ['iris-forest', forest],
  ] as const) {
    test(`${name}: HTTP answers equal direct predict and predictProba`, async () => {
      const r = await s.post(`/v2/models/${name}/infer`, infer(testSet.X))
      expect(r.status).toBe(200)
      const byName = Object.fromEntries(
        r.body.outputs.map((o: { name: string }) => [o.name, o]),
      ) as Record<string, { shape: number[]; data: number[] }>
      expect(byName.predict?.shape).toEqual([testSet.X.length])
      expect(byName.predict?.data).toEqual(Array.from(est.predict(testSet.X)))
      const proba = est.predictProba(testSet.X)
      expect(byName.probabilities?.shape).toEqual([testSet.X.length, 3])
      const want = Array.from(Float32Array.from(proba.to1DArray()))
      expect(byName.probabilities?.data).toEqual(want)
      // Not a degenerate model: it gets most of the held-out flowers right.
      const correct = (byName.predict?.data ?? []).filter((p, i) => p === testSet.y[i]).length
      expect(correct / testSet.y.length).toBeGreaterThan(0.85)
    })
  }

  test('regressor: FP64 predictions equal direct predict', async () => {
    const X = testSet.X.map((r) => r.slice(0, 3))
    const r = await s.post('/v2/models/ridge/infer', infer(X))
    expect(r.status).toBe(200)
    expect(r.body.outputs[0].data).toEqual(Array.from(ridge.predict(X)))
  })

  test('FP32 input when config.json declares it: same labels as predict on float32 values', async () => {
    const meta = (await s.get('/v2/models/iris-fp32')).body
    expect(meta.inputs).toEqual([{ name: 'input', datatype: 'FP32', shape: [-1, 4] }])
    const r = await s.post('/v2/models/iris-fp32/infer', {
      ...infer(testSet.X, 'FP32'),
      outputs: [{ name: 'predict' }],
    })
    expect(r.status).toBe(200)
    const X32 = testSet.X.map((row) => Array.from(Float32Array.from(row)))
    expect(r.body.outputs[0].data).toEqual(Array.from(logreg.predict(X32)))
    const wrong = await s.post('/v2/models/iris-fp32/infer', infer(testSet.X, 'FP64'))
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toMatch(/datatype is FP64, the model expects FP32/)
  })

  test('concurrent single-row requests batch and each gets its own row', async () => {
    const rows = testSet.X.slice(0, 24)
    const answers = await Promise.all(
      rows.map((x) =>
        s.post('/v2/models/iris-forest/infer', {
          ...infer([x]),
          outputs: [{ name: 'predict' }],
        }),
      ),
    )
    const want = Array.from(forest.predict(rows))
    expect(answers.map((a) => a.body.outputs[0].data[0])).toEqual(want)
  })

  test('classification extension uses config.json labels', async () => {
    const r = await s.post('/v2/models/iris-forest/infer', {
      ...infer([testSet.X[0] as number[]]),
      outputs: [{ name: 'probabilities', parameters: { classification: 1 } }],
    })
    expect(r.status).toBe(200)
    const label = ['setosa', 'versicolor', 'virginica'][testSet.y[0] as number]
    expect(r.body.outputs[0].data[0]).toMatch(new RegExp(`:${testSet.y[0]}:${label}$`))
  })

  test('wrong width is a 400 naming the shape; the model keeps serving', async () => {
    const r = await s.post('/v2/models/iris-logreg/infer', infer([[1, 2, 3]]))
    expect(r.status).toBe(400)
    expect(r.body.type).toBe('InvalidInputError')
    expect(r.body.error).toMatch(/shape \[1, 3\].*\[-1, 4\]/)
    expect((await s.post('/v2/models/iris-logreg/infer', infer(testSet.X))).status).toBe(200)
  })

  test('corrupt, wrong-kind and foreign JSON: not ready with a clear error, others serve', async () => {
    const why: Record<string, RegExp> = {
      corrupt: /classical loader: cannot load .*model\.json: not valid JSON/,
      'wrong-kind': /unknown kind 'NoSuchEstimator'/,
      'not-classical': /format is "keras"; expected 'mlstack.classical'/,
    }
    for (const [name, re] of Object.entries(why)) {
      const ready = await s.get(`/v2/models/${name}/ready`)
      expect(ready.status).toBe(400)
      expect(ready.body.ready).toBe(false)
      expect(ready.body.error).toMatch(re)
      const r = await s.post(`/v2/models/${name}/infer`, infer([[1, 2, 3, 4]]))
      expect(r.status).toBe(503)
      expect(r.body.type).toBe('ModelNotReadyError')
    }
    expect((await s.get('/v2/models/iris-forest/ready')).status).toBe(200)
    expect((await s.post('/v2/models/iris-forest/infer', infer(testSet.X))).status).toBe(200)
  })
})

describe('nn models', () => {
  let s: TestServer
  let mnist: Sequential
  let small: Sequential
  beforeAll(async () => {
    mnist = new Sequential([
      new Dense({ units: 16, inputShape: [784], seed: 1 }),
      new ReLU(),
      new Dense({ units: 10, activation: 'softmax', seed: 2 }),
    ])
    small = new Sequential([
      new Dense({ units: 8, activation: 'relu', inputShape: [4], seed: 3 }),
      new Dense({ units: 3, seed: 4 }),
    ])
    // Briefly fit the small one so served weights are trained ones, not just initial values.
    small.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' })
    await small.fit(
      { data: Float32Array.from(train.X.flat()), shape: [train.X.length, 4] },
      Int32Array.from(train.y),
      {
        epochs: 3,
        batchSize: 16,
        verbose: 0,
      },
    )
    const dir = tempRepo()
    mkdirSync(join(dir, 'digits', '1'), { recursive: true })
    mkdirSync(join(dir, 'iris-mlp', '1'), { recursive: true })
    await saveModel(mnist, join(dir, 'digits', '1', 'model.safetensors'))
    await saveModel(small, join(dir, 'iris-mlp', '1', 'model.safetensors'))
    const files = {
      digits: readFileSync(join(dir, 'digits', '1', 'model.safetensors')),
      iris: readFileSync(join(dir, 'iris-mlp', '1', 'model.safetensors')),
    }
    s = await startServer((repo) => {
      put(repo, 'digits', 1, 'model.safetensors', files.digits)
      put(repo, 'iris-mlp', 1, 'model.safetensors', files.iris)
      put(repo, 'broken', 1, 'model.safetensors', 'not a safetensors file')
    })
  }, 90_000)
  afterAll(async () => {
    await s?.close()
  })

  test('metadata: FP32 input [-1, 784] (the page draws on it) and output [-1, 10]', async () => {
    const r = await s.get('/v2/models/digits')
    expect(r.status).toBe(200)
    expect(r.body.platform).toBe('mlstack_nn')
    expect(r.body.inputs).toEqual([{ name: 'input', datatype: 'FP32', shape: [-1, 784] }])
    expect(r.body.outputs).toEqual([{ name: 'output', datatype: 'FP32', shape: [-1, 10] }])
  })

  test('HTTP answers equal direct predict (784-input and a fitted iris MLP)', async () => {
    const img = Array.from({ length: 2 * 784 }, (_, i) => ((i * 37) % 255) / 255)
    const r = await s.post('/v2/models/digits/infer', {
      inputs: [{ name: 'input', shape: [2, 784], datatype: 'FP32', data: img }],
    })
    expect(r.status).toBe(200)
    const want = mnist.predict({ data: Float32Array.from(img), shape: [2, 784] })
    expect(r.body.outputs[0].shape).toEqual([2, 10])
    expect(r.body.outputs[0].data).toEqual(Array.from(want.dataSync()))
    want.dispose()

    const r2 = await s.post('/v2/models/iris-mlp/infer', infer(testSet.X, 'FP32'))
    expect(r2.status).toBe(200)
    const want2 = small.predict({
      data: Float32Array.from(testSet.X.flat()),
      shape: [testSet.X.length, 4],
    })
    expect(r2.body.outputs[0].data).toEqual(Array.from(want2.dataSync()))
    want2.dispose()
  })

  test('a broken file: not ready with a clear error, the others serve', async () => {
    const ready = await s.get('/v2/models/broken/ready')
    expect(ready.status).toBe(400)
    expect(ready.body.error).toMatch(/nn loader: cannot load .*model\.safetensors/)
    expect((await s.get('/v2/models/digits/ready')).status).toBe(200)
  })
})
