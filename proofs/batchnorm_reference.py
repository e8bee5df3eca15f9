#!/usr/bin/python3
"""PyTorch float64 reference for batch normalisation in training mode (BatchNorm2d on a conv-shaped
tensor; a Linear -> BatchNorm1d net; a Conv2d -> BatchNorm2d -> ReLU -> MaxPool2d -> Linear net):
forward values and gradients, written to test/fixtures/batchnorm/torch_reference.json, which
test/net/batchNormTorch.test.ts and test/net/lossAndGradientBatchNorm.test.ts compare with
relutopo's batchNormForward/batchNormBackward and lossAndGradient.

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

# 3. Conv2d(2, 3, 3, stride 1, padding 1) -> BatchNorm2d(3) -> ReLU -> MaxPool2d(2) -> flatten -> Linear(12, 2),
#    MSELoss over 4 images of 2 x 4 x 4.
Xc = grid(8, (4, 2, 4, 4), 4)
Yc = grid(9, (4, 2), 4)
conv = torch.nn.Conv2d(2, 3, 3, stride=1, padding=1)
bnc = torch.nn.BatchNorm2d(3, eps=1e-5)
lin = torch.nn.Linear(12, 2)
with torch.no_grad():
    conv.weight.copy_(grid(10, (3, 2, 3, 3), 8))
    conv.bias.copy_(grid(11, (3,), 8))
    bnc.weight.copy_(torch.tensor([1.5, 0.75, -0.5]))
    bnc.bias.copy_(torch.tensor([0.25, -0.5, 1.0]))
    lin.weight.copy_(grid(12, (2, 12), 8))
    lin.bias.copy_(torch.tensor([0.0, 0.5]))
cnet = torch.nn.Sequential(conv, bnc, torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(), lin).train()
closs = torch.nn.MSELoss()(cnet(Xc), Yc)
closs.backward()
conv_net_case = {
    "network": {
        "activation": "relu",
        "input": {"channels": 2, "size": [4, 4]},
        "layers": [
            {"W": rows(conv.weight.detach()), "b": conv.bias.tolist(),
             "conv": {"kernel": [3, 3], "groups": 1, "stride": [1, 1], "padding": [1, 1]},
             "norm": {"gamma": bnc.weight.tolist(), "beta": bnc.bias.tolist(), "eps": "1e-5"},
             "pool": {"kind": "max", "kernel": [2, 2], "stride": [2, 2]}},
            {"W": lin.weight.tolist(), "b": lin.bias.tolist()},
        ],
    },
    "X": rows(Xc),
    "Y": Yc.tolist(),
    "loss": closs.item(),
    "grad": [
        {"W": rows(conv.weight.grad), "b": conv.bias.grad.tolist(),
         "gamma": bnc.weight.grad.tolist(), "beta": bnc.bias.grad.tolist()},
        {"W": lin.weight.grad.tolist(), "b": lin.bias.grad.tolist()},
    ],
}

with open(OUT, "w") as f:
    json.dump({"generator": "proofs/batchnorm_reference.py", "torch": torch.__version__,
               "batchNorm2d": conv_case, "linearBatchNorm1d": dense_case,
               "convBatchNorm2d": conv_net_case}, f)
    f.write("\n")
print(f"wrote {os.path.normpath(OUT)}")
