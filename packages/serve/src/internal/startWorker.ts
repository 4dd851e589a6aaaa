// Starts a worker thread on one of this package's worker modules (src/internal/workers/*). From
// the built package that is a plain .js file. From TypeScript source (tests, tsx) the worker gets
// tsx's loader and the "@mlstack/source" condition, so workspace packages resolve to their source
// exactly as in the calling thread and nothing has to be built first.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

const require = createRequire(import.meta.url)

/** `name` is the module's base name, e.g. 'classicalWorker'. */
export function startWorker(name: string): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(`./workers/${name}${fromSource ? '.ts' : '.js'}`, import.meta.url)
  if (!fromSource) return new Worker(url)
  // tsx's ESM API entry (the .mjs beside the .cjs that require resolves): loading the CommonJS
  // one in a worker of a parent that itself runs under tsx fails to find its own files.
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
  // A module that fails to import (a missing optional package) must reach the parent as an
  // error event, so the rejection is rethrown outside the promise chain.
  const code = `import(${JSON.stringify(tsx)}).then((api) => api.register())
  .then(() => import(${JSON.stringify(url.href)}))
  .catch((e) => setImmediate(() => { throw e }))`
  return new Worker(code, { eval: true, execArgv: ['--conditions', '@mlstack/source'] })
}
