// Model lifecycle over HTTP: management endpoints behind a bearer token, hot reload under
// traffic without a failed request, a failed reload that keeps the old version serving,
// repository polling, and SIGTERM draining of the real CLI in a child process.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type TestServer, tempRepo } from './helpers.js'
import { scaleModel, writeModel } from './models.js'

const TOKEN = 'test-token-123'
const auth = { authorization: `Bearer ${TOKEN}` }
const x = (v: number) => ({
  inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [v, 1] }],
})

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  // Bounded wait on a condition (not a timing assertion): polls up to 10 s.
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('management endpoints', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer((repo) => writeModel(repo, 'scale', 1, scaleModel(1)), {
      management: { token: TOKEN },
    })
  })
  afterAll(() => s.close())

  test('need the bearer token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token' },
      { authorization: TOKEN },
    ]) {
      const r = await s.post('/v2/repository/index', {}, headers)
      expect(r.status).toBe(401)
      expect(r.body.error).toMatch(/Authorization: Bearer <token>/)
    }
  })

  test('index, unload and load', async () => {
    const index = await s.post('/v2/repository/index', {}, auth)
    expect(index.body).toEqual([{ name: 'scale', version: '1', state: 'READY', reason: '' }])
    expect((await s.post('/v2/repository/models/scale/unload', {}, auth)).body).toEqual({
      name: 'scale',
      unloaded: true,
    })
    expect((await s.get('/v2/models/scale/ready')).body).toMatchObject({ ready: false })
    const refused = await s.post('/v2/models/scale/infer', x(1))
    expect(refused.status).toBe(503)
    expect(refused.body.error).toMatch(/not ready \(unavailable: unloaded\)/)
    expect((await s.get('/v2/health/ready')).status).toBe(200)
    const load = await s.post('/v2/repository/models/scale/load', {}, auth)
    expect(load.body).toEqual({ name: 'scale', loaded: true, versions: ['1'] })
    expect((await s.post('/v2/models/scale/infer', x(5))).body.outputs[0].data).toEqual([5, 1])
  })

  test('unknown and invalid names', async () => {
    const r = await s.post('/v2/repository/models/ghost/load', {}, auth)
    expect(r.status).toBe(404)
    expect(r.body.error).toMatch(/no folder 'ghost'/)
    expect((await s.post('/v2/repository/models/..%2F..%2Ftmp/load', {}, auth)).status).toBe(404)
  })

  test('hot reload under traffic: no failed request, answers switch to the new version', async () => {
    let running = true
    const seen = new Map<string, number>()
    const failures: unknown[] = []
    const client = async () => {
      let i = 0
      while (running) {
        const v = (i++ % 7) + 1
        const r = await s.post('/v2/models/scale/infer', x(v))
        if (r.status !== 200) {
          failures.push(r.body)
          continue
        }
        const version = r.body.model_version as string
        // Each version k multiplies by k: the answer must come from the version it names.
        if (r.body.outputs[0].data[0] !== v * Number(version))
          failures.push({ version, data: r.body.outputs[0].data })
        seen.set(version, (seen.get(version) ?? 0) + 1)
      }
    }
    const clients = Array.from({ length: 4 }, client)
    try {
      for (const k of [2, 3, 4]) {
        writeModel(s.repo, 'scale', k, scaleModel(k))
        const verb = k === 3 ? 'reload' : 'load'
        const r = await s.post(`/v2/repository/models/scale/${verb}`, {}, auth)
        expect(r.body.versions).toEqual([String(k)])
        await until(async () => (seen.get(String(k)) ?? 0) > 5, `traffic on version ${k}`)
      }
      // A broken new version fails to load; the serving one stays.
      mkdirSync(join(s.repo, 'scale', '5'))
      writeFileSync(join(s.repo, 'scale', '5', 'model.onnx'), 'not an onnx file')
      const broken = await s.post('/v2/repository/models/scale/load', {}, auth)
      expect(broken.status).toBe(500)
      expect(broken.body.type).toBe('ModelFormatError')
      expect(broken.body.error).toMatch(/cannot load .*scale\/5\/model.onnx/)
      await until(async () => (seen.get('4') ?? 0) > 20, 'traffic after the failed reload')
    } finally {
      running = false
      await Promise.all(clients)
    }
    expect(failures).toEqual([])
    expect([...seen.keys()].sort()).toEqual(['1', '2', '3', '4'])
  })
})

