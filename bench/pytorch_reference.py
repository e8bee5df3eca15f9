#!/usr/bin/env python3
"""The independent side of bench/readModel.bench.ts.

  python3 bench/pytorch_reference.py write FILE WIDTHS   writes PyTorch's default initialisation of
      nn.Sequential(Linear, ReLU, …) with these widths (kaiming-uniform with a = sqrt(5), i.e.
      U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases, drawn with numpy, seed 0) as a
      safetensors file written by hand: 8-byte little-endian header length, JSON header, raw data.
  python3 bench/pytorch_reference.py c FILE               prints, as JSON, the exact c of every hidden
      neuron computed with Python integers only (every float32 is m * 2^-149: the sum of squares is
      one integer sum and one shift), and the seconds that took.
"""
import json
import struct
import sys
import time
from fractions import Fraction

import numpy as np


def write(path, widths):
    rng = np.random.default_rng(0)
    header, blobs, offset = {"__metadata__": {"activation": "relu"}}, [], 0
    for i in range(len(widths) - 1):
        fan_in, fan_out = widths[i], widths[i + 1]
        bound = 1 / np.sqrt(fan_in)
        for name, shape in [(f"{2 * i}.weight", (fan_out, fan_in)), (f"{2 * i}.bias", (fan_out,))]:
            data = rng.uniform(-bound, bound, shape).astype("<f4").tobytes()
            header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
            blobs.append(data)
            offset += len(data)
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def exact_c(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + n])
    t0 = time.perf_counter()
    mats = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        bits = np.frombuffer(raw[8 + n + b : 8 + n + end], dtype="<u4").tolist()
        # the float32 with these bits as the integer m with value m * 2^-149
        ints = []
        for u in bits:
            exp, frac = (u >> 23) & 0xFF, u & 0x7FFFFF
            m = frac if exp == 0 else (frac | 0x800000) << (exp - 1)
            ints.append(-m if u >> 31 else m)
        mats[name] = (e["shape"], ints)
    layers = sorted({int(k.split(".")[0]) for k in mats})
    out = []
    for a, b in zip(layers, layers[1:]):
        (rows, cols), W = mats[f"{a}.weight"]
        bias = mats[f"{a}.bias"][1]
        (rows2, _), W2 = mats[f"{b}.weight"]
        row = []
        for k in range(rows):
            s = sum(v * v for v in W[k * cols : (k + 1) * cols]) + bias[k] * bias[k] - sum(W2[r * rows + k] ** 2 for r in range(rows2))
            q = Fraction(s, 1 << 298)
            row.append(str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}")
        out.append(row)
    print(json.dumps({"seconds": time.perf_counter() - t0, "invariants": [c for r in out for c in r]}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], [int(x) for x in sys.argv[3].split(",")])
    else:
        exact_c(sys.argv[2])
