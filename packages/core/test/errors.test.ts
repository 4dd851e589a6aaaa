import { describe, expect, test } from 'vitest'
import {
  BackendError,
  concat,
  conv2d,
  DisposedError,
  DTypeError,
  gather,
  getKernel,
  IndexError,
  KernelNotFoundError,
  MlstackError,
  ModelFormatError,
  matmul,
  maxPool2d,
  registerBackend,
  registerGradient,
  registerKernel,
  runOp,
  ShapeError,
  setBackend,
  tensor,
  zeros,
} from '../src/index.js'

describe('typed errors name the op, what was given and what was expected', () => {
  test('mismatched broadcast', () => {
    const a = zeros([2, 3])
    const b = zeros([4])
    expect(() => a.add(b)).toThrow(ShapeError)
    expect(() => a.add(b)).toThrow(/add: shapes \[2, 3\] and \[4\] cannot be broadcast/)
  })

  test('wrong rank', () => {
    expect(() => conv2d(zeros([3, 5, 5]), zeros([2, 3, 3, 3]))).toThrow(
      /conv2d: expected input of rank 4 \(NCHW\), got shape \[3, 5, 5\]/,
    )
    expect(() => maxPool2d(zeros([5, 5]), { kernelSize: 2 })).toThrow(ShapeError)
    expect(() => matmul(tensor(1), zeros([2]))).toThrow(/matmul: expected tensors of rank >= 1/)
  })

  test('matmul inner dimensions', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      /matmul: inner dimensions differ: \[2, 3\] @ \[4, 5\] \(3 vs 4\)/,
    )
  })

  test('bad axis', () => {
    const x = zeros([2, 3])
    expect(() => x.sum(2)).toThrow(/sum: axis 2 is out of range for a tensor of rank 2/)
    expect(() => x.sum([0, 0])).toThrow(/repeated/)
    expect(() => x.softmax(5)).toThrow(ShapeError)
    expect(() => x.transpose([0, 0])).toThrow(/not a permutation/)
    expect(() => x.squeeze(0)).toThrow(/expected 1/)
  })

  test('bad and empty shapes', () => {
    expect(() => zeros([2, -1])).toThrow(/full: expected a shape of non-negative integers/)
    expect(() => zeros([1.5])).toThrow(ShapeError)
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(
      /3 values cannot fill shape \[2, 2\]/,
    )
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/)
    expect(() => zeros([2, 3]).reshape([4, -1])).toThrow(/cannot reshape \[2, 3\]/)
    // Empty tensors are valid; reducing an empty axis to max/argmax is not.
    expect(zeros([0, 3]).sum(0).toArray()).toEqual([0, 0, 0])
    expect(() => zeros([0, 3]).max(0)).toThrow(/axis 0 of size 0/)
    expect(() => zeros([0]).argmax()).toThrow(ShapeError)
  })

  test('dtypes', () => {
    expect(() => zeros([2]).gather(tensor([0, 1]))).toThrow(
      /gather: indices must be int32, got float32/,
    )
    expect(() => concat([zeros([2]), zeros([2], { dtype: 'int32' })])).toThrow(DTypeError)
    expect(() => zeros([2]).cast('float16' as never)).toThrow(/unknown dtype float16/)
    expect(() => zeros([2], { dtype: 'int32' }).requiresGrad_()).toThrow(DTypeError)
  })

  test('indices out of range', () => {
    expect(() => gather(zeros([3]), [3])).toThrow(IndexError)
    expect(() => gather(zeros([3]), [3])).toThrow(/index 3 is out of range for an axis of size 3/)
    expect(() => zeros([2]).item()).toThrow(/item: expected a tensor with one element/)
  })

  test('NaN inputs propagate and never crash', () => {
    const x = tensor([1, Number.NaN, 3])
    expect(Number.isNaN(x.add(1).dataSync()[1])).toBe(true)
    expect(Number.isNaN(x.sum().item())).toBe(true)
    expect(Number.isNaN(x.max().item())).toBe(true)
    expect(Number.isNaN(x.softmax().dataSync()[0])).toBe(true)
    expect(x.argmax().item()).toBe(1) // NumPy: the first NaN wins
    expect(Number.isNaN(x.relu().dataSync()[1])).toBe(true)
    expect(Number.isNaN(x.maximum(0).dataSync()[1])).toBe(true)
    expect(Number.isNaN(x.clip(0, 2).dataSync()[1])).toBe(true)
    expect(x.greater(0).toArray()).toEqual([true, false, true])
    const m = tensor([[Number.NaN, 1]]).matmul(tensor([[0], [1]]))
    expect(Number.isNaN(m.item())).toBe(true) // NaN·0 is NaN: kernels must not skip zeros
    const img = tensor([1, Number.NaN, 3, 4]).reshape([1, 1, 2, 2])
    expect(Number.isNaN(img.conv2d(tensor([[[[0]]]])).dataSync()[1])).toBe(true)
    expect(Number.isNaN(img.maxPool2d({ kernelSize: 2 }).item())).toBe(true)
    expect(Number.isNaN(img.avgPool2d({ kernelSize: 2 }).item())).toBe(true)
  })

  test('use after dispose', () => {
    const x = tensor([1])
    x.dispose()
    expect(() => x.mul(2)).toThrow(DisposedError)
    expect(() => tensor([1]).add(x)).toThrow(/add: tensor of shape \[1\] \(float32\) was disposed/)
  })

  test('registries', () => {
    expect(() => registerKernel({ op: 'add', backend: 'cpu-ts', run: () => zeros([1]) })).toThrow(
      /already registered/,
    )
    expect(() => registerGradient({ op: 'add', grad: () => [] })).toThrow(MlstackError)
    expect(() => getKernel('fancyOp', 'cpu')).toThrow(KernelNotFoundError)
    expect(() => getKernel('fancyOp', 'cpu')).toThrow(
      /no kernel registered for op 'fancyOp' on backend 'cpu'/,
    )
    expect(() => setBackend('nope')).toThrow(BackendError)
    expect(() => registerBackend('cpu', () => null as never)).toThrow(/already registered/)
  })

  test('a backend without a kernel fails with the op and backend named', () => {
    registerBackend('empty-test', () => ({
      name: 'empty-test',
      storageId: 'wasm-heap',
      alloc: () => {
        throw new Error('unused')
      },
      write: () => {
        throw new Error('unused')
      },
      read: async () => new Float32Array(),
      readSync: () => new Float32Array(),
      dispose: () => {},
      move: (b) => b,
      memory: () => ({ numBuffers: 0, numBytes: 0, bytesReserved: 0, bytesInUse: 0 }),
    }))
    const x = zeros([2])
    setBackend('empty-test')
    try {
      expect(() => x.exp()).toThrow(/no kernel registered for op 'exp' on backend 'empty-test'/)
    } finally {
      setBackend('cpu')
    }
  })

  test('every error class extends MlstackError and has its own name', () => {
    for (const E of [
      ShapeError,
      DTypeError,
      IndexError,
      DisposedError,
      BackendError,
      ModelFormatError,
    ]) {
      const e = new E('someOp', 'message')
      expect(e).toBeInstanceOf(MlstackError)
      expect(e.name).toBe(E.name)
      expect(e.op).toBe('someOp')
      expect(e.message).toBe('someOp: message')
    }
  })
})

describe('registries', () => {
  test('a kernel registered after the backend is active is used at once', () => {
    setBackend('cpu-ts')
    try {
      expect(() => zeros([2]).reshape([2]).exp()).not.toThrow()
      registerKernel({
        op: 'lateTestOp',
        backend: 'cpu-ts',
        run: (inputs, _a, ctx) => ctx.output(inputs[0]?.shape ?? [], 'float32'),
      })
      expect(getKernel('lateTestOp', 'cpu-ts')).toBeTypeOf('function')
      expect(runOp('lateTestOp', [zeros([3])], undefined).shape).toEqual([3])
    } finally {
      setBackend('cpu')
    }
  })
})
