"""scikit-learn side of `pnpm bench` for @mlstack/classical.

Reads a JSON job list on stdin: [{"id", "expr", "dataset", "prep", "task", "repeats", "ref"}],
fits `expr` (a constructor expression, e.g. "SVC(gamma='scale')") `repeats` times on the same
reference split the TypeScript side uses, and prints one JSON list of
{"id", "fit_s", "fit_cpu_s", "predict_s", "score"} (medians of the timed runs: wall clock and
process CPU time; score = accuracy or R²).
"""
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
from sklearn.ensemble import *  # noqa: F401,F403 - case expressions name these
from sklearn.linear_model import *  # noqa: F401,F403
from sklearn.naive_bayes import *  # noqa: F401,F403
from sklearn.neighbors import *  # noqa: F401,F403
from sklearn.svm import *  # noqa: F401,F403
from sklearn.tree import *  # noqa: F401,F403

warnings.filterwarnings("ignore")


def load(ref, name, prep):
    d = os.path.join(ref, "datasets")
    tr = np.loadtxt(os.path.join(d, f"{name}_train.csv"), delimiter=",", skiprows=1)
    te = np.loadtxt(os.path.join(d, f"{name}_test.csv"), delimiter=",", skiprows=1)
    Xtr, ytr, Xte, yte = tr[:, :-1], tr[:, -1], te[:, :-1], te[:, -1]
    if prep == "std":
        meta = json.load(open(os.path.join(d, f"{name}_split.json")))
        mu, sc = np.array(meta["std_mean"]), np.array(meta["std_scale"])
        Xtr, Xte = (Xtr - mu) / sc, (Xte - mu) / sc
    return Xtr, ytr, Xte, yte


def main():
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        Xtr, ytr, Xte, yte = load(job["ref"], job["dataset"], job["prep"])
        fits, cpus, preds = [], [], []
        eval(job["expr"]).fit(Xtr, ytr)  # noqa: S307 - warm-up, untimed (as on the JS side)
        for _ in range(job["repeats"]):
            model = eval(job["expr"])  # noqa: S307 - expressions come from the repo's case files
            t, c = time.perf_counter(), time.process_time()
            model.fit(Xtr, ytr)
            fits.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        for _ in range(job["repeats"]):
            t = time.perf_counter()
            p = model.predict(Xte)
            preds.append(time.perf_counter() - t)
        if job["task"] == "classification":
            score = float(np.mean(p == yte))
        else:
            score = float(1 - np.sum((yte - p) ** 2) / np.sum((yte - np.mean(yte)) ** 2))
        out.append({"id": job["id"], "fit_s": statistics.median(fits),
                    "fit_cpu_s": statistics.median(cpus),
                    "predict_s": statistics.median(preds), "score": score})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
