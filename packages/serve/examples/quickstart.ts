// Quickstart: write a model repository with an MLP 784-64-64-10 (random weights), serve it,
// classify one request with the classification extension, print the metadata, shut down.
//   pnpm --filter @mlstack/serve example
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from '../src/index.js'
import { mlpModel, writeModel } from '../test/models.js'

const repo = mkdtempSync(join(tmpdir(), 'mlstack-quickstart-'))
writeModel(repo, 'mnist', 1, mlpModel(1), {
  maxBatchSize: 32,
  labels: {
    probabilities: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  },
})

const server = await createServer({ repository: repo })
const url = await server.listen({ port: 0, host: '127.0.0.1' })
console.log(`serving ${repo} at ${url} (open it in a browser for the page)`)

const meta = await (await fetch(`${url}/v2/models/mnist`)).json()
console.log('metadata:', JSON.stringify(meta))

const res = await fetch(`${url}/v2/models/mnist/infer`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    id: 'quickstart',
    inputs: [
      {
        name: 'input',
        shape: [1, 784],
        datatype: 'FP32',
        data: Array.from({ length: 784 }, (_, i) => (i % 28) / 28),
      },
    ],
    outputs: [{ name: 'probabilities', parameters: { classification: 3 } }],
  }),
})
console.log('top 3:', (await res.json()).outputs[0].data)

await server.close()
rmSync(repo, { recursive: true, force: true })
