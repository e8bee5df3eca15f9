# Follow a PyTorch training run with relutopo: save a checkpoint every k steps, then
#   npx relutopo track 'examples/run/step_*.safetensors' --data examples/run/data.csv
# Each checkpoint is a safetensors file whose metadata names the activation and the step, so
# relutopo orders the files by step and never guesses the activation. Needs torch and numpy
# (safetensors is written by hand below: an 8-byte header length, a JSON header, the raw data;
# `safetensors.torch.save_file(sd, path, metadata=...)` does the same).
#   python3 examples/track_training.py
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run")
STEPS, EVERY, LR = 40, 10, 0.3


def save(state_dict, path, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in state_dict.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


torch.manual_seed(3)
x = torch.linspace(-1, 1, 8).unsqueeze(1)
y = x.abs()  # |x|: two relu neurons of opposite input signs fit it exactly
model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
opt = torch.optim.SGD(model.parameters(), lr=LR)
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "data.csv"), "w") as f:
    f.write("x,y\n" + "".join(f"{a.item()!r},{b.item()!r}\n" for a, b in zip(x.double(), y.double())))
for step in range(STEPS + 1):
    if step % EVERY == 0:
        save(model.state_dict(), os.path.join(OUT, f"step_{step:04d}.safetensors"), {"activation": "relu", "step": str(step)})
    loss = torch.nn.functional.mse_loss(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
