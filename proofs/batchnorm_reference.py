#!/usr/bin/python3
"""PyTorch float64 reference for batch normalisation in training mode (BatchNorm1d after a
linear layer, BatchNorm2d on a conv-shaped tensor): forward values and gradients, written to
test/fixtures/batchnorm/torch_reference.json, which test/net/batchNormTorch.test.ts compares
with relutopo's batchNormForward/batchNormBackward and lossAndGradient.

Run with Debian's PyTorch: /usr/bin/python3 proofs/batchnorm_reference.py
Every input is a short decimal or a small integer ratio, so the test reads the same values exactly.
"""
import json
import os
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "batchnorm", "torch_reference.json")


def rows(t):
    return [[float(v) for v in r] for r in t.reshape(t.shape[0], -1).tolist()]


def grid(seed, shape, den):
    # small rationals k/den with integer k in [-9, 9], from a fixed generator
    g = torch.Generator().manual_seed(seed)
    return torch.randint(-9, 10, shape, generator=g).to(torch.float64) / den


# 1. BatchNorm2d on a batch of 3 images, 2 channels, 2x3 positions, with an upstream gradient.
z = grid(1, (3, 2, 2, 3), 4).requires_grad_()
gamma2 = torch.tensor([1.5, -0.75], requires_grad=True)
beta2 = torch.tensor([0.25, 2.0], requires_grad=True)
bn2 = torch.nn.BatchNorm2d(2, eps=1e-5)
with torch.no_grad():
    bn2.weight.copy_(gamma2)
    bn2.bias.copy_(beta2)
bn2.train()
y = bn2(z)
dy = grid(2, y.shape, 8)
y.backward(dy)
conv_case = {
    "Z": rows(z.detach()),
    "gamma": gamma2.tolist(),
    "beta": beta2.tolist(),
    "eps": "1e-5",
    "dY": rows(dy),
    "Y": rows(y.detach()),
    "dZ": rows(z.grad),
    "dGamma": bn2.weight.grad.tolist(),
    "dBeta": bn2.bias.grad.tolist(),
}

# 2. Linear(3, 4) -> BatchNorm1d(4) -> ReLU -> Linear(4, 1), MSELoss over 6 points.
X = grid(3, (6, 3), 2)
Y = grid(4, (6, 1), 4)
lin1 = torch.nn.Linear(3, 4)
bn1 = torch.nn.BatchNorm1d(4, eps=1e-5)
lin2 = torch.nn.Linear(4, 1)
with torch.no_grad():
    lin1.weight.copy_(grid(5, (4, 3), 4))
    lin1.bias.copy_(grid(6, (4,), 8))
    bn1.weight.copy_(torch.tensor([1.25, 0.5, -1.0, 2.0]))
    bn1.bias.copy_(torch.tensor([0.5, -0.25, 0.75, 0.0]))
    lin2.weight.copy_(grid(7, (1, 4), 4))
    lin2.bias.copy_(torch.tensor([0.125]))
net = torch.nn.Sequential(lin1, bn1, torch.nn.ReLU(), lin2).train()
loss = torch.nn.MSELoss()(net(X), Y)
loss.backward()
dense_case = {
    "network": {
        "activation": "relu",
        "layers": [
            {"W": lin1.weight.tolist(), "b": lin1.bias.tolist(),
             "norm": {"gamma": bn1.weight.tolist(), "beta": bn1.bias.tolist(), "eps": "1e-5"}},
            {"W": lin2.weight.tolist(), "b": lin2.bias.tolist()},
        ],
    },
    "X": X.tolist(),
    "Y": Y.tolist(),
    "loss": loss.item(),
    "grad": [
        {"W": lin1.weight.grad.tolist(), "b": lin1.bias.grad.tolist(),
         "gamma": bn1.weight.grad.tolist(), "beta": bn1.bias.grad.tolist()},
        {"W": lin2.weight.grad.tolist(), "b": lin2.bias.grad.tolist()},
    ],
}

with open(OUT, "w") as f:
    json.dump({"generator": "proofs/batchnorm_reference.py", "torch": torch.__version__,
               "batchNorm2d": conv_case, "linearBatchNorm1d": dense_case}, f)
    f.write("\n")
print(f"wrote {os.path.normpath(OUT)}")
