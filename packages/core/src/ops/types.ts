/** Argument types shared by the ops. */
import type { Tensor } from '../tensor/Tensor.js'

/** A tensor, or a scalar that is broadcast (dtype follows the tensor operand, as in NumPy). */
export type TensorLike = Tensor | number | boolean

/** One axis, several axes, or undefined for all axes. Negative axes count from the end. */
export type Axis = number | readonly number[] | undefined

export interface Conv2dOptions {
  /** Default 1. */
  stride?: number | readonly [number, number]
  /** Zero padding: one number, [padH, padW], [top, bottom, left, right], 'valid' (0) or 'same' (stride 1). */
  padding?: number | readonly number[] | 'valid' | 'same'
  /** Default 1. */
  dilation?: number | readonly [number, number]
  /** Channel groups (C and O divisible by it). Default 1. */
  groups?: number
  /** Optional bias of shape [O], added per output channel. */
  bias?: Tensor
}

export interface Pool2dOptions {
  kernelSize: number | readonly [number, number]
  /** Default: kernelSize. */
  stride?: number | readonly [number, number]
  /** Symmetric padding (max: -inf, avg: zeros counted in the mean). Default 0. */
  padding?: number | readonly [number, number]
}
