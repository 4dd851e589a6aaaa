#!/usr/bin/env python3
"""PyTorch reference for the app's recipe, over several seeds (the accuracy bar's spread).

Same recipe as the shared anchor (/work/shared/reference/anchors/bench_mlp.py): MLP
Linear(784,64) ReLU Linear(64,64) ReLU Linear(64,10), PyTorch default init, CrossEntropyLoss on
the logits, Adam(lr=1e-3), batch 32, 10 epochs, torch.randperm shuffle per epoch from a
generator seeded with the seed, last partial batch kept; test accuracy after every epoch.

Usage: /usr/bin/python3 pytorch_reference.py [--seeds 0,1,2,3,4] [--epochs 10]
       [--data /usr/share/datasets/fashion-mnist] > pytorch_seeds.json
Needs Debian's python3-torch and python3-numpy and the full data (dataset-fashion-mnist).
"""
import argparse
import gzip
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(d):
    x = lambda n: torch.from_numpy(read_idx(os.path.join(d, n)).reshape(-1, 784).astype(np.float32) / 255)
    y = lambda n: torch.from_numpy(read_idx(os.path.join(d, n)).astype(np.int64))
    return (x("train-images-idx3-ubyte.gz"), y("train-labels-idx1-ubyte.gz"),
            x("t10k-images-idx3-ubyte.gz"), y("t10k-labels-idx1-ubyte.gz"))


def run(seed, epochs, xtr, ytr, xte, yte):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    accs = []
    for _ in range(epochs):
        perm = torch.randperm(xtr.shape[0], generator=gen)
        for i in range(0, xtr.shape[0], 32):
            idx = perm[i:i + 32]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
        with torch.no_grad():
            accs.append((model(xte).argmax(1) == yte).float().mean().item())
    return accs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0,1,2,3,4")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = ap.parse_args()
    torch.set_num_threads(1)
    data = load(args.data)
    out = {"torch": torch.__version__, "epochs": args.epochs, "runs": []}
    for s in [int(v) for v in args.seeds.split(",")]:
        accs = run(s, args.epochs, *data)
        out["runs"].append({"seed": s, "test_accuracy": accs})
        print(f"seed {s}: " + " ".join(f"{a:.4f}" for a in accs), file=__import__("sys").stderr, flush=True)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