test('a model instance whose worker thread dies is replaced on the next request', async () => {
  const s = await startServer((repo) => writeModel(repo, 'scale', 1, scaleModel(4)))
  try {
    expect((await s.post('/v2/models/scale/infer', x(1))).body.outputs[0].data).toEqual([4, 4])
    // White-box: reach the instance's worker thread and kill it, as a crash would.
    const model = s.server.repository.get('scale').model as unknown as {
      runtimes: { worker: { terminate(): Promise<number> } }[]
    }
    await model.runtimes[0]?.worker.terminate()
    const r = await s.post('/v2/models/scale/infer', x(2))
    expect(r.status).toBe(200)
    expect(r.body.outputs[0].data).toEqual([8, 4])
  } finally {
    await s.close()
  }
})

test('repository polling loads new models and unloads removed ones', async () => {
  const s = await startServer((repo) => writeModel(repo, 'first', 1, scaleModel(1)), {
    pollIntervalMs: 100,
  })
  try {
    writeModel(s.repo, 'second', 1, scaleModel(2))
    await until(
      async () => (await s.get('/v2/models/second/ready')).status === 200,
      'second to load',
    )
    expect((await s.post('/v2/models/second/infer', x(3))).body.outputs[0].data).toEqual([6, 2])
    rmSync(join(s.repo, 'second'), { recursive: true })
    await until(
      async () => (await s.get('/v2/models/second/ready')).status !== 200,
      'second to unload',
    )
    expect((await s.post('/v2/models/first/infer', x(3))).status).toBe(200)
  } finally {
    await s.close()
  }
})

describe('the mlstack-serve CLI', () => {
  const root = fileURLToPath(new URL('..', import.meta.url))
  function start(
    repo: string,
  ): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--repo', repo, '--port', '0'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    return new Promise((resolve, reject) => {
      let out = ''
      let url = ''
      const onData = (d: Buffer) => {
        out += d.toString()
        url ||= /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
        if (url && out.includes('models loaded')) resolve({ child, url, exited })
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.on('exit', (code) =>
        reject(new Error(`mlstack-serve exited (${code}) before it was ready:\n${out}`)),
      )
    })
  }

  test('SIGTERM: queued requests are all answered, then the process exits 0', async () => {
    const repo = tempRepo()
    writeModel(repo, 'slow', 1, scaleModel(2), { maxBatchSize: 64, maxQueueDelayMs: 5000 })
    const { child, url, exited } = await start(repo)
    try {
      const post = (v: number) =>
        fetch(`${url}/v2/models/slow/infer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(x(v)),
        }).then(async (r) => ({ status: r.status, body: await r.json() }))
      const pending = [1, 2, 3, 4, 5, 6].map(post)
      await until(async () => {
        const m = await (await fetch(`${url}/metrics`)).text()
        return /mlstack_serve_queue_depth\{model="slow",version="1"\} 6/.test(m)
      }, 'six queued requests')
      child.kill('SIGTERM')
      const answers = await Promise.all(pending)
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200])
      expect(answers.map((a) => a.body.outputs[0].data[0])).toEqual([2, 4, 6, 8, 10, 12])
      expect(await exited).toBe(0)
      await expect(fetch(`${url}/v2/health/live`)).rejects.toThrow()
    } finally {
      child.kill('SIGKILL')
      rmSync(repo, { recursive: true, force: true })
    }
  })

  test('the quickstart example (a plain script awaiting createServer) runs to completion', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mlstack/source', '--import', 'tsx', 'examples/quickstart.ts'],
      { cwd: root },
    )
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const code = await new Promise((r) => child.on('exit', r))
    expect(out).toMatch(/top 3: \[\s*'[0-9.]+:\d:\w+'/)
    expect(code).toBe(0)
  })

  test('bad arguments exit 2 with the usage line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '80'], {
      cwd: root,
    })
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    const code = await new Promise((r) => child.on('exit', r))
    expect(code).toBe(2)
    expect(err).toMatch(/usage: mlstack-serve --repo DIR/)
    const bad = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--repo', '.', '--shutdown-timeout', 'soon'],
      { cwd: root },
    )
    let badErr = ''
    bad.stderr.on('data', (d) => {
      badErr += d
    })
    expect(await new Promise((r) => bad.on('exit', r))).toBe(2)
    expect(badErr).toMatch(/--shutdown-timeout must be a positive number of milliseconds, got soon/)
  })
})
