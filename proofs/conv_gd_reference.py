"""Reference for exact gradient descent on small convolutional networks: PyTorch in float64.

Run with the Python that has torch (`/usr/bin/python3 proofs/conv_gd_reference.py`); it writes
test/fixtures/conv/gd_reference.json, which test/flow/convReference.test.ts compares the exact run
against (to ~1e-12: the reference rounds, the run does not). Weights are multiples of 1/64 and the
data small integers, so both sides start from the same exact values.
"""

import json
import random
from fractions import Fraction
from pathlib import Path

import torch

torch.set_default_dtype(torch.float64)
OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "conv" / "gd_reference.json"


def arch_json(model, input_shape):
    """The architecture file of an nn.Sequential, in relutopo's JSON form."""
    layers = []
    for m in model:
        if isinstance(m, (torch.nn.Conv1d, torch.nn.Conv2d)):
            dims = 1 if isinstance(m, torch.nn.Conv1d) else 2
            layers.append({f"conv{dims}d": {"out": m.out_channels, "kernel": list(m.kernel_size), "stride": list(m.stride),
                                            "padding": list(m.padding), "groups": m.groups, "bias": m.bias is not None}})
        elif isinstance(m, torch.nn.ReLU):
            layers.append({"relu": {}})
        elif isinstance(m, (torch.nn.MaxPool1d, torch.nn.MaxPool2d, torch.nn.AvgPool1d, torch.nn.AvgPool2d)):
            name = type(m).__name__.lower()
            k = m.kernel_size if isinstance(m.kernel_size, (tuple, list)) else [m.kernel_size] * (1 if name.endswith("1d") else 2)
            s = m.stride if isinstance(m.stride, (tuple, list)) else [m.stride] * len(k)
            layers.append({name: {"kernel": list(k), "stride": list(s)}})
        elif isinstance(m, torch.nn.Flatten):
            layers.append({"flatten": {}})
        elif isinstance(m, torch.nn.Linear):
            layers.append({"linear": {"out": m.out_features, "bias": m.bias is not None}})
    return {"input": list(input_shape), "layers": layers}


def text(x):
    return str(Fraction(x).limit_denominator(1 << 20)) if Fraction(x).denominator <= (1 << 20) else repr(float(x))


def case(name, model, input_shape, n, outputs, rng, lr, steps, save=None):
    weights = [m for m in model if hasattr(m, "weight")]
    with torch.no_grad():
        for m in weights:
            m.weight.copy_(torch.tensor([rng.randint(-48, 48) / 64 for _ in range(m.weight.numel())]).reshape(m.weight.shape))
            if m.bias is not None:
                m.bias.copy_(torch.tensor([rng.randint(-16, 16) / 64 for _ in range(m.bias.numel())]))
    X = torch.tensor([[rng.randint(-3, 3) for _ in range(int(torch.tensor(input_shape).prod()))] for _ in range(n)], dtype=torch.float64)
    Y = torch.tensor([[rng.randint(-2, 2) for _ in range(outputs)] for _ in range(n)], dtype=torch.float64)
    # what a checkpoint holds: weights, biases, each convolution's kernel and groups (no stride, padding or pooling)
    net = {"layers": [{"W": [[text(v) for v in row] for row in m.weight.detach().reshape(m.weight.shape[0], -1).tolist()],
                       **({"b": [text(v) for v in m.bias.detach().tolist()]} if m.bias is not None else {}),
                       **({"conv": {"kernel": list(m.kernel_size), "groups": m.groups}} if hasattr(m, "kernel_size") else {})}
                      for m in weights]}
    header = ",".join([f"x{i}" for i in range(X.shape[1])] + [f"y{j}" for j in range(outputs)])
    csv = header + "\n" + "".join(",".join(str(int(v)) for v in row) + "\n" for row in torch.cat([X, Y], 1).tolist())
    if save is not None:
        # the starting state_dict, for the command-line test (gd --arch … --net this file)
        torch.save(model.state_dict(), OUT.parent / save)
        (OUT.parent / save).with_suffix(".csv").write_text(csv)
        shape = ", ".join(str(n) for n in input_shape)
        (OUT.parent / save).with_suffix(".arch.txt").write_text(f"# input: [{shape}]\n{model!r}\n")
    opt = torch.optim.SGD(model.parameters(), lr=float(Fraction(lr)))
    loss_fn = torch.nn.MSELoss()
    losses, params = [], []
    xs = X.reshape(n, *input_shape)
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(xs), Y)
        losses.append(repr(loss.item()))
        loss.backward()
        opt.step()
        params.append([repr(v) for p in model.parameters() for v in p.detach().reshape(-1).tolist()])
    with torch.no_grad():
        losses.append(repr(loss_fn(model(xs), Y).item()))
    return {"name": name, "torch": torch.__version__, "arch": arch_json(model, input_shape), "repr": repr(model), "net": net, "data": csv,
            "lr": lr, "steps": steps, "losses": losses, "params": params}


def main():
    rng = random.Random(25)
    two_d = torch.nn.Sequential(
        torch.nn.Conv2d(2, 4, kernel_size=3, stride=1, padding=1, groups=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(4, 2, kernel_size=2, groups=2, bias=False), torch.nn.ReLU(), torch.nn.AvgPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(2, 2))
    one_d = torch.nn.Sequential(
        torch.nn.Conv1d(1, 3, kernel_size=3, stride=2, padding=1), torch.nn.ReLU(), torch.nn.MaxPool1d(2, stride=1),
        torch.nn.Flatten(), torch.nn.Linear(9, 1))
    cases = [case("conv2d groups, maxpool, avgpool, flatten", two_d, (2, 6, 6), 3, 2, rng, "1/8", 3, "gd_conv2d.pt"),
             case("conv1d stride 2, padding, overlapping maxpool", one_d, (1, 7), 4, 1, rng, "1/32", 3)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "proofs/conv_gd_reference.py", "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
