/** The typed arrays that parameters, gradients and optimizer state live in. */
export type FloatArray = Float32Array | Float64Array
