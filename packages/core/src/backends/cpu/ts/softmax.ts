/**
 * Fused softmax and logSoftmax along one axis, and their backward kernels. The composite
 * versions cost ~20 small ops forward and backward; at [32, 10] these fused kernels are several
 * times faster, which is why softmax and logSoftmax are primitives.
 */
import type { KernelRun } from '../../../engine/registry.js'
import { sizeOf } from '../../../internal/shape.js'
import { view } from './util.js'

interface AxisAttrs {
  axis: number
}

/** The tensor as outer × n × inner, n along `axis`. */
function lines(
  shape: readonly number[],
  axis: number,
): { outer: number; n: number; inner: number } {
  return {
    outer: sizeOf(shape.slice(0, axis)),
    n: shape[axis],
    inner: sizeOf(shape.slice(axis + 1)),
  }
}

function softmaxKernel(log: boolean): KernelRun {
  return (inputs, attrs: AxisAttrs, ctx) => {
    const x = inputs[0]
    const out = ctx.output(x.shape, x.dtype)
    const o = view(out)
    const a = view(x)
    const { outer, n, inner } = lines(x.shape, attrs.axis)
    for (let p = 0; p < outer; p++) {
      for (let q = 0; q < inner; q++) {
        const base = p * n * inner + q
        let m = Number.NEGATIVE_INFINITY
        for (let i = 0; i < n; i++) {
          const v = a[base + i * inner]
          if (v > m || Number.isNaN(v)) m = v
        }
        // An all -inf line gives NaN, as in PyTorch; partly -inf lines (masks) are fine.
        let s = 0
        for (let i = 0; i < n; i++) s += Math.exp(a[base + i * inner] - m)
        if (log) {
          const lse = m + Math.log(s)
          for (let i = 0; i < n; i++) o[base + i * inner] = a[base + i * inner] - lse
        } else {
          const inv = 1 / s
          for (let i = 0; i < n; i++) o[base + i * inner] = Math.exp(a[base + i * inner] - m) * inv
        }
      }
    }
    return out
  }
}

/**
 * softmax: dx = y · (dy − Σ dy·y); logSoftmax: dx = dy − exp(y) · Σ dy (inputs dy, y).
 */
function softmaxGradKernel(log: boolean): KernelRun {
  return (inputs, attrs: AxisAttrs, ctx) => {
    const [dy, y] = inputs
    const out = ctx.output(y.shape, dy.dtype)
    const o = view(out)
    const g = view(dy)
    const yv = view(y)
    const { outer, n, inner } = lines(y.shape, attrs.axis)
    for (let p = 0; p < outer; p++) {
      for (let q = 0; q < inner; q++) {
        const base = p * n * inner + q
        let s = 0
        if (log) {
          for (let i = 0; i < n; i++) s += g[base + i * inner]
          for (let i = 0; i < n; i++) {
            const k = base + i * inner
            o[k] = g[k] - Math.exp(yv[k]) * s
          }
        } else {
          for (let i = 0; i < n; i++) s += g[base + i * inner] * yv[base + i * inner]
          for (let i = 0; i < n; i++) {
            const k = base + i * inner
            o[k] = yv[k] * (g[k] - s)
          }
        }
      }
    }
    return out
  }
}

export function softmaxKernels(): [string, KernelRun][] {
  return [
    ['softmax', softmaxKernel(false)],
    ['logSoftmax', softmaxKernel(true)],
    ['softmaxGrad', softmaxGradKernel(false)],
    ['logSoftmaxGrad', softmaxGradKernel(true)],
  ]
}
