/**
 * The seed model: Keras's Sequential Dense 784-64(relu)-64(relu)-10(softmax). By default it is
 * initialized like PyTorch's `nn.Linear` (weights and biases U(±1/√fan_in)) rather than with
 * Keras's Glorot-uniform kernels and zero biases, because the accuracy bar is PyTorch's run of
 * this recipe (87.6 % after 10 epochs, seed 0) and the initialization is part of the recipe.
 * `--init glorot` gives Keras's defaults for comparison.
 */
import { Dense, Sequential } from '@mlstack/nn'

export const MODEL_DESCRIPTION = 'Dense 784→64 (ReLU) → 64 (ReLU) → 10 (softmax)'

/** `torch`: PyTorch's nn.Linear default; `glorot`: Keras's Dense default. */
export type InitScheme = 'torch' | 'glorot'
export const INIT_SCHEMES: readonly InitScheme[] = ['torch', 'glorot']

export const INIT_DESCRIPTIONS: Record<InitScheme, string> = {
  torch: "PyTorch's nn.Linear default: weights and biases U(±1/√fan_in) (kaiming_uniform a=√5)",
  glorot: "Keras's Dense default: Glorot-uniform kernels U(±√(6/(fan_in+fan_out))), zero biases",
}

/**
 * @example
 * const model = buildModel(0)
 * model.compile({ optimizer: { name: 'adam', lr: 1e-3 }, loss: 'sparseCategoricalCrossentropy' })
 */
export function buildModel(seed: number, scheme: InitScheme = 'torch'): Sequential {
  // Each layer gets its own seed (the bias draws from seed + 1), so the three layers differ.
  const init = (i: number) =>
    scheme === 'torch'
      ? {
          kernelInitializer: 'torchDefault' as const,
          biasInitializer: 'torchDefaultBias' as const,
          seed: seed * 100 + 2 * i,
        }
      : {
          kernelInitializer: 'glorotUniform' as const,
          biasInitializer: 'zeros' as const,
          seed: seed * 100 + 2 * i,
        }
  return new Sequential({
    name: 'fashion_mnist_mlp',
    layers: [
      new Dense({ units: 64, activation: 'relu', inputShape: [784], ...init(0) }),
      new Dense({ units: 64, activation: 'relu', ...init(1) }),
      new Dense({ units: 10, activation: 'softmax', ...init(2) }),
    ],
  })
}
