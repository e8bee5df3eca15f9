#!/usr/bin/env python3
"""Independent reference for `relutopo gd --arith exact`: gradient descent on a
two-layer network written from docs/theory.md alone, in Python's exact fractions.

usage: gd_reference.py NET.json DATA.csv LR STEPS   (prints JSON to stdout)

The output mirrors the CLI's `params`, `losses`, `invariants` and `drift`
fields, with every value in lowest terms as "p/q" or an integer.
"""
import csv
import json
import sys
from fractions import Fraction as Q


def num(text):
    text = str(text).strip()
    if "/" in text:
        p, q = text.split("/")
        return Q(p) / Q(q)
    return Q(text)  # Fraction reads decimal and scientific literals exactly


def s(x):
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def act(kind):
    if kind == "relu":
        return (lambda z: z if z > 0 else Q(0)), (lambda z: Q(1) if z > 0 else Q(0))
    if kind == "abs":
        return (lambda z: abs(z)), (lambda z: Q((z > 0) - (z < 0)))
    if kind == "linear":
        return (lambda z: z), (lambda z: Q(1))
    slope = num(kind.split(":", 1)[1])
    return (lambda z: z if z > 0 else slope * z), (lambda z: Q(1) if z > 0 else slope)


def main():
    net = json.load(open(sys.argv[1]), parse_float=str, parse_int=str)
    rows = list(csv.reader(open(sys.argv[2])))[1:]
    lr, steps = num(sys.argv[3]), int(sys.argv[4])
    sig, dsig = act(net.get("activation", "relu"))
    W1 = [[num(v) for v in r] for r in net["W1"]]
    W2 = [[num(v) for v in r] for r in net["W2"]]
    b1 = [num(v) for v in net["b1"]] if "b1" in net else None
    b2 = [num(v) for v in net["b2"]] if "b2" in net else None
    l, d, e = len(W1), len(W1[0]), len(W2)
    X = [[num(v) for v in r[:d]] for r in rows if r]
    Y = [[num(v) for v in r[d:]] for r in rows if r]
    n = len(X)

    def invariants():
        return [sum(v * v for v in W1[k]) + (b1[k] ** 2 if b1 else 0) - sum(W2[j][k] ** 2 for j in range(e)) for k in range(l)]

    def loss_grad():
        gW1 = [[Q(0)] * d for _ in range(l)]
        gb1 = [Q(0)] * l
        gW2 = [[Q(0)] * l for _ in range(e)]
        gb2 = [Q(0)] * e
        L = Q(0)
        for x, y in zip(X, Y):
            z = [sum(W1[k][m] * x[m] for m in range(d)) + (b1[k] if b1 else 0) for k in range(l)]
            h = [sig(v) for v in z]
            f = [sum(W2[j][k] * h[k] for k in range(l)) + (b2[j] if b2 else 0) for j in range(e)]
            r = [f[j] - y[j] for j in range(e)]
            L += sum(v * v for v in r) / n
            for j in range(e):
                gb2[j] += 2 * r[j] / n
                for k in range(l):
                    gW2[j][k] += 2 * r[j] * h[k] / n
            for k in range(l):
                delta = sum(W2[j][k] * 2 * r[j] / n for j in range(e)) * dsig(z[k])
                gb1[k] += delta
                for m in range(d):
                    gW1[k][m] += delta * x[m]
        return L, gW1, gb1, gW2, gb2

    losses, invs, observed, predicted = [], [invariants()], [], []
    for _ in range(steps):
        L, gW1, gb1, gW2, gb2 = loss_grad()
        losses.append(L)
        predicted.append([lr * lr * (sum(v * v for v in gW1[k]) + (gb1[k] ** 2 if b1 else 0) - sum(gW2[j][k] ** 2 for j in range(e))) for k in range(l)])
        W1 = [[W1[k][m] - lr * gW1[k][m] for m in range(d)] for k in range(l)]
        W2 = [[W2[j][k] - lr * gW2[j][k] for k in range(l)] for j in range(e)]
        if b1:
            b1 = [b1[k] - lr * gb1[k] for k in range(l)]
        if b2:
            b2 = [b2[j] - lr * gb2[j] for j in range(e)]
        c = invariants()
        observed.append([c[k] - invs[-1][k] for k in range(l)])
        invs.append(c)
    losses.append(loss_grad()[0])
    params = {"W1": [[s(v) for v in r] for r in W1]}
    if b1:
        params["b1"] = [s(v) for v in b1]
    params["W2"] = [[s(v) for v in r] for r in W2]
    if b2:
        params["b2"] = [s(v) for v in b2]
    out = {
        "params": params,
        "losses": [s(v) for v in losses],
        "invariants": [[s(v) for v in r] for r in invs],
        "drift": {"observed": [[s(v) for v in r] for r in observed], "predicted": [[s(v) for v in r] for r in predicted]},
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
