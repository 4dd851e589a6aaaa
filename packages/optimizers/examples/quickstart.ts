// Quick start (shown in the README): fit y = 3x - 1 with Adam, a cosine schedule and clipping.
// Run: node --conditions=@mlstack/source --import tsx examples/quickstart.ts
import { randn, tensor, tidy } from '@mlstack/core'
import { Adam, CosineAnnealingLR, clipGradNorm } from '@mlstack/optimizers'

const x = randn([64, 1], { seed: 0 })
const y = x.mul(3).sub(1)
const w = tensor([[0]], { requiresGrad: true })
const b = tensor([0], { requiresGrad: true })

const opt = new Adam([w, b], { lr: 0.1 })
const schedule = new CosineAnnealingLR(opt, { tMax: 300 })
for (let step = 0; step < 300; step++) {
  opt.zeroGrad()
  tidy(() => x.matmul(w).add(b).sub(y).square().mean().backward())
  clipGradNorm([w, b], 10)
  opt.step()
  schedule.step()
}
console.log(w.item(), b.item()) // ≈ 3 -1
