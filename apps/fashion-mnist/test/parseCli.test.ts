import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../src/errors.js'
import { parseCli } from '../src/parseCli.js'

describe('parseCli', () => {
  it('defaults to the seed recipe', () => {
    const o = parseCli([], '/tmp/out')
    expect(o).toMatchObject({
      epochs: 10,
      batchSize: 32,
      learningRate: 1e-3,
      seed: 0,
      subset: false,
      quiet: false,
    })
    expect(o.dataDir).toBeUndefined()
    expect(o.outDir).toBe('/tmp/out')
  })

  it('reads every flag (and ignores a passed-through --)', () => {
    const o = parseCli(
      [
        '--',
        '--epochs',
        '3',
        '--batch-size',
        '64',
        '--lr',
        '0.01',
        '--seed',
        '7',
        '--data',
        'fm',
        '--out',
        'o',
        '--train-limit',
        '100',
        '--test-limit',
        '50',
        '--quiet',
      ],
      '/tmp/out',
    )
    expect(o).toMatchObject({
      epochs: 3,
      batchSize: 64,
      learningRate: 0.01,
      seed: 7,
      trainLimit: 100,
      testLimit: 50,
      quiet: true,
    })
    expect(o.outDir).toBe(resolve('o'))
    expect(o.dataDir).toBe(resolve('fm'))
    const rel = parseCli(['--data', 'd', '--out', 'o'], '/default', '/base')
    expect([rel.dataDir, rel.outDir]).toEqual(['/base/d', '/base/o'])
    expect(parseCli([], '/default', '/base').outDir).toBe('/default')
    expect(parseCli(['--subset'], '/x').subset).toBe(true)
    expect(parseCli([], '/x').init).toBe('torch')
    expect(parseCli(['--init', 'glorot'], '/x').init).toBe('glorot')
    expect(parseCli(['-h'], '/x').help).toBe(true)
  })

  it.each([
    [['--epochs', '0'], /--epochs 0: expected an integer >= 1/],
    [['--epochs', '2.5'], /--epochs 2.5/],
    [['--batch-size', 'x'], /--batch-size x/],
    [['--lr=-1'], /--lr -1: expected a positive number/],
    [['--lr', '-1'], /lr/],
    [['--seed=-3'], /--seed -3: expected an integer >= 0/],
    [['--bogus'], /bogus/],
    [['--init', 'he'], /--init he: expected one of torch, glorot/],
    [['--epochs'], /epochs/],
    [['stray'], /unexpected argument stray/],
    [['--data', 'x', '--subset'], /not both/],
  ])('rejects %j with a UsageError', (argv, message) => {
    expect(() => parseCli(argv, '/x')).toThrow(UsageError)
    expect(() => parseCli(argv, '/x')).toThrow(message)
  })
})
