"""PyTorch side of @mlstack/nn's benchmark (run by bench/index.ts with /usr/bin/python3).

The seed recipe: MLP 784-64(relu)-64(relu)-10, cross-entropy on logits, Adam lr 1e-3,
PyTorch default init, 1 thread, seeded shuffle, batches sliced from one tensor (the recipe of
/work/shared/reference/anchors/bench_mlp.py). Epoch time = training loop only.
Prints one JSON line: per-epoch wall and process-CPU seconds, test accuracy, inference rates.

Usage: bench_torch.py --data DIR|synthetic --batch 32 --epochs 3 [--infer]
"""
import argparse
import gzip
import json
import os
import statistics
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
try:
    from threadpoolctl import threadpool_limits
    _lim = threadpool_limits(limits=1)
except Exception:  # threadpoolctl is optional
    _lim = None


def idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    nd = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def load(data):
    if data == "synthetic":
        g = np.random.default_rng(0)
        xtr = g.random((60000, 784), dtype=np.float32)
        ytr = g.integers(0, 10, 60000)
        xte = g.random((10000, 784), dtype=np.float32)
        yte = g.integers(0, 10, 10000)
    else:
        def find(stem):
            for n in (stem + ".gz", stem):
                if os.path.exists(os.path.join(data, n)):
                    return os.path.join(data, n)
            raise FileNotFoundError(stem)
        xtr = idx(find("train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
        ytr = idx(find("train-labels-idx1-ubyte")).astype(np.int64)
        xte = idx(find("t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
        yte = idx(find("t10k-labels-idx1-ubyte")).astype(np.int64)
    return (torch.from_numpy(xtr), torch.from_numpy(ytr).long(), torch.from_numpy(xte),
            torch.from_numpy(yte).long())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="synthetic")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--infer", action="store_true")
    a = ap.parse_args()
    xtr, ytr, xte, yte = load(a.data)
    if a.limit:
        xtr, ytr = xtr[:a.limit], ytr[:a.limit]
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    epochs = []
    for ep in range(a.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(xtr.shape[0], generator=gen)
        for i in range(0, xtr.shape[0], a.batch):
            j = perm[i:i + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xtr[j]), ytr[j])
            loss.backward()
            opt.step()
            loss.item()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        with torch.no_grad():
            acc = (model(xte).argmax(1) == yte).double().mean().item()
        epochs.append({"wall": wall, "cpu": cpu, "test_acc": acc})
    res = {"torch": torch.__version__, "n": xtr.shape[0], "batch": a.batch, "epochs": epochs,
           "samples_per_s_wall": xtr.shape[0] / statistics.median(e["wall"] for e in epochs),
           "samples_per_s_cpu": xtr.shape[0] / statistics.median(e["cpu"] for e in epochs)}
    if a.infer:
        model.eval()
        with torch.inference_mode():
            for bs, n in ((1, 2000), (256, 10000)):
                chunks = [xte[i:i + bs] for i in range(0, n, bs)]
                for c in chunks[:20]:
                    model(c)
                walls, cpus = [], []
                for _ in range(5):
                    t0, c0 = time.perf_counter(), time.process_time()
                    for c in chunks:
                        model(c)
                    walls.append(n / (time.perf_counter() - t0))
                    cpus.append(n / (time.process_time() - c0))
                res[f"infer_b{bs}_wall"] = statistics.median(walls)
                res[f"infer_b{bs}_cpu"] = statistics.median(cpus)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
