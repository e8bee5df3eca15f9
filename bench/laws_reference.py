"""
The float-based count of conservation laws, the way the reference tools do it
(Marcotte, Gribonval, Peyré 2023): the reparametrisation φ(θ) of a two-layer
network (path products for ReLU-type activations, entries of W2·W1 for
linear ones), the Jacobian fields ∇φ_g built symbolically (sympy), iterated
Lie brackets, and the floating-point rank (numpy) of their values at one
random point, until the rank stops growing. Prints {"count": D - rank,
"seconds": ...} for the widths and activation given on the command line.

Usage: python3 laws_reference.py d,r,e relu|linear [bias]
"""
import json
import sys
import time

import numpy as np
import sympy as sp


def generators(d, r, e, linear, bias):
    W1 = sp.Matrix(r, d, lambda k, i: sp.Symbol(f"w{k}_{i}"))
    b1 = sp.Matrix(r, 1, lambda k, _: sp.Symbol(f"b{k}")) if bias else None
    W2 = sp.Matrix(e, r, lambda o, k: sp.Symbol(f"a{o}_{k}"))
    b2 = sp.Matrix(e, 1, lambda o, _: sp.Symbol(f"c{o}")) if bias else None
    theta = list(W1) + (list(b1) if bias else []) + list(W2) + (list(b2) if bias else [])
    phi = []
    if linear:
        phi += list(W2 * W1)
        if bias:
            phi += list(W2 * b1 + b2)
    else:
        phi += [W2[o, k] * W1[k, i] for o in range(e) for k in range(r) for i in range(d)]
        if bias:
            phi += [W2[o, k] * b1[k] for o in range(e) for k in range(r)] + list(b2)
    return theta, phi


def count(d, r, e, linear, bias, seed=1):
    theta, phi = generators(d, r, e, linear, bias)
    D = len(theta)
    fields = [sp.Matrix([sp.diff(p, t) for t in theta]) for p in phi]
    point = dict(zip(theta, np.random.default_rng(seed).standard_normal(D)))
    value = lambda f: np.array([float(c.subs(point)) for c in f])
    values = [value(f) for f in fields]
    rank = np.linalg.matrix_rank(np.array(values))
    jac = lambda f: f.jacobian(theta)
    level = fields
    while rank < D:
        new = []
        for X in fields:
            for Y in level:
                Z = sp.expand(jac(Y) * X - jac(X) * Y)
                if any(c != 0 for c in Z):
                    new.append(Z)
        if not new:
            break
        values += [value(Z) for Z in new]
        grown = np.linalg.matrix_rank(np.array(values))
        if grown == rank:
            break
        rank, level = grown, new
    return D - rank


if __name__ == "__main__":
    d, r, e = (int(x) for x in sys.argv[1].split(","))
    t0 = time.perf_counter()
    c = count(d, r, e, sys.argv[2] == "linear", len(sys.argv) > 3 and sys.argv[3] == "bias")
    print(json.dumps({"count": int(c), "seconds": time.perf_counter() - t0}))
