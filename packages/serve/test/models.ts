// ONNX models built in TypeScript for the tests and the benchmark: a seeded MLP 784-64-64-10 and
// a model with one input and output per KServe datatype.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildOnnxModel } from '../src/internal/buildOnnxModel.js'

/** mulberry32: small, seeded, good enough for weights. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randn(n: number, scale: number, next: () => number): Float32Array {
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) out[i] = (next() * 2 - 1) * scale
  return out
}

/** MLP 784-64-64-10 (MatMul+Add+Relu, Softmax) with outputs `logits` and `probabilities`. */
export function mlpModel(seed = 1, sizes: number[] = [784, 64, 64, 10]): Uint8Array {
  const next = rng(seed)
  const initializers = []
  const nodes = []
  let x = 'input'
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number
    const fanOut = sizes[l + 1] as number
    initializers.push(
      {
        name: `W${l}`,
        type: 'float' as const,
        dims: [fanIn, fanOut],
        data: randn(fanIn * fanOut, Math.sqrt(6 / fanIn), next),
      },
      { name: `b${l}`, type: 'float' as const, dims: [fanOut], data: randn(fanOut, 0.1, next) },
    )
    const last = l + 2 === sizes.length
    nodes.push({ op: 'MatMul', inputs: [x, `W${l}`], outputs: [`mm${l}`] })
    nodes.push({ op: 'Add', inputs: [`mm${l}`, `b${l}`], outputs: [last ? 'logits' : `z${l}`] })
    if (!last) nodes.push({ op: 'Relu', inputs: [`z${l}`], outputs: [`h${l}`] })
    x = `h${l}`
  }
  nodes.push({
    op: 'Softmax',
    inputs: ['logits'],
    outputs: ['probabilities'],
    attributes: { axis: -1 },
  })
  const classes = sizes[sizes.length - 1] as number
  return buildOnnxModel({
    name: 'mlp',
    inputs: [{ name: 'input', type: 'float', shape: ['batch', sizes[0] as number] }],
    outputs: [
      { name: 'logits', type: 'float', shape: ['batch', classes] },
      { name: 'probabilities', type: 'float', shape: ['batch', classes] },
    ],
    nodes,
    initializers,
  })
}

/**
 * One input per KServe datatype, each with a simple op whose answer a test can compute:
 * numbers are negated, booleans inverted, strings passed through.
 */
export function typesModel(): Uint8Array {
  const numeric = [
    ['fp32', 'float'],
    ['fp64', 'double'],
    ['int32', 'int32'],
    ['int64', 'int64'],
  ] as const
  return buildOnnxModel({
    name: 'types',
    inputs: [
      ...numeric.map(([n, t]) => ({ name: `${n}_in`, type: t, shape: ['batch', 3] })),
      { name: 'bool_in', type: 'bool', shape: ['batch', 3] },
      { name: 'bytes_in', type: 'string', shape: ['batch', 3] },
    ],
    outputs: [
      ...numeric.map(([n, t]) => ({ name: `${n}_out`, type: t, shape: ['batch', 3] })),
      { name: 'bool_out', type: 'bool', shape: ['batch', 3] },
      { name: 'bytes_out', type: 'string', shape: ['batch', 3] },
    ],
    nodes: [
      ...numeric.map(([n]) => ({ op: 'Neg', inputs: [`${n}_in`], outputs: [`${n}_out`] })),
      { op: 'Not', inputs: ['bool_in'], outputs: ['bool_out'] },
      { op: 'Identity', inputs: ['bytes_in'], outputs: ['bytes_out'] },
    ],
  })
}

/** y = x * k for a [batch, 2] float input: each version of a model answers with its own k. */
export function scaleModel(k: number): Uint8Array {
  return buildOnnxModel({
    name: 'scale',
    inputs: [{ name: 'x', type: 'float', shape: ['batch', 2] }],
    outputs: [{ name: 'y', type: 'float', shape: ['batch', 2] }],
    nodes: [{ op: 'Mul', inputs: ['x', 'k'], outputs: ['y'] }],
    initializers: [{ name: 'k', type: 'float', dims: [], data: [k] }],
  })
}

/** Writes DIR/<name>/<version>/model.onnx (and config.json when given). */
export function writeModel(
  repo: string,
  name: string,
  version: number | string,
  bytes: Uint8Array,
  config?: object,
): void {
  const dir = join(repo, name, String(version))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'model.onnx'), bytes)
  if (config) writeFileSync(join(repo, name, 'config.json'), JSON.stringify(config, null, 2))
}
