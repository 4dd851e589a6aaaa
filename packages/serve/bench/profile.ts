// CPU profile of the server's per-request cost: starts the CLI under --cpu-prof, drives the MLP
// with autocannon (c=64, JSON bodies), stops it and prints the functions with the most self time.
//   pnpm exec tsx bench/profile.ts [-- --duration 8 --connections 64 --long]
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { mlpModel, writeModel } from '../test/models.js'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '64' },
    model: { type: 'string', default: 'mlp' },
    top: { type: 'string', default: '30' },
    // 17-digit float32 values instead of the benchmark's 3-decimal pixels
    long: { type: 'boolean', default: false },
  },
})
const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

async function main(): Promise<void> {
  const repo = mkdtempSync(join(tmpdir(), 'mlstack-prof-'))
  const profDir = mkdtempSync(join(tmpdir(), 'mlstack-prof-out-'))
  writeModel(repo, 'mlp', 1, mlpModel(1), { maxBatchSize: 64, intraOpNumThreads: 1 })
  writeModel(repo, 'mlp_main', 1, mlpModel(1), {
    maxBatchSize: 64,
    intraOpNumThreads: 1,
    runIn: 'main',
  })
  const child = spawn(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      profDir,
      '--import',
      'tsx',
      'src/cli.ts',
      '--repo',
      repo,
      '--port',
      '0',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m && out.includes('models loaded')) resolve(m[1] as string)
    })
    child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)))
  })
  const pixels = Array.from({ length: 784 }, (_, i) =>
    values.long
      ? Math.fround(((i * 7919) % 997) / 997)
      : Math.round(((i * 7919) % 997) / 0.997) / 1000,
  )
  const r = await autocannon({
    url: `${url}/v2/models/${values.model}/infer`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: pixels }],
      outputs: [{ name: 'probabilities' }],
    }),
    connections: Number(values.connections),
    duration: Number(values.duration),
  })
  console.log(`req/s ${r.requests.average}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`)
  child.kill('SIGTERM')
  await new Promise((res) => child.on('exit', res))
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error('no profile written')
  const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as {
    nodes: Node[]
    samples: number[]
  }
  const self = new Map<number, number>()
  for (const s of prof.samples) self.set(s, (self.get(s) ?? 0) + 1)
  const byFn = new Map<string, number>()
  for (const n of prof.nodes) {
    const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/serve\//, '')}:${n.callFrame.lineNumber + 1}`
    byFn.set(k, (byFn.get(k) ?? 0) + (self.get(n.id) ?? 0))
  }
  const total = prof.samples.length
  const rows = [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))
  for (const [k, v] of rows) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
  rmSync(repo, { recursive: true, force: true })
  rmSync(profDir, { recursive: true, force: true })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
