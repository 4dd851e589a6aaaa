"""PyTorch anchor for bench/index.ts: median µs per optimizer.step() on the 784-64-64-10 MLP's
parameters (55,114 float32 values), 1 thread, in process CPU time (robust to other load on a
shared machine). Prints JSON {name: microseconds}.

    /usr/bin/python3 packages/optimizers/bench/torch_step.py
"""
import json
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
SHAPES = [(64, 784), (64,), (64, 64), (64,), (10, 64), (10,)]


def median_us(opt, reps=200, samples=9):
    for _ in range(50):
        opt.step()
    times = []
    for _ in range(samples):
        t0 = time.process_time()
        for _ in range(reps):
            opt.step()
        times.append((time.process_time() - t0) / reps)
    times.sort()
    return times[len(times) // 2] * 1e6


def params():
    ps = [torch.randn(s, requires_grad=True) for s in SHAPES]
    for p in ps:
        p.grad = torch.randn(p.shape) * 1e-3
    return ps


out = {}
for name, make in [
    ('Adam', lambda ps, fe: torch.optim.Adam(ps, lr=1e-3, foreach=fe)),
    ('AdamW', lambda ps, fe: torch.optim.AdamW(ps, lr=1e-3, foreach=fe)),
    ('SGD momentum', lambda ps, fe: torch.optim.SGD(ps, lr=1e-2, momentum=0.9, foreach=fe)),
    ('RMSprop', lambda ps, fe: torch.optim.RMSprop(ps, lr=1e-3, foreach=fe)),
]:
    for fe in (False, True):
        out[f'{name} (foreach={fe})'] = median_us(make(params(), fe))
ps = params()
for _ in range(50):
    torch.nn.utils.clip_grad_norm_(ps, 1e9)
t0 = time.process_time()
for _ in range(500):
    torch.nn.utils.clip_grad_norm_(ps, 1e9)
out['clip_grad_norm_'] = (time.process_time() - t0) / 500 * 1e6
print(json.dumps({'torch': torch.__version__, 'results': out}))
