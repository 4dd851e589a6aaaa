// Benchmark: the MLP 784-64-64-10 served over HTTP (autocannon against the mlstack-serve CLI
// on 127.0.0.1) side by side with a direct onnxruntime-node loop on the same batch sizes.
//   pnpm bench [-- --duration 10 --soak 20 --out BENCHMARKS.md]
// Writes BENCHMARKS.md (table, command, machine notes). Loopback only, every loop bounded.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import * as ort from 'onnxruntime-node'
import { parseJsonBody } from '../src/internal/parseJsonBody.js'
import { mlpModel, writeModel } from '../test/models.js'

const { values } = parseArgs({
  // pnpm passes a literal '--' through; drop it.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    duration: { type: 'string', default: '10' },
    soak: { type: 'string', default: '20' },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    'queue-delay': { type: 'string', default: '0' },
    threads: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
})
const DURATION = Number(values.duration)
const SOAK = Number(values.soak)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number
}

const pixels = Array.from({ length: 784 }, (_, i) => Math.round(((i * 7919) % 997) / 0.997) / 1000)
const body = JSON.stringify({
  inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: pixels }],
  outputs: [{ name: 'probabilities' }],
})
// The same pixels as float32 values printed in full (17 significant digits, as a client that
// serializes float32 arrays sends them): the server's parser hands such bodies to JSON.parse.
const bodyLong = JSON.stringify({
  inputs: [
    {
      name: 'input',
      shape: [1, 784],
      datatype: 'FP32',
      data: Array.from(Float32Array.from(pixels)),
    },
  ],
  outputs: [{ name: 'probabilities' }],
})
// The same request in the binary-data extension: JSON header, then 784 little-endian floats.
const binaryHeader = Buffer.from(
  JSON.stringify({
    inputs: [
      {
        name: 'input',
        shape: [1, 784],
        datatype: 'FP32',
        parameters: { binary_data_size: 784 * 4 },
      },
    ],
    outputs: [{ name: 'probabilities' }],
  }),
)
const binaryBody = Buffer.concat([binaryHeader, Buffer.from(Float32Array.from(pixels).buffer)])

async function startServer(repo: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--repo', repo, '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    let url = ''
    child.stdout?.on('data', (d) => {
      out += d
      url ||= /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
      if (url && out.includes('models loaded')) resolve({ child, url })
    })
    child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)))
  })
}

async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line)
    if (m) out[`${m[1]}${m[2] ?? ''}`] = Number(m[3])
  }
  return out
}

async function load(
  url: string,
  model: string,
  connections: number,
  duration: number,
  overallRate?: number,
  binary = false,
  json = body,
) {
  const before = await scrape(url)
  const r = await autocannon({
    url: `${url}/v2/models/${model}/infer`,
    method: 'POST',
    headers: binary
      ? {
          'content-type': 'application/octet-stream',
          'inference-header-content-length': String(binaryHeader.length),
        }
      : { 'content-type': 'application/json' },
    body: binary ? binaryBody : json,
    connections,
    duration,
    overallRate,
  })
  const after = await scrape(url)
  const key = (n: string) => `${n}{model="${model}",version="1"}`
  const runs =
    (after[key('mlstack_serve_model_runs_total')] ?? 0) -
    (before[key('mlstack_serve_model_runs_total')] ?? 0)
  const rows =
    (after[key('mlstack_serve_batch_size_sum')] ?? 0) -
    (before[key('mlstack_serve_batch_size_sum')] ?? 0)
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    total: r.requests.total,
    meanBatch: runs > 0 ? rows / runs : 0,
  }
}

