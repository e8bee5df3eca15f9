"""Reference for bench/train.bench.ts: the same full-batch gradient descent on
BCE with logits for a ReLU network of any depth (biases as the problem says),
in numpy (hand-written back-propagation) or in PyTorch (autograd and
torch.optim.SGD, float64, one thread). Reads the problem (standardised data,
initial layers, epochs, step) from the JSON file named on the command line;
prints one JSON line with the CPU time (of every thread) of each run of all
epochs, their median and the final training loss; with `paired` after the file, one run per
line read on stdin, each answered with one JSON line (the benchmark pairs its runs with these).
Usage: train_reference.py numpy|torch problem.json [paired]"""
import json
import sys
import time

import numpy as np


def train_numpy(X, y, layers, lr, epochs):
    n = X.shape[0]
    depth = len(layers)
    for _ in range(epochs):
        inputs, pre = [], []
        a = X
        for l, (W, b) in enumerate(layers):
            inputs.append(a)
            z = a @ W.T
            if b is not None:
                z = z + b
            pre.append(z)
            a = np.maximum(z, 0.0) if l < depth - 1 else z
        f = a[:, 0]
        delta = ((1.0 / (1.0 + np.exp(-f)) - y) / n)[:, None]
        grads = [None] * depth
        for l in range(depth - 1, -1, -1):
            W, b = layers[l]
            gW = delta.T @ inputs[l]
            gb = delta.sum(axis=0) if b is not None else None
            if l > 0:
                delta = (delta @ W) * (pre[l - 1] > 0)
            grads[l] = (gW, gb)
        for (W, b), (gW, gb) in zip(layers, grads):
            W -= lr * gW
            if b is not None:
                b -= lr * gb
    a = X
    for l, (W, b) in enumerate(layers):
        z = a @ W.T + (b if b is not None else 0.0)
        a = np.maximum(z, 0.0) if l < depth - 1 else z
    f = a[:, 0]
    return float(np.mean(np.logaddexp(0.0, f) - y * f))


def train_torch(X, y, layers, lr, epochs):
    import torch

    Xt = torch.tensor(X)
    yt = torch.tensor(y)
    params = []
    for W, b in layers:
        params.append(torch.tensor(W, requires_grad=True))
        params.append(torch.tensor(b, requires_grad=True) if b is not None else None)
    opt = torch.optim.SGD([p for p in params if p is not None], lr=lr)
    depth = len(layers)

    def forward():
        a = Xt
        for l in range(depth):
            W, b = params[2 * l], params[2 * l + 1]
            a = torch.nn.functional.linear(a, W, b)
            if l < depth - 1:
                a = torch.relu(a)
        return torch.nn.functional.binary_cross_entropy_with_logits(a[:, 0], yt)

    for _ in range(epochs):
        opt.zero_grad()
        forward().backward()
        opt.step()
    with torch.no_grad():
        return float(forward())


def blas_of_numpy():
    """' with NAME VERSION' of the BLAS numpy was built with (its speed, more than numpy's, sets the reference's), or ''."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f" with {blas['name']} {blas['version']}"
    except Exception:
        return ""


def main():
    mode, path = sys.argv[1], sys.argv[2]
    p = json.load(open(path))
    X = np.array(p["X"], dtype=np.float64)
    y = np.array(p["y"], dtype=np.float64)
    if mode == "torch":
        import torch

        torch.set_num_threads(1)
        version = torch.__version__
        train = train_torch
    else:
        version = f"{np.__version__}{blas_of_numpy()}"
        train = train_numpy
    def once():
        layers = [
            (np.array(L["W"], dtype=np.float64), np.array(L["b"], dtype=np.float64) if L.get("b") is not None else None)
            for L in p["layers"]
        ]
        t0 = time.process_time()
        loss = train(X, y, layers, float(p["lr"]), int(p["epochs"]))
        return (time.process_time() - t0) * 1000.0, loss

    if len(sys.argv) > 3 and sys.argv[3] == "paired":
        # one run per request line, each answered at once: the benchmark pairs every run of its own with one of these
        print(json.dumps({"version": version}), flush=True)
        for _ in sys.stdin:
            ms, loss = once()
            print(json.dumps({"ms": ms, "loss": loss}), flush=True)
        return
    times = []
    loss = None
    for _ in range(int(p["repeats"])):
        ms, loss = once()
        times.append(ms)
    print(json.dumps({"times": times, "ms": sorted(times)[len(times) // 2], "loss": loss, "version": version}))


main()
