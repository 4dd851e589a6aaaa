/**
 * conv2d forward (and forward + both gradients) on a small CNN layer shape, mlstack `cpu` and
 * `cpu-ts` next to tfjs (wasm and cpu backends). mlstack is NCHW/OIHW, tfjs NHWC/HWIO: each runs
 * its native layout, the same arithmetic.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfwasm from '@tensorflow/tfjs-backend-wasm'
import { conv2d, grad, randn, setBackend, type Tensor, tidy } from '../src/index.js'
import { measure } from './measure.js'

export interface ConvRow {
  impl: string
  forwardMs: number
  stepMs: number
}

export const CONV_SHAPE = { n: 8, c: 16, h: 28, w: 28, o: 32, k: 3 }

export async function benchConv(): Promise<ConvRow[]> {
  const { n, c, h, w, o, k } = CONV_SHAPE
  const rows: ConvRow[] = []
  for (const backend of ['cpu', 'cpu-ts'] as const) {
    setBackend(backend)
    const x = randn([n, c, h, w], { seed: 1 })
    const wt = randn([o, c, k, k], { seed: 2 }).mul(0.1)
    const fwd = await measure(() => tidy(() => conv2d(x, wt, { padding: 1 })).dispose(), {
      maxSeconds: 3,
    })
    const g = grad((a: Tensor, b: Tensor) => conv2d(a, b, { padding: 1 }).square().sum(), [0, 1])
    const step = await measure(() => tidy(() => void g(x, wt)), { maxSeconds: 3 })
    rows.push({
      impl: `mlstack ${backend}`,
      forwardMs: fwd.seconds * 1e3,
      stepMs: step.seconds * 1e3,
    })
    x.dispose()
    wt.dispose()
  }
  for (const backend of ['wasm', 'cpu'] as const) {
    if (backend === 'wasm') tfwasm.setThreadsCount(1)
    await tf.setBackend(backend)
    const x = tf.randomNormal([n, h, w, c]) as tf.Tensor4D
    const wt = tf.randomNormal([k, k, c, o], 0, 0.1) as tf.Tensor4D
    const fwd = await measure(() => tf.conv2d(x, wt, 1, 'same').dispose(), { maxSeconds: 3 })
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'))),
    )
    let stepMs = Number.NaN
    try {
      const step = await measure(
        () => {
          for (const t of g([x, wt])) t.dispose()
        },
        { maxSeconds: 3 },
      )
      stepMs = step.seconds * 1e3
    } catch {
      // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel: forward only there.
    }
    rows.push({ impl: `tfjs-${backend}`, forwardMs: fwd.seconds * 1e3, stepMs })
    x.dispose()
    wt.dispose()
  }
  return rows
}
