/** Every op as a free function (the Tensor methods delegate here). */
export * from './assign.js'
export * from './creation.js'
export * from './elementwise.js'
export * from './indexing.js'
export * from './linalg.js'
export * from './movement.js'
export * from './nn.js'
export * from './reduce.js'
