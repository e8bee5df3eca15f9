"""Reference for bench/train.bench.ts: the same full-batch gradient descent on
BCE with logits for a two-layer ReLU network (hidden bias, no output bias), in
numpy. Reads the problem (standardised data, initial parameters, epochs, step)
from the JSON file named on the command line; prints one JSON line with the
median time per run of all epochs and the final training loss."""
import json
import sys
import time

import numpy as np


def train(X, y, W, b, a, lr, epochs):
    n = X.shape[0]
    for _ in range(epochs):
        Z = X @ W.T + b
        H = np.maximum(Z, 0.0)
        f = H @ a
        r = (1.0 / (1.0 + np.exp(-f)) - y) / n
        ga = H.T @ r
        D = np.outer(r, a) * (Z > 0)
        gW = D.T @ X
        gb = D.sum(axis=0)
        W -= lr * gW
        b -= lr * gb
        a -= lr * ga
    f = np.maximum(X @ W.T + b, 0.0) @ a
    return float(np.mean(np.logaddexp(0.0, f) - y * f))


def main():
    p = json.load(open(sys.argv[1]))
    X = np.array(p["X"], dtype=np.float64)
    y = np.array(p["y"], dtype=np.float64)
    times = []
    loss = None
    for _ in range(int(p["repeats"])):
        W = np.array(p["W1"], dtype=np.float64)
        b = np.array(p["b1"], dtype=np.float64)
        a = np.array(p["a"], dtype=np.float64)
        t0 = time.perf_counter()
        loss = train(X, y, W, b, a, float(p["lr"]), int(p["epochs"]))
        times.append((time.perf_counter() - t0) * 1000.0)
    times.sort()
    print(json.dumps({"ms": times[len(times) // 2], "loss": loss, "numpy": np.__version__}))


main()
