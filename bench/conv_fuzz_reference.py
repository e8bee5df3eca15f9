#!/usr/bin/env python3
"""The independent side of bench/convFuzz.bench.ts: random small convolutional networks, drawn
without looking at how relutopo reads them, with PyTorch's answers.

  /usr/bin/python3 bench/conv_fuzz_reference.py OUT_DIR [CASES] [SEED] [wide]

For each case k (default 200 cases, seed 0) it writes into OUT_DIR/case_k/:
  model.pt           torch.save(model.state_dict())
  model.safetensors  the same state_dict laid out as the safetensors library lays it out (tensors
                     sorted by dtype, then by name; written by hand, the package need not be installed)
  arch.txt           print(model), the line `input: [C, …size]` first
  data.csv           a batch of n inputs (flattened channel-major) and targets, small integers
  expected.json      what relutopo must print, computed here:
    "layers": per weight layer (Conv1d/Conv2d/Linear in order) the exact c of each hidden unit or
        channel as a Fraction string, from the raw float32 values (every float32 is a dyadic rational):
        ‖W_l[j]‖² + b_l[j]² − ‖readers of j‖², with (γ_j, β_j) in place of (W_l[j], b_l[j]) under a
        BatchNorm; the readers are the next layer's kernel slice of j's group, the block of
        in_features / C columns after a flatten, or column j;
    "kernel": per BatchNorm layer ‖W_l[j]‖² (exact);
    "start": the parameters as doubles (each float32 exactly);
    "loss", "grad", "step": torch's float64 nn.MSELoss on the batch (train mode), the gradient of every
        parameter and the parameters after one torch.optim.SGD step of lr 1/8, per weight layer as
        {"W": rows, "b"?, "gamma"?, "beta"?} (a kernel row is the kernel flattened [in/groups][k…]);
    "modules": the state_dict's module names in the model's order (for --layers on the safetensors file);
    "notes": what the architecture does that a reader might not follow (mixed activations, a pooling
        before the activation, a BatchNorm after the activation, nested modules), so that a refusal of
        those cases is expected and any other refusal is worth a look.

The architectures: a Conv1d or Conv2d chain of 1–3 convolutions (kernel 1–3 per dimension, stride 1–2,
padding up to kernel // 2, groups dividing both channel counts, bias or not), ReLU or LeakyReLU (or none)
after each, MaxPool/AvgPool (kernel 2 or 3, stride the kernel or 1) on some, BatchNorm (affine, training
mode, eps 1e-5 or 1e-3) on some, Flatten, then 1–2 Linear layers (a BatchNorm1d possible between);
modules named by nn.Sequential index, by name, or nested in named Sequentials. `wide` draws more: up to 6
channels, padding past kernel // 2, padding='same'/'valid', dilation, rectangular pooling windows, float64,
float16 and bfloat16 checkpoints (some with their BatchNorms in float32), a `module.` prefix, a checkpoint dict and the legacy (non-zip) format.
"""
import csv
import json
import os
import random
import struct
import sys
from collections import OrderedDict
from fractions import Fraction

import torch
from torch import nn

LR = Fraction(1, 8)
NAMES = ["conv", "c", "layer", "block", "feat", "fc", "lin", "head", "bn", "norm", "act", "pool", "z", "m", "proj", "enc"]


def fr(x):
    """The exact rational a float32 (held in a Python float) is."""
    return Fraction(float(x))


