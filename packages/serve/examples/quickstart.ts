// Quickstart: fit a small @mlstack/classical model, write it into a model repository, serve it,
// ask for the top classes of one flower with the classification extension, shut down.
// Needs only the published packages: npm install @mlstack/serve @mlstack/classical
//   pnpm --filter @mlstack/serve example   (from a checkout)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LogisticRegression } from '@mlstack/classical'
import { createServer } from '@mlstack/serve'

// A few iris flowers: sepal length, sepal width, petal length, petal width.
const X = [
  [5.1, 3.5, 1.4, 0.2],
  [4.9, 3.0, 1.4, 0.2],
  [4.7, 3.2, 1.3, 0.2],
  [7.0, 3.2, 4.7, 1.4],
  [6.4, 3.2, 4.5, 1.5],
  [6.9, 3.1, 4.9, 1.5],
  [6.3, 3.3, 6.0, 2.5],
  [5.8, 2.7, 5.1, 1.9],
  [7.1, 3.0, 5.9, 2.1],
]
const y = [0, 0, 0, 1, 1, 1, 2, 2, 2]
const clf = new LogisticRegression({ C: 1 }).fit(X, y)

// models/iris/1/model.json, and labels for the classification extension in config.json.
const repo = mkdtempSync(join(tmpdir(), 'mlstack-quickstart-'))
mkdirSync(join(repo, 'iris', '1'), { recursive: true })
writeFileSync(join(repo, 'iris', '1', 'model.json'), JSON.stringify(clf.toJSON()))
writeFileSync(
  join(repo, 'iris', 'config.json'),
  JSON.stringify({ labels: { probabilities: ['setosa', 'versicolor', 'virginica'] } }),
)

const server = await createServer({ repository: repo })
const url = await server.listen({ port: 0, host: '127.0.0.1' })
console.log(`serving ${repo} at ${url} (open it in a browser for the page)`)

const meta = await (await fetch(`${url}/v2/models/iris`)).json()
console.log('metadata:', JSON.stringify(meta))

const res = await fetch(`${url}/v2/models/iris/infer`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    id: 'quickstart',
    inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP64', data: [6.0, 2.9, 4.5, 1.5] }],
    outputs: [{ name: 'probabilities', parameters: { classification: 3 } }],
  }),
})
console.log('top 3:', (await res.json()).outputs[0].data)

await server.close()
rmSync(repo, { recursive: true, force: true })
