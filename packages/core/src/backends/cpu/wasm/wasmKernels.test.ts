/**
 * The `cpu` backend's WASM kernels against the `cpu-ts` reference kernels through the public
 * Tensor API: same inputs on both backends, values compared (float32 rounding tolerance).
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  add,
  conv2d,
  div,
  grad,
  manualSeed,
  matmul,
  mul,
  randn,
  runOp,
  setBackend,
  sub,
  type Tensor,
  tensor,
} from '../../../index.js'

afterEach(() => setBackend('cpu'))

/** Runs `f` on both backends with the same seeded inputs; returns [wasm values, ts values]. */
function both(f: () => Tensor | Tensor[]): [Float32Array[], Float32Array[]] {
  const run = (backend: string): Float32Array[] => {
    setBackend(backend)
    const out = f()
    const list = Array.isArray(out) ? out : [out]
    return list.map((t) => Float32Array.from(t.dataSync() as Float32Array))
  }
  return [run('cpu'), run('cpu-ts')]
}

function expectClose(got: Float32Array[], want: Float32Array[], rel = 1e-5): void {
  expect(got.length).toBe(want.length)
  for (let t = 0; t < got.length; t++) {
    expect(got[t].length).toBe(want[t].length)
    for (let i = 0; i < got[t].length; i++) {
      const w = want[t][i]
      if (Number.isNaN(w)) expect(got[t][i]).toBeNaN()
      else if (Math.abs(got[t][i] - w) > rel * Math.max(1, Math.abs(w))) {
        expect.fail(`output ${t}[${i}]: wasm ${got[t][i]} vs ts ${w}`)
      }
    }
  }
}

describe('cpu (WASM) kernels match cpu-ts', () => {
  it('matmul: 2-D, transposed-free batched, broadcast batch, folded batch', () => {
    for (const [sa, sb] of [
      [
        [33, 70],
        [70, 9],
      ],
      [
        [4, 5, 6],
        [4, 6, 7],
      ],
      [
        [2, 1, 5, 6],
        [3, 6, 2],
      ],
      [
        [3, 8, 16],
        [16, 5],
      ],
      [
        [1, 300],
        [300, 1],
      ],
    ]) {
      const [got, want] = both(() => matmul(randn(sa, { seed: 1 }), randn(sb, { seed: 2 })))
      expectClose(got, want)
    }
  })

  it('matmul gradients (Aᵀ·dY and dY·Bᵀ paths)', () => {
    const [got, want] = both(() => {
      const a = randn([17, 23], { seed: 3 })
      const b = randn([23, 11], { seed: 4 })
      return grad((x: Tensor, y: Tensor) => matmul(x, y).sum(), [0, 1] as never)(a, b) as never
    })
    expectClose(got, want)
  })

  it('linear (the dense layer forward): GEMM, bias, ReLU, batch-1 and odd widths', () => {
    for (const [m, k, n] of [
      [1, 784, 64],
      [32, 784, 64],
      [3, 5, 7],
      [33, 64, 10],
      [4, 1, 1],
    ]) {
      for (const relu of [false, true]) {
        for (const bias of [false, true]) {
          const [got, want] = both(() => {
            manualSeed(m * 100 + n)
            const x = randn([m, k])
            const w = randn([k, n])
            const inputs = bias ? [x, w, randn([n])] : [x, w]
            return runOp('linear', inputs, { relu })
          })
          // float32 sums of 784 products of N(0, 1) values vs the float64 reference.
          expectClose(got, want, 1e-4)
          // ReLU really clips (half the outputs of random inputs are negative before it).
          if (relu) expect(got[0].every((v) => v >= 0)).toBe(true)
          else if (m * n > 8) expect(got[0].some((v) => v < 0)).toBe(true)
        }
      }
    }
  })

  it('linear keeps NaN through the bias and ReLU, as the reference does', () => {
    const [got, want] = both(() =>
      runOp('linear', [tensor([[1, Number.NaN]]), tensor([[1], [1]]), tensor([-5])], {
        relu: true,
      }),
    )
    expect(got[0][0]).toBeNaN()
    expect(want[0][0]).toBeNaN()
  })

  it('binary ops: same shape, scalar both sides, row broadcast, general broadcast', () => {
    for (const f of [add, sub, mul, div]) {
      for (const [sa, sb] of [
        [
          [5, 7],
          [5, 7],
        ],
        [[5, 7], [1]],
        [[1], [5, 7]],
        [[4, 5, 7], [7]],
        [[7], [4, 5, 7]],
        [
          [4, 1, 7],
          [5, 1],
        ],
        [
          [5, 7],
          [5, 1],
        ],
        [
          [5, 1],
          [5, 7],
        ],
        [
          [2, 5, 7],
          [2, 5, 1],
        ],
        [
          [2, 5, 7],
          [5, 1],
        ],
        [
          [3, 1],
          [3, 1],
        ],
      ] as [number[], number[]][]) {
        const [got, want] = both(() => f(randn(sa, { seed: 5 }), randn(sb, { seed: 6 }).add(3)))
        expectClose(got, want)
      }
    }
  })

  it('unary ops, relu gradient and sums over each axis set', () => {
    const [got, want] = both(() => {
      const x = randn([6, 5, 9], { seed: 7 })
      return [
        x.relu(),
        x.neg(),
        x.abs(),
        x.abs().sqrt(),
        x.square(),
        x.sum(),
        x.sum(0),
        x.sum(1),
        x.sum(2),
        x.sum([1, 2]),
        x.sum([0, 2]),
        x.sum(-1, true),
        grad((t: Tensor) => t.relu().mul(x).sum())(x),
      ]
    })
    expectClose(got, want)
  })

  it('NaN propagates through matmul, add and relu', () => {
    setBackend('cpu')
    const a = tensor([
      [1, Number.NaN],
      [2, 3],
    ])
    const out = matmul(
      a,
      tensor([
        [1, 0],
        [0, 1],
      ]),
    )
    expect(Array.from(out.dataSync())).toEqual([Number.NaN, Number.NaN, 2, 3])
    expect(Number.isNaN(a.add(1).relu().dataSync()[1])).toBe(true)
  })

  it('conv2d forward and both gradients (padding, stride, dilation, groups, 1×1)', () => {
    for (const [xs, ws, opts] of [
      [[2, 3, 9, 8], [4, 3, 3, 3], { padding: 1 }],
      [[1, 4, 10, 10], [6, 2, 3, 2], { stride: 2, groups: 2, dilation: [1, 2] }],
      [[2, 5, 6, 7], [3, 5, 1, 1], {}],
      [[1, 2, 11, 9], [3, 2, 2, 3], { stride: [3, 2], padding: [0, 1, 2, 0] }],
      [[2, 2, 5, 5], [2, 2, 3, 3], { padding: 3, dilation: 2 }],
    ] as [number[], number[], object][]) {
      const [got, want] = both(() => {
        const x = randn(xs, { seed: 8 })
        const w = randn(ws, { seed: 9 })
        const y = conv2d(x, w, opts as never)
        const [gx, gw] = grad(
          (a: Tensor, b: Tensor) =>
            conv2d(a, b, opts as never)
              .square()
              .sum(),
          [0, 1] as never,
        )(x, w) as unknown as Tensor[]
        return [y, gx, gw]
      })
      expectClose(got, want, 1e-4)
    }
  })
})