def fstr(q):
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def draw_arch(rng, wide):
    """The modules of one network, as a flat list of (kind, module), the input shape and notes."""
    dims = rng.choice([1, 2])
    channels = rng.randint(1, 3)
    size = [rng.randint(5, 14)] if dims == 1 else [rng.randint(4, 8), rng.randint(4, 8)]
    if wide:
        size = [rng.randint(5, 18)] if dims == 1 else [rng.randint(4, 10), rng.randint(4, 10)]
    input_shape = [channels, *size]
    act_kind = rng.choices(["relu", "leaky", "leaky01", "none"], [5, 2, 2, 1])[0]
    notes = []
    mods = []

    def act():
        kind = act_kind
        if rng.random() < 0.04:
            kind = rng.choice(["relu", "leaky", "none"])
            if kind != act_kind:
                notes.append("mixed activations")
        if kind == "relu":
            return nn.ReLU()
        if kind == "leaky":
            return nn.LeakyReLU()
        if kind == "leaky01":
            return nn.LeakyReLU(0.1)
        return None

    Conv = nn.Conv1d if dims == 1 else nn.Conv2d
    BN = nn.BatchNorm1d if dims == 1 else nn.BatchNorm2d
    Pools = [nn.MaxPool1d, nn.AvgPool1d] if dims == 1 else [nn.MaxPool2d, nn.AvgPool2d]
    for _ in range(rng.randint(1, 3)):
        out = rng.randint(1, 6 if wide else 4)
        groups = rng.choice([g for g in range(1, 5) if channels % g == 0 and out % g == 0])
        same = dims == 2 and rng.random() < 0.5
        kernel = [rng.randint(1, 3) for _ in size]
        if same:
            kernel = [kernel[0]] * dims
        padding = [rng.randint(0, k // 2) for k in kernel]
        stride = [rng.choice([1, 1, 2]) for _ in size]
        if same:
            stride = [stride[0]] * dims
            padding = [padding[0]] * dims
        # wide: padding past kernel // 2, 'same' and 'valid', dilation
        pad_arg, dilation = tuple(padding), 1
        if wide:
            if rng.random() < 0.2:
                padding = [rng.randint(0, k) for k in kernel]
                pad_arg = tuple(padding)
            if rng.random() < 0.15 and stride == [1] * dims:
                pad_arg = rng.choice(["same", "same", "valid"])
                if pad_arg == "valid":
                    padding = [0] * dims
                elif any(k % 2 == 0 for k in kernel):
                    notes.append("padding='same' with an even kernel")
                    padding = None
                else:
                    padding = [k // 2 for k in kernel]
            if rng.random() < 0.05:
                dilation = 2
                notes.append("dilation")
        if pad_arg == "same":
            new = list(size)
        else:
            new = [(n + 2 * p - dilation * (k - 1) - 1) // s + 1 for n, p, k, s in zip(size, padding, kernel, stride)]
        if min(new) < 1:
            continue
        bias = rng.random() < 0.6
        ksz = kernel[0] if rng.random() < 0.5 and len(set(kernel)) == 1 else tuple(kernel)
        conv = Conv(channels, out, ksz, stride=tuple(stride), padding=pad_arg, groups=groups, bias=bias, dilation=dilation)
        mods.append(("conv", conv))
        channels, size = out, new
        bn = BN(out, eps=rng.choice([1e-5, 1e-3])) if rng.random() < 0.3 else None
        a = act()
        if bn is not None and a is not None and rng.random() < 0.05:
            notes.append("batchnorm after the activation")
            mods += [("act", a), ("bn", bn)]
        else:
            if bn is not None:
                mods.append(("bn", bn))
            if a is not None:
                mods.append(("act", a))
        if rng.random() < 0.4:
            k = rng.choice([2, 3])
            if min(size) >= k:
                stride_one = rng.random() < 0.4
                P = rng.choice(Pools)
                window = [k] * dims
                if wide and dims == 2 and rng.random() < 0.3:
                    window = [rng.choice([1, 2, 3]), rng.choice([2, 3])]
                    k = tuple(window)
                pool = P(k, stride=1) if stride_one else P(k)
                size = [(n - w) // (1 if stride_one else w) + 1 for n, w in zip(size, window)]
                if a is not None and rng.random() < 0.05:
                    notes.append("pooling before the activation")
                    mods.insert(len(mods) - 1, ("pool", pool))
                else:
                    mods.append(("pool", pool))
    if not any(k == "conv" for k, _ in mods):
        conv = Conv(channels, 2, 1)
        mods.append(("conv", conv))
        channels = 2
        a = act()
        if a is not None:
            mods.append(("act", a))
    mods.append(("flatten", nn.Flatten()))
    features = channels
    for n in size:
        features *= n
    if rng.random() < 0.5:
        hidden = rng.randint(2, 5)
        mods.append(("linear", nn.Linear(features, hidden, bias=rng.random() < 0.8)))
        if rng.random() < 0.3:
            mods.append(("bn", nn.BatchNorm1d(hidden, eps=rng.choice([1e-5, 1e-3]))))
        a = act()
        if a is not None:
            mods.append(("act", a))
        features = hidden
    mods.append(("linear", nn.Linear(features, rng.randint(1, 3), bias=rng.random() < 0.8)))
    return mods, input_shape, notes


def build(rng, mods, notes):
    """The model, named one of three ways."""
    style = rng.choice(["sequential", "named", "nested"])
    if style == "sequential":
        return nn.Sequential(*[m for _, m in mods])
    used = set()

    def name(kind):
        while True:
            n = f"{rng.choice(NAMES)}{rng.randint(0, 12)}" if rng.random() < 0.7 else f"{kind}{rng.randint(1, 12)}"
            if n not in used:
                used.add(n)
                return n

    if style == "named":
        return nn.Sequential(OrderedDict((name(k), m) for k, m in mods))
    notes.append("nested modules")
    cut = next(i for i, (k, _) in enumerate(mods) if k == "flatten")
    return nn.Sequential(
        OrderedDict(
            [
                (name("features"), nn.Sequential(*[m for _, m in mods[:cut]])),
                (name("classifier"), nn.Sequential(*[m for _, m in mods[cut:]])),
            ]
        )
    )


def weight_layers(mods):
    """Per weight layer: the module, the BatchNorm that belongs to it, in order."""
    layers = []
    for kind, m in mods:
        if kind in ("conv", "linear"):
            layers.append({"m": m, "bn": None})
        elif kind == "bn":
            layers[-1]["bn"] = m
    return layers


def rows(t):
    """A weight tensor as relutopo's rows: one per output unit or channel, the rest flattened."""
    return t.reshape(t.shape[0], -1)


def exact_laws(layers):
    out, kernel = [], {}
    for l, (lay, nxt) in enumerate(zip(layers, layers[1:])):
        W = [[fr(v) for v in r] for r in rows(lay["m"].weight.detach()).tolist()]
        b = [fr(v) for v in lay["m"].bias.detach().tolist()] if lay["m"].bias is not None else None
        N = [[fr(v) for v in r] for r in rows(nxt["m"].weight.detach()).tolist()]
        C = len(W)
        m = nxt["m"]
        cs = []
        for j in range(C):
            if isinstance(m, (nn.Conv1d, nn.Conv2d)):
                per_group_in = C // m.groups
                per_group_out = m.out_channels // m.groups
                g, p = divmod(j, per_group_in)
                ksz = len(N[0]) // per_group_in
                readers = [v for r in N[g * per_group_out : (g + 1) * per_group_out] for v in r[p * ksz : (p + 1) * ksz]]
            else:
                block = len(N[0]) // C
                readers = [v for r in N for v in r[j * block : (j + 1) * block]]
            if lay["bn"] is not None:
                gamma, beta = fr(lay["bn"].weight[j].item()), fr(lay["bn"].bias[j].item())
                incoming = gamma * gamma + beta * beta
            else:
                incoming = sum((v * v for v in W[j]), Fraction(0)) + (b[j] * b[j] if b is not None else 0)
            cs.append(fstr(incoming - sum((v * v for v in readers), Fraction(0))))
        out.append(cs)
        if lay["bn"] is not None:
            kernel[str(l + 1)] = [fstr(sum((v * v for v in r), Fraction(0))) for r in W]
    return out, kernel


def params_of(layers, grad):
    res = []
    for lay in layers:
        m, bn = lay["m"], lay["bn"]
        pick = (lambda p: p.grad) if grad else (lambda p: p.detach())
        e = {"W": [[repr(v) for v in r] for r in rows(pick(m.weight)).tolist()]}
        if m.bias is not None:
            e["b"] = [repr(v) for v in pick(m.bias).tolist()]
        if bn is not None:
            e["gamma"] = [repr(v) for v in pick(bn.weight).tolist()]
            e["beta"] = [repr(v) for v in pick(bn.bias).tolist()]
        res.append(e)
    return res


def write_safetensors(path, sd):
    """The file safetensors' save_file writes: data sorted by dtype (I64, F64, F32, BF16, F16), then by name."""
    rank = {torch.int64: 0, torch.float64: 1, torch.float32: 2, torch.bfloat16: 3, torch.float16: 4}
    items = sorted(sd.items(), key=lambda kv: (rank[kv[1].dtype], kv[0]))
    header, blobs, offset = {}, [], 0
    names = {torch.int64: "I64", torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16"}
    for name, t in items:
        raw = t.contiguous().view(torch.int16) if t.dtype == torch.bfloat16 else t.contiguous()
        data = raw.numpy().tobytes()
        dtype = names[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def one_case(rng, directory, wide):
    torch.manual_seed(rng.randrange(1 << 30))
    mods, input_shape, notes = draw_arch(rng, wide)
    model = build(rng, mods, notes)
    os.makedirs(directory, exist_ok=True)
    # wide: half and double precision, a DataParallel prefix, a checkpoint dict, the legacy format
    if wide:
        model.to(rng.choices([torch.float32, torch.float64, torch.float16, torch.bfloat16], [6, 2, 1, 1])[0])
        if rng.random() < 0.15:
            # mixed precision: the BatchNorms kept in float32
            for m in model.modules():
                if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                    m.float()
    sd = model.state_dict()
    if wide and rng.random() < 0.1:
        sd = OrderedDict((f"module.{k}", v) for k, v in sd.items())
    saved = sd
    if wide and rng.random() < 0.15:
        saved = {rng.choice(["state_dict", "model", "model_state_dict"]): sd, "epoch": 3}
    legacy = wide and rng.random() < 0.1
    torch.save(saved, os.path.join(directory, "model.pt"), _use_new_zipfile_serialization=not legacy)
    write_safetensors(os.path.join(directory, "model.safetensors"), sd)
    with open(os.path.join(directory, "arch.txt"), "w") as f:
        f.write(f"input: {json.dumps(input_shape)}\n{model}\n")
    n = rng.randint(2, 4)
    features = 1
    for d in input_shape:
        features *= d
    outputs = mods[-1][1].out_features
    X = [[rng.randint(-3, 3) for _ in range(features)] for _ in range(n)]
    Y = [[rng.randint(-2, 2) for _ in range(outputs)] for _ in range(n)]
    with open(os.path.join(directory, "data.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"x{k}" for k in range(features)] + [f"y{k}" for k in range(outputs)])
        for x, y in zip(X, Y):
            w.writerow(x + y)
    layers = weight_layers(mods)
    laws, kernel = exact_laws(layers)
    start = params_of(layers, False)
    model.double().train()
    x = torch.tensor(X, dtype=torch.float64).reshape(n, *input_shape)
    # a channel constant over the batch sits on the activation's kink after its BatchNorm, where only
    # float64's rounding of the mean decides torch's gradient: its step is no reference there
    constant = []
    hooks = [
        lay["bn"].register_forward_hook(lambda mod, inp, out: constant.append(bool((inp[0].transpose(0, 1).reshape(inp[0].shape[1], -1).var(dim=1) < 1e-20).any())))
        for lay in layers
        if lay["bn"] is not None
    ]
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    if any(constant):
        notes.append("a channel constant over the batch under a BatchNorm")
    loss = nn.MSELoss()(model(x), torch.tensor(Y, dtype=torch.float64))
    loss.backward()
    grad = params_of(layers, True)
    torch.optim.SGD(model.parameters(), lr=float(LR)).step()
    expected = {
        "notes": sorted(set(notes)),
        "modules": list(OrderedDict.fromkeys(k.rsplit(".", 1)[0] for k in sd)),
        "batchNorm": any(lay["bn"] is not None for lay in layers),
        "layers": laws,
        "kernel": kernel,
        "loss": repr(loss.item()),
        "lr": fstr(LR),
        "start": start,
        "grad": grad,
        "step": params_of(layers, False),
    }
    with open(os.path.join(directory, "expected.json"), "w") as f:
        json.dump(expected, f)


def main():
    out = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    wide = len(sys.argv) > 4 and sys.argv[4] == "wide"
    rng = random.Random(seed)
    for k in range(cases):
        one_case(rng, os.path.join(out, f"case_{k}"), wide)


if __name__ == "__main__":
    main()