/** Direct onnxruntime-node loop: samples/s and per-run latency at a batch size. */
async function direct(session: ort.InferenceSession, batch: number, seconds: number) {
  const x = new Float32Array(784 * batch)
  for (let b = 0; b < batch; b++) x.set(pixels, b * 784)
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  let samples = 0
  while (performance.now() < end) {
    const t = performance.now()
    await session.run({ input: new ort.Tensor('float32', x, [batch, 784]) }, ['probabilities'])
    times.push(performance.now() - t)
    samples += batch
  }
  const elapsed = times.reduce((a, b) => a + b, 0) / 1000
  return { sps: samples / elapsed, p50: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

async function main(): Promise<void> {
  const repo = mkdtempSync(join(tmpdir(), 'mlstack-bench-'))
  const model = mlpModel(1)
  const intraOpNumThreads = Number(values.threads)
  writeModel(repo, 'mlp', 1, model, {
    maxBatchSize: 64,
    maxQueueDelayMs: Number(values['queue-delay']),
    intraOpNumThreads,
  })
  writeModel(repo, 'mlp_nobatch', 1, model, { maxBatchSize: 0, intraOpNumThreads })
  writeModel(repo, 'mlp_main', 1, model, { maxBatchSize: 64, intraOpNumThreads, runIn: 'main' })
  // A wider MLP, where compute per sample is large enough for HTTP costs to hide behind it.
  const wide = mlpModel(2, [784, 1024, 1024, 10])
  writeModel(repo, 'wide', 1, wide, { maxBatchSize: 64, intraOpNumThreads })
  const startLoad = loadavg()[0] as number
  const { child, url } = await startServer(repo)
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads })
  const rows: string[] = []
  const summary: Record<string, unknown> = {}
  try {
    // Warm both paths.
    await load(url, 'mlp', 8, 2)
    await direct(session, 1, 1)
    for (const c of [1, 16, 64]) {
      const served = await load(url, 'mlp', c, DURATION)
      const b = Math.max(1, Math.round(served.meanBatch))
      const limit = await direct(session, b, Math.min(DURATION, 5))
      const ratio = served.rps / limit.sps
      summary[`c${c}`] = { served, limit, ratio }
      rows.push(
        `| ${c} | batching on | ${served.rps.toFixed(0)} | ${served.p50.toFixed(2)} | ${served.p99.toFixed(2)} | ${served.meanBatch.toFixed(1)} | ${limit.sps.toFixed(0)} (batch ${b}) | ${(ratio * 100).toFixed(0)} % | ${served.errors} |`,
      )
      console.log(rows[rows.length - 1])
    }
    const bin = await load(url, 'mlp', 64, DURATION, undefined, true)
    const binB = Math.max(1, Math.round(bin.meanBatch))
    const binLimit = await direct(session, binB, Math.min(DURATION, 5))
    rows.push(
      `| 64 | batching on, binary-data extension | ${bin.rps.toFixed(0)} | ${bin.p50.toFixed(2)} | ${bin.p99.toFixed(2)} | ${bin.meanBatch.toFixed(1)} | ${binLimit.sps.toFixed(0)} (batch ${binB}) | ${((bin.rps / binLimit.sps) * 100).toFixed(0)} % | ${bin.errors} |`,
    )
    console.log(rows[rows.length - 1])
    const long = await load(url, 'mlp', 64, DURATION, undefined, false, bodyLong)
    const longB = Math.max(1, Math.round(long.meanBatch))
    const longLimit = await direct(session, longB, Math.min(DURATION, 5))
    rows.push(
      `| 64 | batching on, JSON floats with 17 digits | ${long.rps.toFixed(0)} | ${long.p50.toFixed(2)} | ${long.p99.toFixed(2)} | ${long.meanBatch.toFixed(1)} | ${longLimit.sps.toFixed(0)} (batch ${longB}) | ${((long.rps / longLimit.sps) * 100).toFixed(0)} % | ${long.errors} |`,
    )
    console.log(rows[rows.length - 1])
    const main = await load(url, 'mlp_main', 64, DURATION)
    const mainB = Math.max(1, Math.round(main.meanBatch))
    const mainLimit = await direct(session, mainB, Math.min(DURATION, 5))
    rows.push(
      `| 64 | batching on, ORT on the main thread (\`runIn: "main"\`) | ${main.rps.toFixed(0)} | ${main.p50.toFixed(2)} | ${main.p99.toFixed(2)} | ${main.meanBatch.toFixed(1)} | ${mainLimit.sps.toFixed(0)} (batch ${mainB}) | ${((main.rps / mainLimit.sps) * 100).toFixed(0)} % | ${main.errors} |`,
    )
    console.log(rows[rows.length - 1])
    const nob = await load(url, 'mlp_nobatch', 64, DURATION)
    const limit1 = await direct(session, 1, Math.min(DURATION, 5))
    rows.push(
      `| 64 | batching off | ${nob.rps.toFixed(0)} | ${nob.p50.toFixed(2)} | ${nob.p99.toFixed(2)} | 1.0 | ${limit1.sps.toFixed(0)} (batch 1) | ${((nob.rps / limit1.sps) * 100).toFixed(0)} % | ${nob.errors} |`,
    )
    console.log(rows[rows.length - 1])
    const wideSession = await ort.InferenceSession.create(wide, { intraOpNumThreads })
    const wideServed = await load(url, 'wide', 64, DURATION)
    const wideB = Math.max(1, Math.round(wideServed.meanBatch))
    const wideLimit = await direct(wideSession, wideB, Math.min(DURATION, 5))
    await wideSession.release()
    const wideRow = `| 64 | wide MLP 784-1024-1024-10, batching on | ${wideServed.rps.toFixed(0)} | ${wideServed.p50.toFixed(2)} | ${wideServed.p99.toFixed(2)} | ${wideServed.meanBatch.toFixed(1)} | ${wideLimit.sps.toFixed(0)} (batch ${wideB}) | ${((wideServed.rps / wideLimit.sps) * 100).toFixed(0)} % | ${wideServed.errors} |`
    rows.push(wideRow)
    console.log(wideRow)
    const limit64 = await direct(session, 64, Math.min(DURATION, 5))
    console.log(`direct batch 64: ${limit64.sps.toFixed(0)} samples/s`)

    const fixed = await load(url, 'mlp', 32, DURATION, 1000)
    console.log(
      `fixed 1000 req/s: achieved ${fixed.rps.toFixed(0)}, p50 ${fixed.p50} ms, p99 ${fixed.p99} ms`,
    )

    // Soak: a steady rate; RSS and heap sampled from the server's own /metrics.
    const samples: { t: number; rss: number; heap: number }[] = []
    const soakStart = performance.now()
    const soakLoad = load(url, 'mlp', 16, SOAK, 500)
    while (performance.now() - soakStart < SOAK * 1000) {
      await new Promise((r) => setTimeout(r, Math.max(500, (SOAK * 1000) / 30)))
      const m = await scrape(url)
      samples.push({
        t: (performance.now() - soakStart) / 1000,
        rss: m.process_resident_memory_bytes ?? 0,
        heap: m.nodejs_heap_size_used_bytes ?? 0,
      })
    }
    const soak = await soakLoad
    const q = Math.max(1, Math.floor(samples.length / 4))
    const med = (xs: number[]) => quantile(xs, 0.5)
    const rssFirst = med(samples.slice(0, q).map((s) => s.rss))
    const rssLast = med(samples.slice(-q).map((s) => s.rss))
    const heapFirst = med(samples.slice(0, q).map((s) => s.heap))
    const heapLast = med(samples.slice(-q).map((s) => s.heap))
    const mib = (x: number) => (x / 2 ** 20).toFixed(1)
    console.log(
      `soak ${SOAK}s @500 req/s: RSS ${mib(rssFirst)} → ${mib(rssLast)} MiB, heap ${mib(heapFirst)} → ${mib(heapLast)} MiB, errors ${soak.errors}`,
    )

    const c64 = summary.c64 as { ratio: number; served: { rps: number }; limit: { sps: number } }
    // Body parsing, same bodies, same run: what fastify's JSON.parse path cost (parse, then copy
    // the numbers into the input's Float32Array) against the server's parser.
    const timeUs = (f: () => void) => {
      const t = performance.now()
      for (let i = 0; i < 500; i++) f()
      return ((performance.now() - t) / 500) * 1000
    }
    const parse = (text: string) => {
      const buf = Buffer.from(text)
      // What the decoder does with each result: a plain array is filled element by element,
      // a Float64Array converted in one typed-array copy.
      const fill = (d: unknown) =>
        d instanceof Float64Array ? new Float32Array(d) : Float32Array.from(d as number[])
      const viaJson = () => fill(JSON.parse(buf.toString('utf8')).inputs[0].data)
      const viaOurs = () =>
        fill((parseJsonBody(buf) as { inputs: { data: unknown }[] }).inputs[0]?.data)
      // Alternate the two in rounds and keep the medians: the machine may be busy.
      const a: number[] = []
      const b: number[] = []
      for (let r = 0; r < 9; r++) {
        a.push(timeUs(viaJson))
        b.push(timeUs(viaOurs))
      }
      return { json: quantile(a, 0.5), ours: quantile(b, 0.5) }
    }
    const parseShort = parse(body)
    const parseLong = parse(bodyLong)
    console.log(
      `parse µs: short ${parseShort.json.toFixed(1)} → ${parseShort.ours.toFixed(1)}, 17-digit ${parseLong.json.toFixed(1)} → ${parseLong.ours.toFixed(1)}`,
    )
    const md = `# @mlstack/serve benchmarks

MLP 784-64-64-10 (ONNX, built by \`test/models.ts\`), one 784-float JSON request per sample
(pixel values with 3 decimals, unless the row says otherwise), served by the \`mlstack-serve\` CLI
on 127.0.0.1 (one ONNX Runtime instance in a worker thread, CPU execution provider,
\`intraOpNumThreads ${intraOpNumThreads}\`), load from [autocannon](https://github.com/mcollina/autocannon)
in the benchmark process.

**The direct loop (the limit).** In the benchmark process, one \`ort.InferenceSession\` of the
same model bytes with the same \`intraOpNumThreads\`, called back to back:
\`await session.run({ input: new ort.Tensor('float32', x, [B, 784]) }, ['probabilities'])\` on a
pre-filled Float32Array for 5 s; samples/s = B × runs/s. There is no HTTP, no JSON, no queue and
no thread hop: it is what the model alone can do. B is the mean batch size the server formed in
the same row (rounded; shown in brackets), so both sides run batches of the same size and the
ratio is what HTTP + JSON + queueing cost on top of the model. The loop at B = 64 (full batches)
is given below the table.

Command: \`pnpm --filter @mlstack/serve bench -- --duration ${DURATION} --soak ${SOAK}\`
(${DURATION} s per row; batching on: \`maxBatchSize 64, maxQueueDelayMs ${values['queue-delay']}\`).

| concurrency | server | req/s = samples/s | p50 ms | p99 ms | mean batch | direct loop samples/s | server / direct | errors |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Direct loop at batch 64 (the ceiling for perfectly full batches): ${limit64.sps.toFixed(0)} samples/s.

| target | measured | met |
|---|---|---|
| batching on ≥ 80 % of the direct loop at c=64 | ${(c64.ratio * 100).toFixed(0)} % | ${c64.ratio >= 0.8 ? 'yes' : 'no'} |
| p99 < 20 ms at 1,000 req/s (autocannon -R 1000, 32 connections) | ${fixed.rps.toFixed(0)} req/s achieved, p50 ${fixed.p50} ms, p99 ${fixed.p99} ms | ${fixed.p99 < 20 && fixed.rps > 900 ? 'yes' : 'no'} |
| memory flat over a ${SOAK} s soak at 500 req/s | RSS ${mib(rssFirst)} → ${mib(rssLast)} MiB (${(((rssLast - rssFirst) / rssFirst) * 100).toFixed(1)} %), heap ${mib(heapFirst)} → ${mib(heapLast)} MiB, ${soak.errors} errors | ${rssLast <= rssFirst * 1.1 ? 'yes' : 'no'} |

Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version},
onnxruntime-node ${ort.env.versions.node}; 1-minute load average ${startLoad.toFixed(2)} at the start.
${cpus().length <= 2 ? 'Two shared cores: the load generator, the server and its ORT worker compete for them, and other work was running; treat the numbers as a floor and rerun on a quiet machine.' : ''}
The full soak is \`--soak 60\`; the default run uses a shorter one. autocannon reports latency in
whole milliseconds.

## Reading the numbers

Body parsing, measured in this run on the same bodies (µs per 784-number request, parse plus
filling the input's Float32Array; median of 9 alternating rounds of 500): 3-decimal values ${parseShort.json.toFixed(1)} µs with
\`JSON.parse\` (fastify's path before) → ${parseShort.ours.toFixed(1)} µs with the server's parser
(\`src/internal/parseJsonBody.ts\`); 17-digit float32 values ${parseLong.json.toFixed(1)} µs →
${parseLong.ours.toFixed(1)} µs (those bodies go to \`JSON.parse\`, so this is the same work; on this machine such pairs
swing by ±30 % from run to run, either way).

At c=64 the server spent about ${(1e6 / c64.served.rps).toFixed(0)} µs of wall time per request,
the direct loop ${(1e6 / c64.limit.sps).toFixed(1)} µs per sample. The model is tiny (about 55k
multiply-adds per sample), so the ratio measures the cost of one HTTP request, not the model or
the batching: a Node HTTP server needs tens of µs of event-loop CPU per request (parse, route,
validate, answer, one socket write), and on this machine autocannon, the server's event loop and
the ORT worker thread share two cores. No per-sample HTTP server can reach 80 % of a loop that
spends ~1-5 µs per sample; the rows that move the ratio are those where compute per sample is
large enough to overlap with HTTP (wide MLP) or where parsing is skipped (binary data).

Where the event loop's time goes (\`pnpm exec tsx bench/profile.ts\`: the CLI under
\`node --cpu-prof\`, autocannon c=64 for 8 s, self time by function): with fastify's
\`JSON.parse\` body parser, \`JSON.parse\` was 32 % of the samples; with the server's parser
the whole body parse is 11-13 % for 3-decimal bodies (17-digit bodies still go through
\`JSON.parse\`), and numeric answers are written straight to JSON text. What remains on top is
the socket write (\`writev\`, 15-19 %), the \`postMessage\` to the ORT worker (5-9 %) and GC
(3-6 %), then fastify, prom-client and the http module spread thin. Those profiles were taken
during development on the same busy machine, not in this run.

The \`runIn: "main"\` row runs ORT on the event loop: no \`postMessage\` (5-9 % of the
event loop's samples in the profiles) and no thread wake-up, but the loop then also computes
every batch and gets fuller batches. It stays opt-in: a bigger model would block the event loop
for a whole batch, and for this tiny one the difference is smaller than the run-to-run noise here. Batching itself works: the
server formed batches of ~${(summary.c64 as { served: { meanBatch: number } }).served.meanBatch.toFixed(0)} rows at c=64 with \`maxQueueDelayMs: 0\`, and batching on
vs off is the difference between the first c=64 row and the "batching off" row.
`
    writeFileSync(resolve(ROOT, values.out as string), md)
    console.log(`wrote ${values.out}`)
  } finally {
    await session.release()
    child.kill('SIGTERM')
    await new Promise((r) => child.on('exit', r))
    rmSync(repo, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
