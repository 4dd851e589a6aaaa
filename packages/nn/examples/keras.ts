// The Keras seed model in TypeScript: Dense 784-64(relu)-64(relu)-10(softmax), Adam, sparse CE.
import { manualSeed } from '@mlstack/core'
import { loadFashionMnist } from '@mlstack/data'
import { Dense, EarlyStopping, loadModel, Sequential } from '@mlstack/nn'

const limit = Number(process.env.NN_EXAMPLE_LIMIT ?? 0) || undefined // a quick run for tests
const train = await loadFashionMnist({ split: 'train', limit })
const test = await loadFashionMnist({ split: 'test', limit })

manualSeed(0)
const model = new Sequential([
  new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
  new Dense({ units: 64, activation: 'relu' }),
  new Dense({ units: 10, activation: 'softmax' }),
])
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
console.log(model.summary())

const history = await model.fit(train.images, train.labels, {
  epochs: limit ? 2 : 10,
  batchSize: 32,
  validationSplit: 0.1,
  seed: 0,
  callbacks: [new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true })],
})
console.log('val accuracy per epoch', history.history.val_accuracy)

const { loss, accuracy } = await model.evaluate(test.images, test.labels)
console.log(`test loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(1)} %`)

await model.save('fashion-mlp.safetensors', { metadata: { dataset: 'fashion-mnist' } })
const again = await loadModel<Sequential>('fashion-mlp.safetensors')
const probs = again.predict({ data: test.images.data.subarray(0, 784), shape: [1, 784] })
console.log(
  'first test image, class probabilities',
  Array.from(probs.dataSync(), (p) => p.toFixed(3)),
)
