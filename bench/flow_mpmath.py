"""Reference integrations of the gradient flow of bench/flow/ with mpmath.

Usage: python3 flow_mpmath.py NET.json DATA.csv T DIGITS [odefun|regions]

odefun:  mpmath.odefun (Taylor series) on the ReLU field as it is, the tool
         people reach for; it does not know the field is only piecewise
         polynomial. Times itself (best of 1) and prints the endpoint.
regions: an independent region-by-region reference: odefun on the polynomial
         field of the current activation pattern, the first zero of every
         pre-activation located with findroot on the odefun solution, then the
         pattern switched and the integration restarted from the crossing.
         (Crossings only: it stops with an error if a sliding mode starts.)

Prints JSON: {"seconds": s, "cpu_seconds": s, "theta": [..], "events": [[t, k, i], ..]}
(seconds: wall time; cpu_seconds: this process's CPU time over the same span).
Square loss only. Independent of the TypeScript code (written from the formulas).
"""
import csv
import json
import sys
import time
from fractions import Fraction

import mpmath
from mpmath import mp, mpf


def load(net_path, data_path):
    net = json.load(open(net_path))
    rows = list(csv.reader(open(data_path)))[1:]
    W1 = [[Fraction(v) for v in r] for r in net["W1"]]
    b1 = [Fraction(v) for v in net["b1"]] if "b1" in net else None
    W2 = [[Fraction(v) for v in r] for r in net["W2"]]
    b2 = [Fraction(v) for v in net["b2"]] if "b2" in net else None
    e = len(W2)
    d = len(W1[0])
    X = [[Fraction(v) for v in r[:d]] for r in rows]
    Y = [[Fraction(v) for v in r[d:]] for r in rows]
    return W1, b1, W2, b2, X, Y


def main():
    net_path, data_path, T, digits = sys.argv[1], sys.argv[2], Fraction(sys.argv[3]), int(sys.argv[4])
    mode = sys.argv[5] if len(sys.argv) > 5 else "odefun"
    mp.dps = digits + 5
    W1, b1, W2, b2, X, Y = load(net_path, data_path)
    l, d, e, n = len(W1), len(W1[0]), len(W2), len(X)
    bias = b1 is not None
    din = d + (1 if bias else 0)
    Xt = [[mpf(v.numerator) / v.denominator for v in x] + ([mpf(1)] if bias else []) for x in X]
    Yt = [[mpf(v.numerator) / v.denominator for v in y] for y in Y]
    theta0 = []
    for k in range(l):
        theta0 += [mpf(v.numerator) / v.denominator for v in W1[k]] + ([mpf(b1[k].numerator) / b1[k].denominator] if bias else [])
    for j in range(e):
        theta0 += [mpf(v.numerator) / v.denominator for v in W2[j]]
    has_b2 = b2 is not None
    if has_b2:
        theta0 += [mpf(v.numerator) / v.denominator for v in b2]

    def z_of(th, i, k):
        return mp.fsum(th[k * din + m] * Xt[i][m] for m in range(din))

    def field(th, pattern=None):
        # pattern[i][k] in {0, 1}: the relu slope; None: read from the sign of z.
        a = lambda j, k: th[l * din + j * l + k]
        Z = [[z_of(th, i, k) for k in range(l)] for i in range(n)]
        S = [[(pattern[i][k] if pattern is not None else (1 if Z[i][k] > 0 else 0)) for k in range(l)] for i in range(n)]
        H = [[S[i][k] * Z[i][k] for k in range(l)] for i in range(n)]
        g = [mpf(0)] * len(th)
        for i in range(n):
            r = []
            for j in range(e):
                f = mp.fsum(a(j, k) * H[i][k] for k in range(l)) + (th[l * din + e * l + j] if has_b2 else 0)
                r.append(2 * (f - Yt[i][j]) / n)
            for j in range(e):
                if has_b2:
                    g[l * din + e * l + j] += r[j]
                for k in range(l):
                    g[l * din + j * l + k] += r[j] * H[i][k]
            for k in range(l):
                delta = S[i][k] * mp.fsum(a(j, k) * r[j] for j in range(e))
                for m in range(din):
                    g[k * din + m] += delta * Xt[i][m]
        return [-v for v in g]

    t0 = time.perf_counter()
    c0 = time.process_time()
    events = []
    if mode == "odefun":
        sol = mpmath.odefun(lambda t, y: field(y), 0, theta0)
        theta = sol(mpf(T.numerator) / T.denominator)
    else:
        t = mpf(0)
        Tm = mpf(T.numerator) / T.denominator
        theta = theta0
        pattern = [[1 if z_of(theta, i, k) > 0 else 0 for k in range(l)] for i in range(n)]
        while True:
            pat = [row[:] for row in pattern]
            sol = mpmath.odefun(lambda s, y: field(y, pat), 0, theta)
            # first sign change of some z on a grid of the remaining interval, refined by findroot
            span = Tm - t
            grid = 64
            hit = None
            prev = [[z_of(theta, i, k) for k in range(l)] for i in range(n)]
            for g in range(1, grid + 1):
                s = span * g / grid
                th = sol(s)
                cur = [[z_of(th, i, k) for k in range(l)] for i in range(n)]
                cands = []
                for i in range(n):
                    for k in range(l):
                        side = 1 if pat[i][k] == 1 else -1
                        if side * cur[i][k] < 0:
                            lo = span * (g - 1) / grid
                            root = mpmath.findroot(lambda u: z_of(sol(u), i, k), (lo, s), solver="anderson")
                            cands.append((root, i, k))
                if cands:
                    hit = min(cands)
                    break
            if hit is None:
                theta = sol(span)
                break
            root, i, k = hit
            theta = sol(root)
            t = t + root
            events.append([mpmath.nstr(t, digits), k, i])
            pattern[i][k] = 1 - pattern[i][k]
            # the new side must carry on, otherwise this is a sliding mode
            rate = mp.fsum(Xt[i][m] * field(theta, pattern)[k * din + m] for m in range(din))
            if (rate > 0) != (pattern[i][k] == 1):
                raise SystemExit("sliding mode: not supported by this reference")
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "theta": [mpmath.nstr(v, digits + 5) for v in theta], "events": events}))


main()
