// The finite-difference helper must catch a wrong gradient (so the layer checks can fail).
import { customGrad, randn, type Tensor } from '@mlstack/core'
import { expect, test } from 'vitest'
import { Module } from '../src/index.js'
import { moduleGradError } from './helpers.js'

class WrongSquare extends Module {
  w = this.registerParameter('w', randn([3], { seed: 0, dtype: 'float64' }))
  forward(x: Tensor): Tensor {
    const sq = customGrad((a: Tensor) => ({
      value: a.square(),
      save: [a],
      grad: (dy, [s]) => [dy.mul(s).mul(3)], // should be 2·a
    }))
    return sq(x.mul(this.w))
  }
}

test('moduleGradError detects a wrong gradient rule', () => {
  expect(
    moduleGradError(new WrongSquare(), randn([4, 3], { seed: 1, dtype: 'float64' })),
  ).toBeGreaterThan(0.1)
})
