import { describe, expect, test } from 'vitest'
import { ModelFormatError } from './errors.js'
import { defaultModelConfig, parseModelConfig } from './ModelConfig.js'

describe('parseModelConfig', () => {
  test('defaults and a full config', () => {
    expect(parseModelConfig('m', undefined)).toEqual(defaultModelConfig)
    const c = parseModelConfig('m', {
      maxBatchSize: 16,
      maxQueueDelayMs: 2,
      versionPolicy: { specific: [3, 1] },
      defaultVersion: 1,
      labels: { probs: ['a', 'b'] },
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 4] }],
      executionProviders: ['webgpu', 'cpu'],
      runIn: 'main',
    })
    expect(c.maxBatchSize).toBe(16)
    expect(c.versionPolicy).toEqual({ kind: 'specific', versions: [3, 1] })
    expect(c.labels.probs).toEqual(['a', 'b'])
    expect(parseModelConfig('m', { versionPolicy: 'all' }).versionPolicy).toEqual({ kind: 'all' })
    expect(parseModelConfig('m', { versionPolicy: { latest: 3 } }).versionPolicy).toEqual({
      kind: 'latest',
      count: 3,
    })
  })

  test.each([
    [{ maxBatchSiz: 4 }, /unknown key 'maxBatchSiz'/],
    [{ maxBatchSize: -1 }, /'maxBatchSize' must be an integer >= 0, got -1/],
    [{ timeoutMs: '5s' }, /'timeoutMs' must be an integer >= 1, got "5s"/],
    [{ versionPolicy: { newest: 1 } }, /'versionPolicy' must be "all"/],
    [{ labels: { p: [1, 2] } }, /'labels.p' must be an array of strings/],
    [{ inputs: [{ name: 'x', datatype: 'FLOAT', shape: [1] }] }, /'inputs\[0\]' must be/],
    [{ runIn: 'gpu' }, /'runIn' must be "worker" or "main"/],
    [{ executionProviders: [] }, /'executionProviders' must be a non-empty array/],
    [[1, 2], /must be a JSON object/],
  ])('%j is refused', (raw, message) => {
    expect(() => parseModelConfig('mnist', raw)).toThrow(ModelFormatError)
    expect(() => parseModelConfig('mnist', raw)).toThrow(message)
    expect(() => parseModelConfig('mnist', raw)).toThrow(/config.json of model 'mnist'/)
  })
})
