#!/usr/bin/env node
// mlstack-serve: serve a model repository over the Open Inference Protocol.
//   mlstack-serve --repo DIR [--port 8000] [--host 127.0.0.1] [--poll MS]
//                 [--management-token TOKEN] [--providers cuda,webgpu,cpu] [--log-level info]
//                 [--log-requests] [--shutdown-timeout 30000]
import { parseArgs } from 'node:util'
import { createServer } from './createServer.js'

const USAGE =
  'usage: mlstack-serve --repo DIR [--port 8000] [--host 127.0.0.1] [--poll MS] [--management-token TOKEN] [--providers cuda,webgpu,cpu] [--log-level info] [--log-requests] [--shutdown-timeout MS]'

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      options: {
        repo: { type: 'string' },
        port: { type: 'string', default: '8000' },
        host: { type: 'string', default: '127.0.0.1' },
        poll: { type: 'string' },
        'management-token': { type: 'string' },
        providers: { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        'log-requests': { type: 'boolean' },
        'shutdown-timeout': { type: 'string', default: '30000' },
        help: { type: 'boolean' },
      },
    }))
  } catch (e) {
    console.error(`mlstack-serve: ${(e as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (values.help || !values.repo) {
    console.error(USAGE)
    process.exit(values.help ? 0 : 2)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`mlstack-serve: --port must be 0..65535, got ${values.port}`)
    process.exit(2)
  }
  for (const flag of ['poll', 'shutdown-timeout'] as const) {
    const v = values[flag]
    if (v !== undefined && !/^[1-9][0-9]*$/.test(String(v))) {
      console.error(`mlstack-serve: --${flag} must be a positive number of milliseconds, got ${v}`)
      process.exit(2)
    }
  }
  const token =
    (values['management-token'] as string | undefined) ?? process.env.MLSTACK_SERVE_TOKEN
  const server = await createServer({
    repository: values.repo as string,
    background: true,
    logger: { level: values['log-level'] },
    logRequests: values['log-requests'] === true,
    pollIntervalMs: values.poll ? Number(values.poll) : undefined,
    management: token ? { token } : undefined,
    executionProviders: values.providers ? String(values.providers).split(',') : undefined,
  })
  const address = await server.listen({ port, host: values.host as string })
  server.app.log.info(`mlstack-serve listening on ${address}`)
  const graceMs = Number(values['shutdown-timeout'])
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    server.app.log.info(`${signal}: finishing in-flight requests, then exiting`)
    // A request stuck in a model must not keep the process from ever exiting.
    setTimeout(() => {
      server.app.log.error(`shutdown took longer than ${graceMs} ms; exiting with work unfinished`)
      process.exit(1)
    }, graceMs).unref()
    server.close().then(
      () => process.exit(0),
      (e) => {
        server.app.log.error(e)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  await server.loaded
  server.app.log.info('models loaded')
}

main().catch((e) => {
  console.error(`mlstack-serve: ${(e as Error).message}`)
  process.exit(1)
})
