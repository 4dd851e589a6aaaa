// Shared test helpers: a temporary model repository and a real server on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type ServeHandle, type ServeOptions } from '../src/index.js'

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
export type Body = any

export interface TestServer {
  url: string
  repo: string
  server: ServeHandle
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: Body }>
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Body }>
  close(): Promise<void>
}

export function tempRepo(): string {
  return mkdtempSync(join(tmpdir(), 'mlstack-serve-'))
}

export async function startServer(
  fill: (repo: string) => void,
  options: Partial<ServeOptions> = {},
): Promise<TestServer> {
  const repo = tempRepo()
  fill(repo)
  const server = await createServer({ repository: repo, ...options })
  const url = await server.listen({ port: 0, host: '127.0.0.1' })
  const parse = async (r: Response) => {
    const text = await r.text()
    let body: Body = text
    try {
      body = JSON.parse(text)
    } catch {}
    return { status: r.status, body }
  }
  return {
    url,
    repo,
    server,
    get: async (path, headers = {}) => parse(await fetch(url + path, { headers })),
    post: async (path, body, headers = {}) =>
      parse(
        await fetch(url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    close: async () => {
      await server.close()
      rmSync(repo, { recursive: true, force: true })
    },
  }
}
