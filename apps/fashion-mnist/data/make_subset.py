#!/usr/bin/env python3
"""Writes the embedded default subset of Fashion-MNIST that `pnpm start` uses offline.

Source: Debian's `dataset-fashion-mnist` package (/usr/share/datasets/fashion-mnist, the four
standard IDX .gz files of https://github.com/zalandoresearch/fashion-mnist, MIT license,
Copyright 2017 Zalando SE; see data/LICENSE). The subset is the FIRST 6000 training and the
FIRST 1000 test images and labels (no shuffling), so anyone can check it against the full set.

Usage: python3 make_subset.py [--src /usr/share/datasets/fashion-mnist] [--out .]
       [--train 6000] [--test 1000]
Standard library only. gzip is written with mtime 0 so the output is byte-for-byte reproducible.
"""
import argparse
import gzip
import os
import struct


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file")
    dims = list(struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim]))
    return dtype, dims, raw[4 + 4 * ndim:]


def write_idx(path, dtype, dims, body):
    header = struct.pack(">HBB", 0, dtype, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + body)


def subset(src, out, name, n):
    dtype, dims, body = read_idx(os.path.join(src, name))
    if n > dims[0]:
        raise SystemExit(f"{name}: asked for {n} items, the file has {dims[0]}")
    per_item = 1
    for d in dims[1:]:
        per_item *= d
    write_idx(os.path.join(out, name), dtype, [n] + dims[1:], body[:n * per_item])
    print(f"{name}: {n} of {dims[0]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--train", type=int, default=6000)
    ap.add_argument("--test", type=int, default=1000)
    args = ap.parse_args()
    for split, n in (("train", args.train), ("t10k", args.test)):
        subset(args.src, args.out, f"{split}-images-idx3-ubyte.gz", n)
        subset(args.src, args.out, f"{split}-labels-idx1-ubyte.gz", n)


if __name__ == "__main__":
    main()
