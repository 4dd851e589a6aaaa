import { expect, test } from 'vitest'
import { InstancePool } from './InstancePool.js'

interface Fake {
  id: string
  failed?: Error
}

test('each run goes to the least busy instance', async () => {
  const pool = new InstancePool<Fake>(
    [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    'fake',
    () => Promise.reject(new Error('not needed')),
    () => undefined,
  )
  const release: (() => void)[] = []
  const hold = (inst: Fake) =>
    new Promise<string>((resolve) => release.push(() => resolve(inst.id)))
  const running = [pool.use(hold), pool.use(hold), pool.use(hold), pool.use(hold)]
  // Let the four runs reach their instances.
  await new Promise((r) => setImmediate(r))
  for (const r of release) r()
  expect(await Promise.all(running)).toEqual(['a', 'b', 'c', 'a'])
  // All idle again: the first slot is chosen.
  expect(await pool.use(async (inst) => inst.id)).toBe('a')
})

test('a failed instance is replaced once, in its slot, and the replacement is logged', async () => {
  const instances: Fake[] = [{ id: 'a', failed: new Error('thread exited') }]
  const logs: string[] = []
  let spawned = 0
  const pool = new InstancePool<Fake>(
    instances,
    'onnx',
    async () => ({ id: `fresh${++spawned}` }),
    (m) => logs.push(m),
  )
  const ids = await Promise.all([
    pool.use(async (i) => i.id),
    pool.use(async (i) => i.id),
    pool.use(async (i) => i.id),
  ])
  expect(ids).toEqual(['fresh1', 'fresh1', 'fresh1'])
  expect(spawned).toBe(1)
  expect(instances[0]?.id).toBe('fresh1')
  expect(logs).toEqual(['onnx instance 0 failed (thread exited); starting a new one'])
})

test('a failing respawn rejects the run and is retried on the next one', async () => {
  let tries = 0
  const pool = new InstancePool<Fake>(
    [{ id: 'a', failed: new Error('gone') }],
    'm',
    async () => {
      tries++
      if (tries === 1) throw new Error('cannot start')
      return { id: 'b' }
    },
    () => undefined,
  )
  await expect(pool.use(async (i) => i.id)).rejects.toThrow('cannot start')
  expect(await pool.use(async (i) => i.id)).toBe('b')
  expect(tries).toBe(2)
})
