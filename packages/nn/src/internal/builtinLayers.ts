/** Registers the built-in layers with the layer registry (factories resolve classes lazily). */

import { type LayerFactory, registeredLayers, registerLayer } from '../layerRegistry.js'
import {
  Activation,
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  LogSoftmax,
  ReLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from '../layers/activations.js'
import { BatchNorm1d, BatchNorm2d } from '../layers/BatchNorm.js'
import { Conv2d } from '../layers/Conv2d.js'
import { Dense, Linear } from '../layers/Dense.js'
import { Dropout } from '../layers/Dropout.js'
import { Embedding } from '../layers/Embedding.js'
import { Flatten } from '../layers/Flatten.js'
import { LayerNorm } from '../layers/LayerNorm.js'
import { AvgPool2d, MaxPool2d } from '../layers/Pool2d.js'
import type { Module } from '../Module.js'
import { Sequential } from '../Sequential.js'

type C = Record<string, unknown>
const BUILTIN: Record<string, LayerFactory> = {
  Sequential: (c) => Sequential.fromConfig(c),
  Dense: (c) => Dense.fromConfig(c),
  Linear: (c) => Linear.fromConfig(c),
  Conv2d: (c) => new Conv2d(c as never),
  MaxPool2d: (c) => new MaxPool2d(c as never),
  AvgPool2d: (c) => new AvgPool2d(c as never),
  Flatten: () => new Flatten(),
  Dropout: (c) => new Dropout(c as never),
  BatchNorm1d: (c) => new BatchNorm1d(c as never),
  BatchNorm2d: (c) => new BatchNorm2d(c as never),
  LayerNorm: (c) => new LayerNorm(c as never),
  Embedding: (c) => new Embedding(c as never),
  Identity: () => new Identity(),
  ReLU: () => new ReLU(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  Softplus: () => new Softplus(),
  Softmax: (c: C) => new Softmax(c as never),
  LogSoftmax: (c: C) => new LogSoftmax(c as never),
  LeakyReLU: (c: C) => new LeakyReLU(c as never),
  ELU: (c: C) => new ELU(c as never),
  GELU: (c: C) => new GELU(c as never),
  Activation: (c: C) => new Activation(c as never),
}
const have = new Set(registeredLayers())
for (const [name, f] of Object.entries(BUILTIN))
  if (!have.has(name)) registerLayer(name, f as (c: C) => Module)
