/**
 * `pnpm start`: trains a 2-16-16-1 MLP on two interleaved spirals with nothing but core tensor
 * ops, autograd and a hand-written SGD-with-momentum update, and prints the loss going down.
 */
import {
  getBackend,
  manualSeed,
  memory,
  noGrad,
  randn,
  type Tensor,
  tensor,
  tidy,
  zeros,
} from '../src/index.js'

manualSeed(0)

// Two spirals, 200 points each: not linearly separable, so the hidden layers have to work.
const n = 200
const pts: number[][] = []
const labels: number[] = []
for (let c = 0; c < 2; c++) {
  for (let i = 0; i < n; i++) {
    const r = (i / n) * 3 + 0.2
    const t = (i / n) * 3.5 * Math.PI + c * Math.PI
    pts.push([
      r * Math.cos(t) + 0.05 * Math.sin(i * 12.9898),
      r * Math.sin(t) + 0.05 * Math.cos(i * 78.233),
    ])
    labels.push(c)
  }
}
const X = tensor(pts)
const y = tensor(labels, { shape: [2 * n, 1] })

const layer = (i: number, o: number, seed: number) => ({
  w: randn([i, o], { seed, std: Math.sqrt(2 / i), requiresGrad: true }),
  b: zeros([o], { requiresGrad: true }),
})
const layers = [layer(2, 32, 1), layer(32, 32, 2), layer(32, 1, 3)]
const params = layers.flatMap((l) => [l.w, l.b])
const velocity = params.map((p) => zeros(p.shape))

const forward = (x: Tensor): Tensor => {
  let h = x
  layers.forEach((l, i) => {
    h = h.matmul(l.w).add(l.b)
    if (i < layers.length - 1) h = h.tanh()
  })
  return h // logits
}

// Binary cross-entropy on logits, written from primitives: softplus(z) - y·z.
const bce = (logits: Tensor, target: Tensor) => logits.softplus().sub(logits.mul(target)).mean()

console.log(`mlstack core demo: MLP on two spirals (${2 * n} points), backend '${getBackend()}'`)
const lr = 0.1
const start = performance.now()
for (let epoch = 0; epoch <= 1200; epoch++) {
  const loss = tidy(() => {
    const l = bce(forward(X), y)
    l.backward()
    noGrad(() => {
      params.forEach((p, i) => {
        const v = velocity[i] as Tensor
        v.assign(v.mul(0.9).add(p.grad as Tensor))
        p.assign(p.sub(v.mul(lr)))
        p.zeroGrad()
      })
    })
    return l.item()
  })
  if (epoch % 100 === 0) {
    const acc = tidy(() =>
      forward(X).greater(0).cast('float32').equal(y).cast('float32').mean().item(),
    )
    console.log(
      `epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}  accuracy ${(acc * 100).toFixed(1)}%`,
    )
  }
}
const m = memory()
console.log(
  `done in ${((performance.now() - start) / 1000).toFixed(2)} s; live tensors ${m.numTensors}, heap ${(m.heapBytesReserved / 2 ** 20).toFixed(1)} MiB`,
)
