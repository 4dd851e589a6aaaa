// The same model PyTorch-style: a Module subclass, an explicit loop, zeroGrad/backward/step.
import { manualSeed, noGrad, type Tensor, tensor, tidy } from '@mlstack/core'
import { loadFashionMnist } from '@mlstack/data'
import { crossEntropy, Linear, Module } from '@mlstack/nn'
import { Adam, StepLR } from '@mlstack/optimizers'

class Mlp extends Module {
  fc1 = this.registerModule('fc1', new Linear(784, 64))
  fc2 = this.registerModule('fc2', new Linear(64, 64))
  fc3 = this.registerModule('fc3', new Linear(64, 10))
  forward(x: Tensor): Tensor {
    return this.fc3.call(this.fc2.call(this.fc1.call(x).relu()).relu())
  }
}

const limit = Number(process.env.NN_EXAMPLE_LIMIT ?? 0) || undefined
const train = await loadFashionMnist({ split: 'train', limit })
const test = await loadFashionMnist({ split: 'test', limit })
const n = train.labels.data.length
const x = train.images.data
const y = Int32Array.from(train.labels.data)

manualSeed(0)
const model = new Mlp()
const optimizer = new Adam(model.parameters(), { lr: 1e-3 })
const scheduler = new StepLR(optimizer, { stepSize: 3, gamma: 0.5 })
const batch = 64
for (let epoch = 0; epoch < (limit ? 1 : 5); epoch++) {
  model.train()
  let total = 0
  for (let s = 0; s < n; s += batch) {
    const e = Math.min(n, s + batch)
    optimizer.zeroGrad()
    total += tidy(() => {
      const xb = tensor(x.subarray(s * 784, e * 784), { shape: [e - s, 784] })
      const loss = crossEntropy(model.call(xb), tensor(y.subarray(s, e), { dtype: 'int32' }))
      loss.backward()
      return loss.item()
    })
    optimizer.step()
  }
  scheduler.step()
  model.eval()
  const pred = noGrad(() =>
    tidy(() => model.call(tensor(test.images.data, { shape: test.images.shape })).argmax(1)),
  )
  const p = pred.dataSync()
  pred.dispose()
  let correct = 0
  for (let i = 0; i < p.length; i++) if (p[i] === test.labels.data[i]) correct++
  const acc = correct / p.length
  console.log(
    `epoch ${epoch + 1}: loss ${(total / Math.ceil(n / batch)).toFixed(4)}, test accuracy ${(acc * 100).toFixed(1)} %`,
  )
}
